import { Badge } from "@/components/ui/badge";
import type { DeadLetter } from "@/lib/types";

/** Open (waiting for a decision), or how it was resolved. */
export function DeadLetterStateBadge({ letter }: { letter: Pick<DeadLetter, "resolvedAt" | "resolution"> }) {
  if (!letter.resolvedAt) return <Badge tone="warning" data-testid="dead-letter-state">open</Badge>;
  return (
    <Badge tone={letter.resolution === "replayed" ? "success" : "neutral"} data-testid="dead-letter-state">
      {letter.resolution ?? "resolved"}
    </Badge>
  );
}
