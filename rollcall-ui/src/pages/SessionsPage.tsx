import { ALL, FilterSelect, filterValue } from "@/components/FilterSelect";
import { EmptyState, PageHeader } from "@/components/PageHeader";
import { Pager } from "@/components/Pager";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { SyncStateBadge } from "@/components/StatusBadge";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatDuration, formatNumber, formatRelative } from "@/lib/format";
import { useCursorPages, withQuery } from "@/lib/paging";
import { Link } from "@/lib/router";
import { totals } from "@/lib/syncs";
import type { IntegrationPage, SessionSearchPage } from "@/lib/types";
import { useQueryState } from "@/lib/useSearchParam";
import { useResource } from "@/lib/useResource";

const STATES = ["queued", "running", "held", "succeeded", "failed", "cancelled"];
const MODES = ["full", "delta", "webhook", "dry-run"];

/** Every integration's sessions, newest first, filtered by integration, state and mode. */
export default function SessionsPage() {
  const [filters, setFilters] = useQueryState(["integrationId", "state", "mode"] as const, { integrationId: ALL, state: ALL, mode: ALL });
  const integrations = useResource<IntegrationPage>("/api/v1/integrations?limit=1000");
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useResource<SessionSearchPage>(
    withQuery("/api/v1/syncs", {
      integrationId: filterValue(filters.integrationId),
      state: filterValue(filters.state),
      mode: filterValue(filters.mode),
      limit: 25,
      before: pages.cursor,
    }),
  );
  const names = new Map((integrations.data?.items ?? []).map((item) => [item.id, item.name]));

  if (list.error?.missingEndpoint) return <NotAvailable what="The sessions history" />;
  return (
    <div className="grid gap-6">
      <PageHeader title="Sessions" description="Every sync session across integrations, newest first." />
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id="sessions-integration"
          label="Integration"
          value={filters.integrationId}
          className="w-56"
          options={[{ value: ALL, label: "All integrations" }, ...(integrations.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))]}
          onChange={(integrationId) => setFilters({ integrationId })}
        />
        <FilterSelect
          id="sessions-state"
          label="State"
          value={filters.state}
          options={[{ value: ALL, label: "Any state" }, ...STATES.map((state) => ({ value: state, label: state }))]}
          onChange={(state) => setFilters({ state })}
        />
        <FilterSelect
          id="sessions-mode"
          label="Mode"
          value={filters.mode}
          options={[{ value: ALL, label: "Any mode" }, ...MODES.map((mode) => ({ value: mode, label: mode }))]}
          onChange={(mode) => setFilters({ mode })}
        />
      </div>
      {list.error && <ProblemAlert error={list.error} />}
      <Card>
        <CardContent className="grid gap-3 pt-6">
          {list.loading && !list.data && <Skeleton className="h-48 w-full" />}
          {list.data && list.data.items.length === 0 && <EmptyState title="No sessions">No session matches these filters.</EmptyState>}
          {list.data && list.data.items.length > 0 && (
            <Table data-testid="sessions">
              <TableHeader>
                <TableRow>
                  <TableHead>Started</TableHead>
                  <TableHead>Integration</TableHead>
                  <TableHead>State</TableHead>
                  <TableHead className="hidden md:table-cell">Mode</TableHead>
                  <TableHead className="hidden md:table-cell">Duration</TableHead>
                  <TableHead className="hidden md:table-cell">Records</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.items.map((session) => {
                  const sum = totals(session);
                  const when = session.startedAt ?? session.createdAt;
                  return (
                    <TableRow key={session.id}>
                      <TableCell className="whitespace-nowrap" title={formatDateTime(when)}>
                        <Link className="text-primary hover:underline" to={`/syncs/${session.id}`}>
                          {formatRelative(when)}
                        </Link>
                      </TableCell>
                      <TableCell>{session.integrationId ? names.get(session.integrationId) ?? session.integrationId.slice(0, 8) : "—"}</TableCell>
                      <TableCell>
                        <SyncStateBadge state={session.state} />
                      </TableCell>
                      <TableCell className="hidden md:table-cell">
                        {session.mode}
                        {session.dryRun ? " (dry run)" : ""}
                      </TableCell>
                      <TableCell className="hidden md:table-cell">{formatDuration(session.startedAt, session.finishedAt)}</TableCell>
                      <TableCell className="hidden text-xs md:table-cell">
                        {formatNumber(sum.read)} read · {formatNumber(sum.created + sum.updated + sum.deleted)} changed
                        {sum.errors > 0 && <span className="ml-1 text-destructive">· {formatNumber(sum.errors)} errors</span>}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
          <Pager pages={pages} next={list.data?.next} />
        </CardContent>
      </Card>
    </div>
  );
}
