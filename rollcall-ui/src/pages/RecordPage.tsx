import { useState } from "react";
import { JsonView } from "@/components/JsonView";
import { PageHeader } from "@/components/PageHeader";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError, get } from "@/lib/api";
import { formatDateTime, formatValue } from "@/lib/format";
import { provenanceRows, referencesOf, ROSTER_ENTITIES, type RosterCollection } from "@/lib/roster";
import { Link } from "@/lib/router";
import type { RecordChange, RecordHistoryPage, RecordMapping, RecordView } from "@/lib/types";
import { useResource } from "@/lib/useResource";

const recordPath = (entity: string, id: string) => `/api/v1/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;

/** One roster record: its JSON, where it came from (mappings, provenance) and how it changed. */
export default function RecordPage({ entity, id }: { entity: RosterCollection; id: string }) {
  const view = useResource<RecordView>(recordPath(entity, id));
  if (view.error?.missingEndpoint) return <NotAvailable what="The roster browser" />;
  if (view.error) return <ProblemAlert error={view.error} />;
  if (!view.data) return <Skeleton className="h-64 w-full" />;
  const data = view.data;
  const label = ROSTER_ENTITIES.find((candidate) => candidate.collection === entity)?.label ?? entity;
  const names = new Map(data.mappings.map((mapping) => [mapping.integrationId, mapping.integrationName ?? mapping.integrationId]));
  const references = referencesOf(data.record);

  return (
    <div className="grid gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {titleOf(data.record) ?? id}
            <Badge tone={data.status === "active" ? "success" : "neutral"}>{data.status}</Badge>
          </span>
        }
        description={
          <span>
            <Link className="text-primary hover:underline" to={`/roster/${entity}`}>
              {label}
            </Link>{" "}
            · <span className="font-mono">{id}</span> · last modified {formatDateTime(data.dateLastModified)}
          </span>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Mappings</CardTitle>
          <CardDescription>Which upstream record of which integration this is; a remap closes the old mapping and keeps it.</CardDescription>
        </CardHeader>
        <CardContent>
          {data.mappings.length === 0 ? <p className="text-sm text-muted-foreground">No integration maps to this record.</p> : <MappingsTable mappings={data.mappings} />}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Change history</CardTitle>
        </CardHeader>
        <CardContent>
          <History entity={entity} id={id} first={data.history} />
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Record</CardTitle>
            <CardDescription>The canonical OneRoster 1.2 JSON; references point at Rollcall ids.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            {references.length > 0 && (
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="References">
                {references.map((reference) => (
                  <li key={reference.path}>
                    <span className="text-muted-foreground">{reference.path}</span>{" "}
                    <Link className="font-mono text-xs text-primary hover:underline" to={`/roster/${reference.collection}/${reference.id}`}>
                      {reference.id.slice(0, 8)}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <JsonView value={data.record} testId="record-json" className="max-h-[32rem]" />
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Field provenance</CardTitle>
            <CardDescription>Which integration set each field, in which session, and under which policy.</CardDescription>
          </CardHeader>
          <CardContent>
            <ProvenanceTable provenance={data.provenance} names={names} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

/** A record's name as people know it: a user's name, a class's title, an org's name. */
function titleOf(record: Record<string, unknown>): string | undefined {
  const given = typeof record.givenName === "string" ? record.givenName : "";
  const family = typeof record.familyName === "string" ? record.familyName : "";
  if (given || family) return `${given} ${family}`.trim();
  for (const key of ["title", "name"]) if (typeof record[key] === "string") return record[key] as string;
  return undefined;
}

function MappingsTable({ mappings }: { mappings: RecordMapping[] }) {
  return (
    <Table data-testid="record-mappings">
      <TableHeader>
        <TableRow>
          <TableHead>Integration</TableHead>
          <TableHead>External id</TableHead>
          <TableHead>Matched by</TableHead>
          <TableHead className="hidden md:table-cell">Valid</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {mappings.map((mapping) => (
          <TableRow key={`${mapping.integrationId}:${mapping.externalId}:${mapping.validFrom}`} className={mapping.current ? undefined : "text-muted-foreground"}>
            <TableCell>
              <Link className="text-primary hover:underline" to={`/integrations/${mapping.integrationId}`}>
                {mapping.integrationName ?? mapping.integrationId}
              </Link>{" "}
              {mapping.current ? <Badge tone="success">current</Badge> : <Badge>closed</Badge>}
            </TableCell>
            <TableCell className="break-all font-mono text-xs">{mapping.externalId}</TableCell>
            <TableCell>{mapping.matchedBy}</TableCell>
            <TableCell className="hidden text-xs md:table-cell">
              {formatDateTime(mapping.validFrom)} – {mapping.validTo ? formatDateTime(mapping.validTo) : "now"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ProvenanceTable({ provenance, names }: { provenance: Record<string, unknown>; names: Map<string, string> }) {
  const rows = provenanceRows(provenance);
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No provenance recorded.</p>;
  return (
    <Table data-testid="record-provenance">
      <TableHeader>
        <TableRow>
          <TableHead>Field</TableHead>
          <TableHead>Set by</TableHead>
          <TableHead className="hidden md:table-cell">When</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ field, details }) => {
          const integration = typeof details.integration === "string" ? details.integration : undefined;
          const session = typeof details.session === "string" ? details.session : undefined;
          const rest = Object.entries(details).filter(([key]) => !["integration", "session", "at"].includes(key));
          return (
            <TableRow key={field}>
              <TableCell className="font-mono text-xs">{field}</TableCell>
              <TableCell className="text-sm">
                {integration ? names.get(integration) ?? integration.slice(0, 8) : "—"}
                {session && (
                  <>
                    {" · "}
                    <Link className="text-primary hover:underline" to={`/syncs/${session}`}>
                      session
                    </Link>
                  </>
                )}
                {rest.length > 0 && <div className="text-xs text-muted-foreground">{rest.map(([key, value]) => `${key}: ${formatValue(value)}`).join(" · ")}</div>}
              </TableCell>
              <TableCell className="hidden whitespace-nowrap text-xs md:table-cell">{formatDateTime(typeof details.at === "string" ? details.at : null)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

const operationTones = { created: "success", updated: "info", deleted: "danger", undeleted: "warning" } as const;

/** The record's journal, newest first, with "older" fetching the next page by seq. */
function History({ entity, id, first }: { entity: string; id: string; first: RecordHistoryPage }) {
  const [items, setItems] = useState<RecordChange[]>(first.items);
  const [next, setNext] = useState(first.next);
  const [error, setError] = useState<ApiError>();

  async function older() {
    if (next == null) return;
    try {
      const page = await get<RecordHistoryPage>(`${recordPath(entity, id)}/history?before=${next}&limit=25`);
      setItems((previous) => [...previous, ...page.items]);
      setNext(page.next);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));
    }
  }

  if (items.length === 0) return <p className="text-sm text-muted-foreground">No changes recorded (the journal may have been trimmed).</p>;
  return (
    <div className="grid gap-3">
      {error && <ProblemAlert error={error} />}
      <Table data-testid="record-history">
        <TableHeader>
          <TableRow>
            <TableHead>When</TableHead>
            <TableHead>Change</TableHead>
            <TableHead className="hidden md:table-cell">Fields</TableHead>
            <TableHead>Cause</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((change) => (
            <TableRow key={change.seq}>
              <TableCell className="whitespace-nowrap text-sm">{formatDateTime(change.occurredAt)}</TableCell>
              <TableCell>
                <Badge tone={operationTones[change.operation as keyof typeof operationTones] ?? "neutral"}>{change.operation}</Badge>
                <span className="ml-2 text-xs text-muted-foreground">#{change.seq}</span>
              </TableCell>
              <TableCell className="hidden max-w-72 text-xs md:table-cell">{change.changedFields.join(", ") || "—"}</TableCell>
              <TableCell className="text-sm">
                {change.sessionId ? (
                  <Link className="text-primary hover:underline" to={`/syncs/${change.sessionId}`}>
                    {change.cause}
                  </Link>
                ) : (
                  change.cause
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {next != null && (
        <div className="flex justify-end">
          <Button variant="outline" size="sm" onClick={older}>
            Older changes
          </Button>
        </div>
      )}
    </div>
  );
}
