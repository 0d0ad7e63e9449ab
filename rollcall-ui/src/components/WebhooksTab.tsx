import { RotateCcw } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "@/components/PageHeader";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError, post } from "@/lib/api";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { Integration, WebhookEndpoint, WebhookEventPage } from "@/lib/types";
import { useResource } from "@/lib/useResource";

const STATUSES = ["all", "pending", "processing", "applied", "ignored", "failed", "dead"] as const;
const statusTones: Record<string, BadgeTone> = { pending: "neutral", processing: "info", applied: "success", ignored: "neutral", failed: "warning", dead: "danger" };

/** The integration's webhook endpoints and, for each, the events received with their status and a replay. */
export function WebhooksTab({ integration }: { integration: Integration }) {
  const endpoints = useResource<WebhookEndpoint[]>(`/api/v1/integrations/${encodeURIComponent(integration.id)}/webhook-endpoints`);
  if (endpoints.error?.missingEndpoint) return <NotAvailable what="Webhooks in" />;
  if (endpoints.error) return <ProblemAlert error={endpoints.error} />;
  if (!endpoints.data) return <Skeleton className="h-32 w-full" />;
  if (endpoints.data.length === 0)
    return (
      <EmptyState title="No webhook endpoints">
        An upstream that pushes changes needs one; create it with <code className="font-mono">POST /api/v1/integrations/{"{id}"}/webhook-endpoints</code>.
      </EmptyState>
    );
  return (
    <div className="grid gap-6">
      {endpoints.data.map((endpoint) => (
        <EndpointCard key={endpoint.id} endpoint={endpoint} />
      ))}
    </div>
  );
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("all");
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before.at(-1);
  const query = new URLSearchParams({ limit: "25" });
  if (status !== "all") query.set("status", status);
  if (cursor !== undefined) query.set("before", String(cursor));
  const events = useResource<WebhookEventPage>(`/api/v1/webhooks/${encodeURIComponent(endpoint.id)}/events?${query}`);
  const [replayError, setReplayError] = useState<ApiError>();

  async function replay(eventId: number) {
    setReplayError(undefined);
    try {
      await post(`/api/v1/webhooks/${encodeURIComponent(endpoint.id)}/events/${eventId}/replay`);
      events.reload();
    } catch (e) {
      setReplayError(e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));
    }
  }

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <CardTitle className="flex items-center gap-2">
            {endpoint.scheme} <Badge tone={endpoint.enabled ? "success" : "neutral"}>{endpoint.enabled ? "enabled" : "disabled"}</Badge>
          </CardTitle>
          <CardDescription className="break-all font-mono text-xs">{endpoint.url}</CardDescription>
          <CardDescription>
            {endpoint.activeSecrets} active secret{endpoint.activeSecrets === 1 ? "" : "s"} · created {formatRelative(endpoint.createdAt)}
          </CardDescription>
        </div>
        <div className="flex items-center gap-2">
          <Label htmlFor={`status-${endpoint.id}`} className="text-muted-foreground">
            Status
          </Label>
          <Select
            value={status}
            onValueChange={(next) => {
              setStatus(next as typeof status);
              setBefore([]);
            }}
          >
            <SelectTrigger id={`status-${endpoint.id}`} className="w-32">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {STATUSES.map((option) => (
                <SelectItem key={option} value={option}>
                  {option}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </CardHeader>
      <CardContent className="grid gap-3">
        {replayError && <ProblemAlert error={replayError} />}
        {events.error && <ProblemAlert error={events.error} />}
        {events.loading && !events.data && <Skeleton className="h-24 w-full" />}
        {events.data && events.data.items.length === 0 && <p className="text-sm text-muted-foreground">No events{status === "all" ? "" : ` with status ${status}`}.</p>}
        {events.data && events.data.items.length > 0 && (
          <Table data-testid="webhook-events">
            <TableHeader>
              <TableRow>
                <TableHead>Received</TableHead>
                <TableHead>Event</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden md:table-cell">Attempts</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {events.data.items.map((event) => (
                <TableRow key={event.id} className="align-top">
                  <TableCell className="whitespace-nowrap" title={formatDateTime(event.receivedAt)}>
                    {formatRelative(event.receivedAt)}
                  </TableCell>
                  <TableCell className="max-w-72">
                    <div className="truncate font-mono text-xs" title={event.eventKey}>
                      {event.eventKey}
                    </div>
                    {event.lastError && <div className="mt-1 text-xs text-destructive">{event.lastError}</div>}
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-muted-foreground">Body</summary>
                      <pre className="mt-1 max-h-48 overflow-auto rounded-md bg-muted p-2 font-mono text-xs">{event.body}</pre>
                    </details>
                  </TableCell>
                  <TableCell>
                    <Badge tone={statusTones[event.status] ?? "neutral"}>{event.status}</Badge>
                  </TableCell>
                  <TableCell className="hidden tabular-nums md:table-cell">{event.attempts}</TableCell>
                  <TableCell className="text-right">
                    <Button variant="outline" size="sm" onClick={() => replay(event.id)}>
                      <RotateCcw /> Replay
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="outline" size="sm" disabled={before.length === 0} onClick={() => setBefore(before.slice(0, -1))}>
            Newer
          </Button>
          <Button variant="outline" size="sm" disabled={!events.data?.next} onClick={() => events.data?.next && setBefore([...before, events.data.next])}>
            Older
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
