import { Radio, RefreshCw } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatNumber } from "@/lib/format";
import { type Health, type LiveMode, totals } from "@/lib/syncs";
import type { SyncSession } from "@/lib/types";

const COLUMNS = ["read", "created", "updated", "unchanged", "deleted", "errors"] as const;

/** Per-entity counts of a session, in the order the engine reported them, with a total row. */
export function StatsTable({ session }: { session: SyncSession }) {
  const entries = Object.entries(session.stats ?? {});
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No records counted yet.</p>;
  const sum = totals(session);
  return (
    <Table data-testid="session-stats">
      <TableHeader>
        <TableRow>
          <TableHead>Entity</TableHead>
          {COLUMNS.map((column) => (
            <TableHead key={column} className="text-right">
              {column}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map(([entity, stats]) => (
          <TableRow key={entity}>
            <TableCell className="font-medium">{entity}</TableCell>
            {COLUMNS.map((column) => (
              <TableCell key={column} className={`text-right tabular-nums ${column === "errors" && stats[column] > 0 ? "text-destructive" : ""}`}>
                {formatNumber(stats[column])}
              </TableCell>
            ))}
          </TableRow>
        ))}
        {entries.length > 1 && (
          <TableRow className="font-semibold">
            <TableCell>Total</TableCell>
            {COLUMNS.map((column) => (
              <TableCell key={column} className="text-right tabular-nums">
                {formatNumber(sum[column])}
              </TableCell>
            ))}
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

/** Says how the page is kept current: pushed events, re-reading, or not at all (finished). */
export function LiveIndicator({ live }: { live: LiveMode }) {
  if (live === "events")
    return (
      <Badge tone="info" data-testid="live-mode" title="Updates are pushed by the server (server-sent events)">
        <Radio className="size-3" /> live
      </Badge>
    );
  if (live === "polling")
    return (
      <Badge tone="warning" data-testid="live-mode" title="This server offers no event stream for sessions; the page re-reads the session every 2 seconds">
        <RefreshCw className="size-3" /> refreshing every 2 s
      </Badge>
    );
  if (live === "connecting") return <Badge data-testid="live-mode">connecting…</Badge>;
  return null;
}

const healthTones: Record<Health, BadgeTone> = {
  healthy: "success",
  syncing: "info",
  "needs-approval": "warning",
  failing: "danger",
  "never-run": "neutral",
  disabled: "neutral",
  unknown: "neutral",
};

const healthLabels: Record<Health, string> = {
  healthy: "healthy",
  syncing: "syncing",
  "needs-approval": "needs approval",
  failing: "failing",
  "never-run": "never run",
  disabled: "disabled",
  unknown: "no run data",
};

export function HealthBadge({ health }: { health: Health }) {
  return (
    <Badge tone={healthTones[health]} data-testid="health">
      {healthLabels[health]}
    </Badge>
  );
}

/** One error of a session, whatever fields the engine gives it. */
export function SessionErrorItem({ error }: { error: unknown }) {
  if (typeof error === "string") return <li className="text-sm">{error}</li>;
  if (error && typeof error === "object") {
    const { message, kind, stream, entity, externalId, stage, ...rest } = error as Record<string, unknown>;
    const where = [stage, stream ?? entity, externalId].filter((part) => part != null && part !== "").map(String);
    return (
      <li className="text-sm">
        {kind != null && <span className="mr-2 rounded bg-destructive/10 px-1 font-mono text-xs">{String(kind)}</span>}
        {where.length > 0 && <span className="mr-2 font-mono text-xs text-muted-foreground">{where.join(" · ")}</span>}
        {message != null ? String(message) : JSON.stringify(rest)}
      </li>
    );
  }
  return <li className="text-sm">{String(error)}</li>;
}

interface GuardCheck {
  entity?: string;
  entityType?: string;
  share?: number;
  active?: number;
  updated?: number;
  deleted?: number;
  limit?: number;
  exceeded?: boolean;
}

/** The mass-change guard's finding: per entity, how much of the roster the run would change. */
export function GuardTable({ guard }: { guard: Record<string, unknown> }) {
  const list = guard.entities ?? guard.checks;
  const checks = Array.isArray(list) ? (list as GuardCheck[]) : [];
  if (checks.length === 0) return <pre className="overflow-auto rounded-md bg-muted p-2 font-mono text-xs">{JSON.stringify(guard, null, 2)}</pre>;
  return (
    <>
    {typeof guard.summary === "string" && <p className="mb-3 text-sm" data-testid="guard-summary">{guard.summary}</p>}
    <Table data-testid="guard-table">
      <TableHeader>
        <TableRow>
          <TableHead>Entity</TableHead>
          <TableHead className="text-right">Active before</TableHead>
          <TableHead className="text-right">Would change</TableHead>
          <TableHead className="text-right">Would delete</TableHead>
          <TableHead className="text-right">Share</TableHead>
          <TableHead className="text-right">Limit</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {checks.map((check, index) => {
          const changed = (check.updated ?? 0) + (check.deleted ?? 0);
          const share = check.share ?? (check.active ? changed / check.active : changed > 0 ? 1 : 0);
          const entity = check.entity ?? check.entityType ?? "—";
          return (
            <TableRow key={`${entity}-${index}`} className={check.exceeded ? "text-destructive" : undefined}>
              <TableCell className="font-medium">
                {String(entity).toLowerCase()}
                {check.exceeded && <span className="ml-2 text-xs font-semibold">over the limit</span>}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatNumber(check.active)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatNumber(check.updated)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatNumber(check.deleted)}</TableCell>
              <TableCell className="text-right tabular-nums">{(share * 100).toFixed(1)}%</TableCell>
              <TableCell className="text-right tabular-nums">{check.limit != null ? `${(check.limit * 100).toFixed(0)}%` : "—"}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
    </>
  );
}
