import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { CheckStatus, SyncState } from "@/lib/types";

const syncTones: Record<SyncState, BadgeTone> = {
  queued: "neutral",
  running: "info",
  held: "warning",
  succeeded: "success",
  failed: "danger",
  cancelled: "neutral",
};

export function SyncStateBadge({ state }: { state: string }) {
  const key = state.toLowerCase() as SyncState;
  return (
    <Badge tone={syncTones[key] ?? "neutral"} data-testid="sync-state">
      {key === "running" && <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden />}
      {key}
    </Badge>
  );
}

const checkTones: Record<CheckStatus, BadgeTone> = { OK: "success", WARNING: "warning", FAILED: "danger" };

export function CheckStatusBadge({ status }: { status: CheckStatus }) {
  return <Badge tone={checkTones[status] ?? "neutral"}>{status.toLowerCase()}</Badge>;
}

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return <Badge tone={enabled ? "success" : "neutral"}>{enabled ? "enabled" : "disabled"}</Badge>;
}
