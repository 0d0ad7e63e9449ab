import { useState } from "react";
import { ProblemAlert } from "@/components/ProblemAlert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatNumber } from "@/lib/format";
import { syncPath } from "@/lib/syncs";
import type { ChangePage, StagedChange } from "@/lib/types";
import { useResource } from "@/lib/useResource";

const PAGE = 50;

const operationTones: Record<string, BadgeTone> = { created: "success", updated: "info", deleted: "danger", undeleted: "warning" };

/** What a held or dry-run session would change, record by record, a page at a time. */
export function ChangesPreview({ sessionId }: { sessionId: string }) {
  const [offset, setOffset] = useState(0);
  const page = useResource<ChangePage>(`${syncPath(sessionId)}/changes?limit=${PAGE}&offset=${offset}`);

  if (page.error) return <ProblemAlert error={page.error} what="The preview of a run's changes" />;
  if (!page.data) return <Skeleton className="h-32 w-full" />;
  if (page.data.total === 0) return <p className="text-sm text-muted-foreground">This run would change nothing.</p>;
  return (
    <div className="grid gap-3">
      <Table data-testid="changes-table">
        <TableHeader>
          <TableRow>
            <TableHead>Entity</TableHead>
            <TableHead>External id</TableHead>
            <TableHead>Change</TableHead>
            <TableHead className="hidden md:table-cell">Record</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.data.items.map((change, index) => (
            <TableRow key={`${change.entityType}-${change.externalId}-${index}`}>
              <TableCell>{change.entityType}</TableCell>
              <TableCell className="font-mono text-xs">{change.externalId}</TableCell>
              <TableCell>
                <Badge tone={operationTones[change.operation.toLowerCase()] ?? "neutral"}>{change.operation.toLowerCase()}</Badge>
              </TableCell>
              <TableCell className="hidden max-w-80 truncate text-muted-foreground md:table-cell">{describe(change)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="flex items-center justify-between text-sm text-muted-foreground">
        <span>
          {formatNumber(offset + 1)}–{formatNumber(offset + page.data.items.length)} of {formatNumber(page.data.total)} changes
        </span>
        <div className="flex gap-2">
          <Button variant="outline" size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </Button>
          <Button variant="outline" size="sm" disabled={offset + PAGE >= page.data.total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </Button>
        </div>
      </div>
    </div>
  );
}

/** A record in a few words: a person's name and email, else its title or name. */
function describe(change: StagedChange): string {
  const record = change.record as Record<string, unknown> | null;
  if (!record) return "—";
  const person = [record.givenName, record.familyName].filter((part) => typeof part === "string").join(" ");
  const parts = [person, record.email, record.title, record.name, record.identifier].filter((part): part is string => typeof part === "string" && part !== "");
  return parts.length > 0 ? parts.join(" · ") : JSON.stringify(record).slice(0, 120);
}
