import { RefreshCw } from "lucide-react";
import { useEffect, useState } from "react";
import { AuditTable } from "@/components/AuditTable";
import { EmptyState, PageHeader } from "@/components/PageHeader";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { HealthBadge, LiveIndicator } from "@/components/SessionParts";
import { SyncStateBadge } from "@/components/StatusBadge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError, get } from "@/lib/api";
import { formatDuration, formatNumber, formatRelative } from "@/lib/format";
import { Link } from "@/lib/router";
import { healthOf, integrationSyncsPath, sessionsOf, totals, useLiveSession } from "@/lib/syncs";
import { type AuditEntry, type DeadLetterPage, type Integration, type IntegrationPage, type SyncSchedule, type SyncSession, syncState, TERMINAL_STATES } from "@/lib/types";
import { useResource } from "@/lib/useResource";

interface SessionsByIntegration {
  available: boolean;
  latest: Map<string, SyncSession | undefined>;
  schedules: Map<string, SyncSchedule>;
  error?: ApiError;
}

/** Reads every integration's latest sessions and schedule at once (requests in parallel). */
function useLatestSessions(integrations: Integration[] | undefined, generation: number): SessionsByIntegration | undefined {
  const [result, setResult] = useState<SessionsByIntegration>();
  const ids = integrations?.map((integration) => integration.id).join(",");
  useEffect(() => {
    if (ids === undefined) return;
    const controller = new AbortController();
    const list = ids ? ids.split(",") : [];
    const signal = controller.signal;
    Promise.all([
      Promise.allSettled(list.map((id) => get<unknown>(`${integrationSyncsPath(id)}?limit=1`, { signal }))),
      Promise.allSettled(list.map((id) => get<SyncSchedule>(`/api/v1/integrations/${encodeURIComponent(id)}/sync-schedule`, { signal }))),
    ]).then(([answers, scheduleAnswers]) => {
      if (signal.aborted) return;
      const latest = new Map<string, SyncSession | undefined>();
      const schedules = new Map<string, SyncSchedule>();
      scheduleAnswers.forEach((answer, index) => {
        if (answer.status === "fulfilled") schedules.set(list[index]!, answer.value);
      });
      let available = true;
      let error: ApiError | undefined;
      answers.forEach((answer, index) => {
        if (answer.status === "fulfilled") latest.set(list[index]!, sessionsOf(answer.value)[0]);
        else if (answer.reason instanceof ApiError && answer.reason.missingEndpoint) available = false;
        else if (answer.reason instanceof ApiError) error = answer.reason;
      });
      setResult({ available, latest, schedules, error });
    });
    return () => controller.abort();
  }, [ids, generation]);
  return result;
}

/** What is healthy, what is running, what went wrong and what waits for a decision. */
export default function OverviewPage() {
  const integrations = useResource<IntegrationPage>("/api/v1/integrations?limit=1000");
  const audit = useResource<AuditEntry[]>("/api/v1/audit?limit=8");
  const deadLetters = useResource<DeadLetterPage>("/api/v1/dead-letters?state=open&limit=5");
  const [generation, setGeneration] = useState(0);
  const sessions = useLatestSessions(integrations.data?.items, generation);
  const refresh = () => {
    setGeneration((n) => n + 1);
    integrations.reload();
    audit.reload();
    deadLetters.reload();
  };

  const items = integrations.data?.items ?? [];
  const latestOf = (id: string) => sessions?.latest.get(id);
  const healths = items.map((integration) => healthOf(integration.enabled, latestOf(integration.id), sessions?.available ?? true));
  const running = items.filter((integration) => {
    const latest = latestOf(integration.id);
    return latest !== undefined && !TERMINAL_STATES.has(syncState(latest)) && syncState(latest) !== "held";
  });
  const held = items.filter((integration) => {
    const latest = latestOf(integration.id);
    return latest !== undefined && syncState(latest) === "held";
  });

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Overview"
        description="Every integration's health, what is running now, and recent changes."
        actions={
          <Button variant="outline" onClick={refresh}>
            <RefreshCw /> Refresh
          </Button>
        }
      />
      {integrations.error && <ProblemAlert error={integrations.error} />}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Integrations" value={integrations.data?.total} />
        <Stat label="Enabled" value={integrations.data ? items.filter((integration) => integration.enabled).length : undefined} />
        <Stat label="Syncing now" value={sessions?.available ? running.length : undefined} />
        <Stat label="Failing" value={sessions?.available ? healths.filter((health) => health === "failing").length : undefined} tone="danger" />
      </div>

      {sessions && !sessions.available && <NotAvailable what="Sync sessions (last run, counts and live progress)" />}
      {sessions?.error && <ProblemAlert error={sessions.error} />}

      {running.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>Running now</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {running.map((integration) => (
              <RunningSession key={latestOf(integration.id)!.id} integration={integration} sessionId={latestOf(integration.id)!.id} onFinished={refresh} />
            ))}
          </CardContent>
        </Card>
      )}

      {held.length > 0 && (
        <Card className="border-warning/50">
          <CardHeader>
            <CardTitle>Waiting for a decision</CardTitle>
            <CardDescription>These runs would change or delete more than the mass-change guard allows; approve or reject them.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-2">
            {held.map((integration) => (
              <Link key={integration.id} to={`/syncs/${latestOf(integration.id)!.id}`} className="flex items-center gap-3 text-primary hover:underline">
                <SyncStateBadge state="held" /> {integration.name}
              </Link>
            ))}
          </CardContent>
        </Card>
      )}

      {deadLetters.error && !deadLetters.error.missingEndpoint && <ProblemAlert error={deadLetters.error} what="Dead letters" />}
      {deadLetters.data && deadLetters.data.total > 0 && (
        <Card className="border-warning/50" data-testid="overview-dead-letters">
          <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
            <div>
              <CardTitle>
                {formatNumber(deadLetters.data.total)} dead letter{deadLetters.data.total === 1 ? "" : "s"} need a decision
              </CardTitle>
              <CardDescription>Records and webhook events that could not be applied: replay them once the cause is fixed, or discard them.</CardDescription>
            </div>
            <Link className="text-sm text-primary hover:underline" to="/dead-letters">
              All dead letters
            </Link>
          </CardHeader>
          <CardContent className="grid gap-2">
            {deadLetters.data.items.map((letter) => (
              <Link key={letter.id} to={`/dead-letters/${letter.id}`} className="flex flex-wrap items-baseline gap-x-3 rounded-md px-1 hover:bg-muted/50">
                <span className="font-medium text-primary">
                  {letter.stream ?? letter.source} {letter.externalId ?? ""}
                </span>
                <span className="min-w-0 flex-1 truncate text-sm text-muted-foreground">{letter.errorMessage}</span>
                <span className="text-xs text-muted-foreground">{formatRelative(letter.createdAt)}</span>
              </Link>
            ))}
          </CardContent>
        </Card>
      )}

      <Card>
        <CardHeader>
          <CardTitle>Integrations</CardTitle>
        </CardHeader>
        <CardContent>
          {integrations.loading && !integrations.data && <Skeleton className="h-32 w-full" />}
          {integrations.data && items.length === 0 && (
            <EmptyState title="No integrations yet">
              <Link className="text-primary hover:underline" to="/integrations/new">
                Connect a roster source
              </Link>{" "}
              to start.
            </EmptyState>
          )}
          {items.length > 0 && (
            <Table data-testid="overview-integrations">
              <TableHeader>
                <TableRow>
                  <TableHead>Integration</TableHead>
                  <TableHead>Health</TableHead>
                  <TableHead>Last run</TableHead>
                  <TableHead className="hidden md:table-cell">Next run</TableHead>
                  <TableHead className="hidden md:table-cell">Records</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((integration, index) => {
                  const latest = latestOf(integration.id);
                  return (
                    <TableRow key={integration.id}>
                      <TableCell>
                        <Link className="font-medium text-primary hover:underline" to={`/integrations/${integration.id}`}>
                          {integration.name}
                        </Link>
                        <div className="text-xs text-muted-foreground">{integration.connector}</div>
                      </TableCell>
                      <TableCell>{sessions ? <HealthBadge health={healths[index]!} /> : <Skeleton className="h-5 w-20" />}</TableCell>
                      <TableCell>
                        {latest ? (
                          <Link to={`/syncs/${latest.id}`} className="inline-flex flex-wrap items-center gap-2">
                            <SyncStateBadge state={latest.state} />
                            <span className="text-xs text-muted-foreground">
                              {latest.mode}
                              {latest.dryRun ? " (dry run)" : ""} · {formatRelative(latest.finishedAt ?? latest.startedAt ?? latest.createdAt)}
                            </span>
                          </Link>
                        ) : (
                          <span className="text-muted-foreground">{sessions?.available === false ? "n/a" : "—"}</span>
                        )}
                      </TableCell>
                      <TableCell className="hidden md:table-cell">
                        <NextRun schedule={sessions?.schedules.get(integration.id)} enabled={integration.enabled} />
                      </TableCell>
                      <TableCell className="hidden md:table-cell">
                        {latest ? <EntityCounts session={latest} /> : <span className="text-muted-foreground">—</span>}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="flex-row items-center justify-between">
          <CardTitle>Recent changes</CardTitle>
          <Link className="text-sm text-primary hover:underline" to="/audit">
            Audit log
          </Link>
        </CardHeader>
        <CardContent>
          {audit.error && <ProblemAlert error={audit.error} what="The audit log" />}
          {audit.loading && !audit.data && <Skeleton className="h-24 w-full" />}
          {audit.data && audit.data.length === 0 && <p className="text-sm text-muted-foreground">Nothing has changed yet.</p>}
          {audit.data && audit.data.length > 0 && <AuditTable entries={audit.data} compact />}
        </CardContent>
      </Card>
    </div>
  );
}

function Stat({ label, value, tone }: { label: string; value: number | undefined; tone?: "danger" }) {
  return (
    <Card className="p-4">
      <div className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{label}</div>
      <div className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "danger" && value ? "text-destructive" : ""}`}>
        {value === undefined ? "—" : formatNumber(value)}
      </div>
    </Card>
  );
}

function NextRun({ schedule, enabled }: { schedule: SyncSchedule | undefined; enabled: boolean }) {
  if (!schedule) return <span className="text-muted-foreground">—</span>;
  if (!schedule.cron && !schedule.intervalSeconds) return <span className="text-muted-foreground">manual</span>;
  if (schedule.paused || !enabled) return <span className="text-muted-foreground">paused</span>;
  return <span title={schedule.nextRunAt ?? undefined}>{schedule.nextRunAt ? formatRelative(schedule.nextRunAt) : "—"}</span>;
}

function EntityCounts({ session }: { session: SyncSession }) {
  const entries = Object.entries(session.stats ?? {});
  if (entries.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <div className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
      {entries.map(([entity, stats]) => (
        <span key={entity}>
          <span className="text-muted-foreground">{entity}</span> <span className="tabular-nums">{formatNumber(stats.read)}</span>
          {stats.errors > 0 && <span className="ml-1 text-destructive">({stats.errors} errors)</span>}
        </span>
      ))}
    </div>
  );
}

function RunningSession({ integration, sessionId, onFinished }: { integration: Integration; sessionId: string; onFinished(): void }) {
  const { session, live } = useLiveSession(sessionId);
  const finished = session !== undefined && TERMINAL_STATES.has(syncState(session));
  useEffect(() => {
    if (finished) onFinished();
    // onFinished changes identity each render; the transition to finished is what matters.
  }, [finished]);
  const sum = session ? totals(session) : undefined;
  return (
    <Link to={`/syncs/${sessionId}`} className="flex flex-wrap items-center gap-3 rounded-md border p-3 hover:bg-muted/50">
      <span className="font-medium">{integration.name}</span>
      {session && <SyncStateBadge state={session.state} />}
      {session?.stage && <span className="text-sm text-muted-foreground">stage: {session.stage}</span>}
      {sum && <span className="text-sm tabular-nums">{formatNumber(sum.read)} read</span>}
      {session && <span className="text-sm text-muted-foreground">{formatDuration(session.startedAt, session.finishedAt)}</span>}
      <span className="ml-auto">
        <LiveIndicator live={live} />
      </span>
    </Link>
  );
}
