import { EmptyState, PageHeader } from "@/components/PageHeader";
import { ALL, FilterSelect, filterValue } from "@/components/FilterSelect";
import { Pager } from "@/components/Pager";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { DeadLetterStateBadge } from "@/components/DeadLetterParts";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatNumber, formatRelative } from "@/lib/format";
import { useCursorPages, withQuery } from "@/lib/paging";
import { Link } from "@/lib/router";
import type { DeadLetterPage, IntegrationPage } from "@/lib/types";
import { useQueryState } from "@/lib/useSearchParam";
import { useResource } from "@/lib/useResource";

const FILTERS = ["integrationId", "source", "state", "sessionId"] as const;

/** Dead letters across integrations, newest first, with filters; each opens to replay or discard. */
export default function DeadLettersPage() {
  const [filters, setFilters] = useQueryState(FILTERS, { integrationId: ALL, source: ALL, state: "open" });
  const integrations = useResource<IntegrationPage>("/api/v1/integrations?limit=1000");
  const resetKey = JSON.stringify(filters);
  const pages = useCursorPages(resetKey);
  const list = useResource<DeadLetterPage>(
    withQuery("/api/v1/dead-letters", {
      integrationId: filterValue(filters.integrationId),
      source: filterValue(filters.source),
      state: filters.state,
      sessionId: filters.sessionId,
      limit: 25,
      after: pages.cursor,
    }),
  );

  if (list.error?.missingEndpoint) return <NotAvailable what="Dead letters" />;
  const items = list.data?.items ?? [];
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Dead letters"
        description="Records and webhook events that could not be applied. Replay one once its cause is fixed, or discard it."
      />
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id="filter-integration"
          label="Integration"
          value={filters.integrationId}
          className="w-56"
          options={[{ value: ALL, label: "All integrations" }, ...(integrations.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))]}
          onChange={(integrationId) => setFilters({ integrationId })}
        />
        <FilterSelect
          id="filter-source"
          label="Source"
          value={filters.source}
          options={[
            { value: ALL, label: "Any source" },
            { value: "sync", label: "Sync" },
            { value: "webhook", label: "Webhook" },
          ]}
          onChange={(source) => setFilters({ source })}
        />
        <FilterSelect
          id="filter-state"
          label="State"
          value={filters.state}
          options={[
            { value: "open", label: "Open" },
            { value: "resolved", label: "Resolved" },
            { value: "all", label: "All" },
          ]}
          onChange={(state) => setFilters({ state })}
        />
        {filters.sessionId && (
          <p className="text-sm text-muted-foreground">
            Of session{" "}
            <Link className="font-mono text-primary hover:underline" to={`/syncs/${filters.sessionId}`}>
              {filters.sessionId.slice(0, 8)}
            </Link>{" "}
            ·{" "}
            <button type="button" className="text-primary hover:underline" onClick={() => setFilters({ sessionId: "" })}>
              all sessions
            </button>
          </p>
        )}
        {list.data && <p className="ml-auto text-sm text-muted-foreground" data-testid="dead-letter-total">{formatNumber(list.data.total)} in all</p>}
      </div>
      {list.error && <ProblemAlert error={list.error} />}
      <Card>
        <CardContent className="grid gap-3 pt-6">
          {list.loading && !list.data && <Skeleton className="h-32 w-full" />}
          {list.data && items.length === 0 && (
            <EmptyState title={filters.state === "open" ? "Nothing waits for a decision" : "No dead letters"}>No dead letter matches these filters.</EmptyState>
          )}
          {items.length > 0 && (
            <Table data-testid="dead-letters">
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead>Record</TableHead>
                  <TableHead>Error</TableHead>
                  <TableHead className="hidden md:table-cell">Integration</TableHead>
                  <TableHead>State</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((letter) => (
                  <TableRow key={letter.id} className="align-top">
                    <TableCell className="whitespace-nowrap" title={formatDateTime(letter.createdAt)}>
                      {formatRelative(letter.createdAt)}
                    </TableCell>
                    <TableCell>
                      <Link className="font-medium text-primary hover:underline" to={`/dead-letters/${letter.id}`}>
                        {letter.stream ?? letter.source} {letter.externalId ?? ""}
                      </Link>
                      <div className="text-xs text-muted-foreground">
                        {letter.source} · {letter.stage}
                      </div>
                    </TableCell>
                    <TableCell className="max-w-96">
                      <div className="line-clamp-2 text-sm">{letter.errorMessage}</div>
                      <div className="text-xs text-muted-foreground">
                        {letter.errorKind} · {letter.attempts} attempt{letter.attempts === 1 ? "" : "s"}
                      </div>
                    </TableCell>
                    <TableCell className="hidden md:table-cell">{letter.integrationName ?? "—"}</TableCell>
                    <TableCell>
                      <DeadLetterStateBadge letter={letter} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Pager pages={pages} next={list.data?.next} />
        </CardContent>
      </Card>
    </div>
  );
}
