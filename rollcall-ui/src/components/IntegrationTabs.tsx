import { Stethoscope } from "lucide-react";
import { useState } from "react";
import { CheckResultView } from "@/components/CheckResultView";
import { humanize } from "@/components/ConfigForm";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { EmptyState } from "@/components/PageHeader";
import { ScheduleCard } from "@/components/ScheduleCard";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { SyncStateBadge } from "@/components/StatusBadge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError, post } from "@/lib/api";
import { SECRET_MASK } from "@/lib/configForm";
import { formatDateTime, formatDuration, formatNumber, formatRelative, formatValue } from "@/lib/format";
import { Link } from "@/lib/router";
import { integrationSyncsPath, sessionsOf, totals } from "@/lib/syncs";
import { type CheckResult, type ConfigDiff, type ConfigVersion, type Connector, type Integration, type SyncSession } from "@/lib/types";
import { useResource } from "@/lib/useResource";

const base = (integration: Integration) => `/api/v1/integrations/${encodeURIComponent(integration.id)}`;

const STATE_FILTERS = ["all", "running", "queued", "held", "succeeded", "failed", "cancelled"] as const;
const SESSIONS_PAGE = 25;

/** The integration's schedule and its sync sessions, newest first, filtered by state. */
export function RunsTab({ integration }: { integration: Integration }) {
  const [limit, setLimit] = useState(SESSIONS_PAGE);
  const [filter, setFilter] = useState<(typeof STATE_FILTERS)[number]>("all");
  // the server filters, so an old failed run is found however many runs came after it
  const resource = useResource<unknown>(`${integrationSyncsPath(integration.id)}?limit=${limit}${filter === "all" ? "" : `&state=${filter}`}`);
  const sessions = sessionsOf(resource.data);

  if (resource.error?.missingEndpoint) return <NotAvailable what="Sync sessions" />;
  return (
    <div className="grid gap-6">
      <ScheduleCard integration={integration} />
      <Card>
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle>Sessions</CardTitle>
          <div className="flex items-center gap-2">
            <Link className="text-sm text-primary hover:underline" to={`/sessions?integrationId=${encodeURIComponent(integration.id)}`}>
              Search all sessions
            </Link>
            <Label htmlFor="session-filter" className="text-muted-foreground">
              State
            </Label>
            <Select
              value={filter}
              onValueChange={(next) => {
                setFilter(next as typeof filter);
                setLimit(SESSIONS_PAGE);
              }}
            >
              <SelectTrigger id="session-filter" className="w-36">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {STATE_FILTERS.map((state) => (
                  <SelectItem key={state} value={state}>
                    {state}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        </CardHeader>
        <CardContent>
          {resource.error && <ProblemAlert error={resource.error} />}
          {resource.loading && !resource.data && <Skeleton className="h-32 w-full" />}
          {resource.data !== undefined && sessions.length === 0 &&
            (filter === "all" ? <EmptyState title="No runs yet">Start one with “Run sync”.</EmptyState> : <p className="text-sm text-muted-foreground">No {filter} session.</p>)}
          {sessions.length > 0 && <SessionsTable sessions={sessions} />}
          {sessions.length >= limit && (
            <div className="mt-4 flex justify-center">
              <Button variant="outline" size="sm" onClick={() => setLimit(limit + SESSIONS_PAGE)}>
                Show older sessions
              </Button>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function SessionsTable({ sessions }: { sessions: SyncSession[] }) {
  return (
    <Table data-testid="sessions-table">
      <TableHeader>
        <TableRow>
          <TableHead>State</TableHead>
          <TableHead>Mode</TableHead>
          <TableHead>Started</TableHead>
          <TableHead>Duration</TableHead>
          <TableHead className="text-right">Read</TableHead>
          <TableHead className="hidden text-right md:table-cell">Changed</TableHead>
          <TableHead className="text-right">Errors</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sessions.map((session) => {
          const sum = totals(session);
          return (
            <TableRow key={session.id}>
              <TableCell>
                <Link to={`/syncs/${session.id}`} className="inline-flex items-center gap-2 text-primary hover:underline">
                  <SyncStateBadge state={session.state} />
                  <span className="sr-only">Open session</span>
                </Link>
              </TableCell>
              <TableCell>
                {session.mode}
                {session.dryRun ? " · dry run" : ""}
                {session.streams && session.streams.length > 0 ? ` · ${session.streams.join(", ")}` : ""}
              </TableCell>
              <TableCell title={formatDateTime(session.startedAt ?? session.createdAt)}>{formatRelative(session.startedAt ?? session.createdAt)}</TableCell>
              <TableCell>{formatDuration(session.startedAt, session.finishedAt)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatNumber(sum.read)}</TableCell>
              <TableCell className="hidden text-right tabular-nums md:table-cell">{formatNumber(sum.created + sum.updated + sum.deleted)}</TableCell>
              <TableCell className={`text-right tabular-nums ${sum.errors > 0 ? "text-destructive" : ""}`}>{formatNumber(sum.errors)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The current configuration, field by field in the spec's order; secrets only as set or not. */
export function ConfigurationTab({ integration, connector }: { integration: Integration; connector?: Connector }) {
  const fields = connector?.configFields ?? Object.keys(integration.config).map((name) => ({ name, label: name, secret: false, defaultValue: null }));
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <div>
          <CardTitle>Configuration v{integration.version}</CardTitle>
          <CardDescription>Fields left empty use the connector's default.</CardDescription>
        </div>
        <Button asChild variant="outline" size="sm">
          <Link to={`/integrations/${integration.id}/edit`}>Edit</Link>
        </Button>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[minmax(8rem,auto)_1fr]" data-testid="config-view">
          {fields.map((field) => {
            const value = integration.config[field.name];
            return (
              <div key={field.name} className="contents">
                <dt className="text-sm font-medium">{field.label && field.label !== field.name ? field.label : humanize(field.name)}</dt>
                <dd className="break-all text-sm">
                  {field.secret ? (
                    value === SECRET_MASK ? <span className="text-muted-foreground">•••••••• (set)</span> : <span className="text-muted-foreground">not set</span>
                  ) : value === undefined || value === null ? (
                    <span className="text-muted-foreground">{field.defaultValue != null ? `default (${formatValue(field.defaultValue)})` : "—"}</span>
                  ) : (
                    <code className="font-mono text-xs">{formatValue(value)}</code>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      </CardContent>
    </Card>
  );
}

/** The configuration versions, a diff between any two, and a rollback to an earlier one. */
export function HistoryTab({ integration, onRolledBack }: { integration: Integration; onRolledBack(): void }) {
  const versions = useResource<ConfigVersion[]>(`${base(integration)}/versions`);
  const list = versions.data ?? [];
  const latest = list.length > 0 ? list[list.length - 1]!.version : integration.version;
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const fromVersion = from ?? Math.max(1, latest - 1);
  const toVersion = to ?? latest;
  const diff = useResource<ConfigDiff>(list.length > 1 && fromVersion !== toVersion ? `${base(integration)}/versions/diff?from=${fromVersion}&to=${toVersion}` : null);

  if (versions.error) return <ProblemAlert error={versions.error} />;
  if (!versions.data) return <Skeleton className="h-48 w-full" />;

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Versions</CardTitle>
        </CardHeader>
        <CardContent>
          <Table data-testid="versions-table">
            <TableHeader>
              <TableRow>
                <TableHead>Version</TableHead>
                <TableHead>Change</TableHead>
                <TableHead className="hidden md:table-cell">By</TableHead>
                <TableHead>When</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {[...list].reverse().map((version) => (
                <TableRow key={version.version}>
                  <TableCell className="font-medium">
                    v{version.version}
                    {version.version === integration.version && <span className="ml-2 text-xs text-muted-foreground">current</span>}
                  </TableCell>
                  <TableCell>{version.change}</TableCell>
                  <TableCell className="hidden max-w-56 truncate text-muted-foreground md:table-cell" title={version.createdBy}>
                    {version.createdBy}
                  </TableCell>
                  <TableCell title={formatDateTime(version.createdAt)}>{formatRelative(version.createdAt)}</TableCell>
                  <TableCell className="text-right">
                    {version.version !== integration.version && (
                      <ConfirmDialog
                        trigger={
                          <Button variant="outline" size="sm">
                            Roll back to v{version.version}
                          </Button>
                        }
                        title={`Roll back to v${version.version}?`}
                        description={`A new version v${integration.version + 1} is made with the configuration of v${version.version}, secrets included. Nothing is lost: the history keeps every version.`}
                        confirmLabel="Roll back"
                        onConfirm={async () => {
                          await post(`${base(integration)}/versions/${version.version}/rollback`);
                          onRolledBack();
                          versions.reload();
                          setFrom(undefined);
                          setTo(undefined);
                        }}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Compare versions</CardTitle>
          <CardDescription>Secret values never show; a changed secret shows as changed.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {list.length < 2 ? (
            <p className="text-sm text-muted-foreground">There is only one version so far.</p>
          ) : (
            <>
              <div className="flex flex-wrap items-end gap-3">
                <VersionSelect id="diff-from" label="From" value={fromVersion} versions={list} onChange={setFrom} />
                <VersionSelect id="diff-to" label="To" value={toVersion} versions={list} onChange={setTo} />
              </div>
              {fromVersion === toVersion && <p className="text-sm text-muted-foreground">Choose two different versions.</p>}
              {diff.error && <ProblemAlert error={diff.error} />}
              {diff.data && <DiffTable diff={diff.data} />}
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function VersionSelect({ id, label, value, versions, onChange }: { id: string; label: string; value: number; versions: ConfigVersion[]; onChange(version: number): void }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select value={String(value)} onValueChange={(next) => onChange(Number(next))}>
        <SelectTrigger id={id} className="w-28" aria-label={`${label} version`}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {versions.map((version) => (
            <SelectItem key={version.version} value={String(version.version)}>
              v{version.version}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

const kindStyles = {
  ADDED: "text-success",
  REMOVED: "text-destructive",
  CHANGED: "text-warning",
} as const;

export function DiffTable({ diff }: { diff: ConfigDiff }) {
  if (diff.changes.length === 0) return <p className="text-sm text-muted-foreground">v{diff.from} and v{diff.to} are the same.</p>;
  return (
    <Table data-testid="diff-table">
      <TableHeader>
        <TableRow>
          <TableHead>Field</TableHead>
          <TableHead>Change</TableHead>
          <TableHead>v{diff.from}</TableHead>
          <TableHead>v{diff.to}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {diff.changes.map((change) => (
          <TableRow key={change.field}>
            <TableCell>
              <code className="font-mono text-xs">{change.field}</code>
            </TableCell>
            <TableCell className={`text-xs font-medium ${kindStyles[change.kind] ?? ""}`}>{change.kind.toLowerCase()}</TableCell>
            <TableCell className="break-all">
              <code className="font-mono text-xs line-through decoration-destructive/60">{change.kind === "ADDED" ? "" : formatValue(change.before)}</code>
            </TableCell>
            <TableCell className="break-all">
              <code className="font-mono text-xs">{change.kind === "REMOVED" ? "" : formatValue(change.after)}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Runs the connection doctor on the saved configuration and shows each finding. */
export function DoctorTab({ integration }: { integration: Integration }) {
  const [state, setState] = useState<{ result?: CheckResult; error?: ApiError; busy: boolean }>({ busy: false });

  async function check() {
    setState({ busy: true });
    try {
      setState({ result: await post<CheckResult>(`${base(integration)}/check`), busy: false });
    } catch (e) {
      setState({ error: e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)), busy: false });
    }
  }

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <div>
          <CardTitle>Connection doctor</CardTitle>
          <CardDescription>Checks the saved configuration against the upstream: reachability, credentials, permissions, each with what to do when it fails.</CardDescription>
        </div>
        <Button onClick={check} disabled={state.busy}>
          <Stethoscope /> {state.busy ? "Checking…" : "Run check"}
        </Button>
      </CardHeader>
      <CardContent>
        {state.error && <ProblemAlert error={state.error} what="The connection doctor" />}
        {state.result && <CheckResultView result={state.result} />}
        {!state.error && !state.result && !state.busy && <p className="text-sm text-muted-foreground">No check run yet on this page.</p>}
      </CardContent>
    </Card>
  );
}
