import { Search } from "lucide-react";
import { useEffect, useState } from "react";
import { ALL, FilterSelect, filterValue } from "@/components/FilterSelect";
import { EmptyState, PageHeader } from "@/components/PageHeader";
import { Pager } from "@/components/Pager";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatDateTime, formatRelative } from "@/lib/format";
import { useCursorPages, useDebouncedValue, withQuery } from "@/lib/paging";
import { ROSTER_ENTITIES, type RosterCollection } from "@/lib/roster";
import { Link, navigate, useLocation } from "@/lib/router";
import type { IntegrationPage, RecordPage } from "@/lib/types";
import { useQueryState } from "@/lib/useSearchParam";
import { useResource } from "@/lib/useResource";

const SEARCH_DELAY_MS = 300;

/** The canonical roster: one tab per collection, a search box, and a paged table of records. */
export default function RosterPage({ entity }: { entity: RosterCollection }) {
  const { search } = useLocation();
  const [filters, setFilters] = useQueryState(["q", "integrationId", "includeDeleted"] as const, { integrationId: ALL });
  const [text, setText] = useState(filters.q);
  const q = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  useEffect(() => {
    if (q !== filters.q) setFilters({ q });
    // only the settled text moves the URL; the URL moving (back button) resets the box below
  }, [q]);
  useEffect(() => setText((current) => (current.trim() === filters.q ? current : filters.q)), [filters.q]);

  const integrations = useResource<IntegrationPage>("/api/v1/integrations?limit=1000");
  const pages = useCursorPages(`${entity}|${filters.q}|${filters.integrationId}|${filters.includeDeleted}`);
  const list = useResource<RecordPage>(
    withQuery(`/api/v1/records/${entity}`, {
      q: filters.q,
      integrationId: filterValue(filters.integrationId),
      includeDeleted: filters.includeDeleted === "true" ? true : undefined,
      limit: 50,
      after: pages.cursor,
    }),
  );
  const label = ROSTER_ENTITIES.find((candidate) => candidate.collection === entity)?.label ?? entity;

  if (list.error?.missingEndpoint) return <NotAvailable what="The roster browser" />;
  return (
    <div className="grid gap-6">
      <PageHeader title="Roster" description="The canonical roster as Rollcall serves it: search a record and see where it came from." />
      <Tabs value={entity} onValueChange={(next) => navigate(`/roster/${next}${search.toString() ? `?${search}` : ""}`)}>
        <TabsList aria-label="Collections">
          {ROSTER_ENTITIES.map((candidate) => (
            <TabsTrigger key={candidate.collection} value={candidate.collection}>
              {candidate.label}
            </TabsTrigger>
          ))}
        </TabsList>
      </Tabs>
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-64 flex-1 gap-1">
          <Label htmlFor="roster-search" className="text-xs text-muted-foreground">
            Search {label.toLowerCase()}
          </Label>
          <div className="relative">
            <Search className="absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
            <Input
              id="roster-search"
              type="search"
              className="pl-8"
              placeholder={entity === "users" ? "Name, email, username, identifier or upstream id" : "Title, code or upstream id"}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
        </div>
        <FilterSelect
          id="roster-integration"
          label="Integration"
          value={filters.integrationId}
          className="w-56"
          options={[{ value: ALL, label: "All integrations" }, ...(integrations.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))]}
          onChange={(integrationId) => setFilters({ integrationId })}
        />
        <div className="flex h-9 items-center gap-2">
          <Checkbox
            id="roster-deleted"
            checked={filters.includeDeleted === "true"}
            onCheckedChange={(checked) => setFilters({ includeDeleted: checked === true ? "true" : "" })}
          />
          <Label htmlFor="roster-deleted">Include deleted</Label>
        </div>
      </div>
      {list.error && <ProblemAlert error={list.error} />}
      <Card>
        <CardContent className="grid gap-3 pt-6">
          {list.loading && !list.data && <Skeleton className="h-48 w-full" />}
          {list.data && list.data.items.length === 0 && (
            <EmptyState title={`No ${label.toLowerCase()}`}>{filters.q ? `Nothing matches “${filters.q}”.` : "The roster has none yet."}</EmptyState>
          )}
          {list.data && list.data.items.length > 0 && (
            <Table data-testid="roster-records" aria-busy={list.loading}>
              <TableHeader>
                <TableRow>
                  <TableHead>{label.replace(/s$/, "")}</TableHead>
                  <TableHead className="hidden md:table-cell">Details</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="hidden md:table-cell">Last modified</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.items.map((item) => (
                  <TableRow key={item.id}>
                    <TableCell>
                      <Link className="font-medium text-primary hover:underline" to={`/roster/${entity}/${item.id}`}>
                        {item.title || item.id}
                      </Link>
                      <div className="text-xs text-muted-foreground md:hidden">{item.detail}</div>
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground md:table-cell">{item.detail || "—"}</TableCell>
                    <TableCell>
                      <Badge tone={item.status === "active" ? "success" : "neutral"}>{item.status}</Badge>
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap md:table-cell" title={formatDateTime(item.dateLastModified)}>
                      {formatRelative(item.dateLastModified)}
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
