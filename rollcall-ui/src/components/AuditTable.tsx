import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatRelative } from "@/lib/format";
import { Link } from "@/lib/router";
import type { AuditEntry } from "@/lib/types";

/** Audit entries with their target linked and, on demand, the state before and after. */
export function AuditTable({ entries, compact = false }: { entries: AuditEntry[]; compact?: boolean }) {
  return (
    <Table data-testid="audit-table">
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          {!compact && <TableHead>Actor</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id} className="align-top">
            <TableCell className="whitespace-nowrap" title={formatDateTime(entry.occurredAt)}>
              {compact ? formatRelative(entry.occurredAt) : formatDateTime(entry.occurredAt)}
            </TableCell>
            <TableCell>
              <code className="font-mono text-xs">{entry.action}</code>
              {!compact && (entry.before != null || entry.after != null) && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-muted-foreground">Before and after</summary>
                  <div className="mt-2 grid gap-2 md:grid-cols-2">
                    <JsonBlock label="Before" value={entry.before} />
                    <JsonBlock label="After" value={entry.after} />
                  </div>
                </details>
              )}
            </TableCell>
            <TableCell className="max-w-64 truncate">
              <Target entry={entry} />
            </TableCell>
            {!compact && <TableCell className="max-w-64 truncate text-muted-foreground" title={entry.actor}>{entry.actor}</TableCell>}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  if (entry.targetType === "integration" && entry.targetId) {
    return (
      <Link className="text-primary hover:underline" to={`/integrations/${entry.targetId}`}>
        {integrationName(entry) ?? entry.targetId}
      </Link>
    );
  }
  if (entry.targetType === "sync_session" && entry.targetId) {
    return (
      <Link className="text-primary hover:underline" to={`/syncs/${entry.targetId}`}>
        sync session <span className="font-mono text-xs">{entry.targetId.slice(0, 8)}</span>
      </Link>
    );
  }
  return (
    <span>
      {entry.targetType}
      {entry.targetId && <span className="ml-1 font-mono text-xs text-muted-foreground">{entry.targetId}</span>}
    </span>
  );
}

function integrationName(entry: AuditEntry): string | undefined {
  const state = (entry.after ?? entry.before) as { name?: unknown } | null;
  return state && typeof state.name === "string" ? state.name : undefined;
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0">
      <div className="mb-1 text-xs font-medium text-muted-foreground">{label}</div>
      <pre className="max-h-64 overflow-auto rounded-md bg-muted p-2 font-mono text-xs">{value == null ? "—" : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}
