import { Plus } from "lucide-react";
import { useState } from "react";
import { EmptyState, PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { SyncStateBadge, EnabledBadge } from "@/components/StatusBadge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatRelative } from "@/lib/format";
import { Link } from "@/lib/router";
import type { Connector, Integration, IntegrationPage } from "@/lib/types";
import { useIntegrationSessions } from "@/lib/useIntegrationSessions";
import { useResource } from "@/lib/useResource";

const PAGE = 50;

/** Every integration of the tenant, a page at a time. */
export default function IntegrationsPage() {
  const [offset, setOffset] = useState(0);
  const page = useResource<IntegrationPage>(`/api/v1/integrations?limit=${PAGE}&offset=${offset}`);
  const connectors = useResource<Connector[]>("/api/v1/connectors");
  const names = new Map((connectors.data ?? []).map((connector) => [connector.type, connector.displayName]));

  return (
    <div>
      <PageHeader
        title="Integrations"
        description="Connections to the systems that hold your rosters."
        actions={
          <Button asChild>
            <Link to="/integrations/new">
              <Plus /> New integration
            </Link>
          </Button>
        }
      />
      {page.error && <ProblemAlert error={page.error} />}
      {page.loading && !page.data && <Skeleton className="h-48 w-full" />}
      {page.data && page.data.total === 0 && (
        <EmptyState title="No integrations yet">
          <Link className="text-primary hover:underline" to="/integrations/new">
            Create the first one
          </Link>{" "}
          from one of the installed connectors.
        </EmptyState>
      )}
      {page.data && page.data.items.length > 0 && (
        <>
          <Table data-testid="integrations-table">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Connector</TableHead>
                <TableHead>State</TableHead>
                <TableHead>Last run</TableHead>
                <TableHead className="hidden md:table-cell">Config</TableHead>
                <TableHead className="hidden md:table-cell">Updated</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.data.items.map((integration) => (
                <IntegrationRow key={integration.id} integration={integration} connectorName={names.get(integration.connector)} />
              ))}
            </TableBody>
          </Table>
          <div className="mt-4 flex items-center justify-between text-sm text-muted-foreground">
            <span>
              {offset + 1}–{offset + page.data.items.length} of {page.data.total}
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
        </>
      )}
    </div>
  );
}

function IntegrationRow({ integration, connectorName }: { integration: Integration; connectorName?: string }) {
  const { sessions, available } = useIntegrationSessions(integration.id);
  const latest = sessions[0];
  return (
    <TableRow>
      <TableCell>
        <Link className="font-medium text-primary hover:underline" to={`/integrations/${integration.id}`}>
          {integration.name}
        </Link>
      </TableCell>
      <TableCell>{connectorName ?? integration.connector}</TableCell>
      <TableCell>
        <EnabledBadge enabled={integration.enabled} />
      </TableCell>
      <TableCell>
        {!available ? (
          <span className="text-muted-foreground" title="This server has no sync sessions API">
            n/a
          </span>
        ) : latest ? (
          <Link to={`/syncs/${latest.id}`} className="inline-flex items-center gap-2">
            <SyncStateBadge state={latest.state} />
            <span className="text-xs text-muted-foreground">{formatRelative(latest.finishedAt ?? latest.startedAt ?? latest.createdAt)}</span>
          </Link>
        ) : (
          <span className="text-muted-foreground">never</span>
        )}
      </TableCell>
      <TableCell className="hidden md:table-cell">v{integration.version}</TableCell>
      <TableCell className="hidden md:table-cell">{formatRelative(integration.updatedAt)}</TableCell>
    </TableRow>
  );
}
