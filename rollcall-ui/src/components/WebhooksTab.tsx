import { KeyRound, Plus, RotateCcw, Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { EmptyState } from "@/components/PageHeader";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { SecretOnce } from "@/components/SecretOnce";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError, del, post } from "@/lib/api";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { Integration, WebhookEndpoint, WebhookEventPage } from "@/lib/types";
import { useResource } from "@/lib/useResource";
import { endpointRequest, schemeSpec, WEBHOOK_SCHEMES } from "@/lib/webhooks";

const STATUSES = ["all", "pending", "processing", "applied", "ignored", "failed", "dead"] as const;
const statusTones: Record<string, BadgeTone> = { pending: "neutral", processing: "info", applied: "success", ignored: "neutral", failed: "warning", dead: "danger" };

const toError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));

/** A secret the server returned once (a new endpoint, or a rotation), shown until dismissed. */
interface Revealed {
  title: string;
  endpoint: WebhookEndpoint;
}

/**
 * The integration's webhook endpoints: create one (its URL and secret shown once), rotate a secret,
 * delete an endpoint, and for each the events received with their status and a replay of one or a
 * range.
 */
export function WebhooksTab({ integration }: { integration: Integration }) {
  const endpoints = useResource<WebhookEndpoint[]>(`/api/v1/integrations/${encodeURIComponent(integration.id)}/webhook-endpoints`);
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<Revealed>();
  if (endpoints.error?.missingEndpoint) return <NotAvailable what="Webhooks in" />;
  if (endpoints.error) return <ProblemAlert error={endpoints.error} />;
  if (!endpoints.data) return <Skeleton className="h-32 w-full" />;

  const reveal = (title: string, endpoint: WebhookEndpoint) => {
    setRevealed({ title, endpoint });
    endpoints.reload();
  };
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">Where the upstream pushes its changes; each event is verified, kept and applied through the engine.</p>
        <Button onClick={() => setCreating(true)}>
          <Plus /> New endpoint
        </Button>
      </div>
      {endpoints.data.length === 0 && <EmptyState title="No webhook endpoints">An upstream that pushes changes needs one.</EmptyState>}
      {endpoints.data.map((endpoint) => (
        <EndpointCard key={endpoint.id} endpoint={endpoint} onRotated={(rotated) => reveal("New secret", rotated)} onDeleted={endpoints.reload} />
      ))}
      <CreateEndpointDialog
        integrationId={integration.id}
        open={creating}
        onOpenChange={setCreating}
        onCreated={(created) => {
          setCreating(false);
          reveal("Endpoint created", created);
        }}
      />
      <Dialog open={revealed !== undefined} onOpenChange={(open) => !open && setRevealed(undefined)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{revealed?.title}</DialogTitle>
            <DialogDescription>Give the upstream this URL{revealed?.endpoint.secret ? " and secret" : ""}.</DialogDescription>
          </DialogHeader>
          {revealed && <SecretOnce url={revealed.endpoint.url} secret={revealed.endpoint.secret ?? null} />}
          <DialogFooter>
            <Button onClick={() => setRevealed(undefined)}>Done</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}

/** The form for a new endpoint: the scheme, the settings that scheme takes, and an optional secret. */
function CreateEndpointDialog({
  integrationId,
  open,
  onOpenChange,
  onCreated,
}: {
  integrationId: string;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCreated(endpoint: WebhookEndpoint): void;
}) {
  const [scheme, setScheme] = useState("standard-webhooks");
  const [values, setValues] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const spec = schemeSpec(scheme);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await post<WebhookEndpoint>(`/api/v1/integrations/${encodeURIComponent(integrationId)}/webhook-endpoints`, endpointRequest(scheme, values, secret));
      setValues({});
      setSecret("");
      onCreated(created);
    } catch (e) {
      setError(toError(e));
    } finally {
      setBusy(false);
    }
  }

  const reasons = (field: string) => error?.reasonsFor(field) ?? [];
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setError(undefined);
      }}
    >
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>New webhook endpoint</DialogTitle>
            <DialogDescription>Pick how the upstream signs its requests.</DialogDescription>
          </DialogHeader>
          {error && <ProblemAlert error={error} showFieldErrors={false} />}
          <div className="grid gap-1.5">
            <Label htmlFor="endpoint-scheme">Scheme</Label>
            <Select
              value={scheme}
              onValueChange={(next) => {
                setScheme(next);
                setValues({});
                setError(undefined);
              }}
            >
              <SelectTrigger id="endpoint-scheme" data-testid="endpoint-scheme">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {WEBHOOK_SCHEMES.map((option) => (
                  <SelectItem key={option.name} value={option.name}>
                    {option.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <FieldReasons reasons={reasons("scheme")} />
          </div>
          {spec?.settings.map((setting) => (
            <div key={setting.name} className="grid gap-1.5">
              <Label htmlFor={`setting-${setting.name}`}>
                {setting.label}
                {setting.required && <span className="text-destructive"> *</span>}
              </Label>
              {setting.options ? (
                <Select value={values[setting.name] ?? setting.options[0]} onValueChange={(next) => setValues({ ...values, [setting.name]: next })}>
                  <SelectTrigger id={`setting-${setting.name}`}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {setting.options.map((option) => (
                      <SelectItem key={option} value={option}>
                        {option}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              ) : (
                <Input
                  id={`setting-${setting.name}`}
                  placeholder={setting.placeholder}
                  value={values[setting.name] ?? ""}
                  aria-invalid={reasons(`settings.${setting.name}`).length > 0}
                  onChange={(event) => setValues({ ...values, [setting.name]: event.target.value })}
                />
              )}
              <FieldReasons reasons={reasons(`settings.${setting.name}`)} />
            </div>
          ))}
          {spec?.usesSecret && (
            <div className="grid gap-1.5">
              <Label htmlFor="endpoint-secret-input">Secret</Label>
              <Input
                id="endpoint-secret-input"
                type="password"
                autoComplete="off"
                placeholder="Leave empty to generate one"
                value={secret}
                aria-invalid={reasons("secret").length > 0}
                onChange={(event) => setSecret(event.target.value)}
              />
              <p className="text-xs text-muted-foreground">Enter the secret the upstream gave you, or let Rollcall make one to give the upstream.</p>
              <FieldReasons reasons={reasons("secret")} />
            </div>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy} data-testid="create-endpoint">
              Create endpoint
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function FieldReasons({ reasons }: { reasons: string[] }) {
  if (reasons.length === 0) return null;
  return <p className="text-xs text-destructive">{reasons.join("; ")}</p>;
}

function EndpointCard({
  endpoint,
  onRotated,
  onDeleted,
}: {
  endpoint: WebhookEndpoint;
  onRotated(endpoint: WebhookEndpoint): void;
  onDeleted(): void;
}) {
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
      setReplayError(toError(e));
    }
  }
  const endpointPath = `/api/v1/webhook-endpoints/${encodeURIComponent(endpoint.id)}`;

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
        <div className="flex flex-wrap items-center gap-2">
          {schemeSpec(endpoint.scheme)?.usesSecret !== false && (
            <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm">
                  <KeyRound /> Rotate secret
                </Button>
              }
              title="Rotate the secret?"
              description="A new secret is made and shown once. The old one keeps working for the grace period, so the upstream can switch."
              confirmLabel="Rotate"
              onConfirm={async () => onRotated(await post<WebhookEndpoint>(`${endpointPath}/secrets`, {}))}
            />
          )}
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm">
                <Trash2 /> Delete
              </Button>
            }
            title="Delete this endpoint?"
            description="Requests to its URL are refused from now on. The events it received stay in the history."
            confirmLabel="Delete endpoint"
            destructive
            onConfirm={async () => {
              await del(endpointPath);
              onDeleted();
            }}
          />
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
        <div className="flex flex-wrap items-end justify-between gap-2">
          <ReplayRange endpointId={endpoint.id} onReplayed={events.reload} />
          <div className="flex gap-2">
          <Button variant="outline" size="sm" disabled={before.length === 0} onClick={() => setBefore(before.slice(0, -1))}>
            Newer
          </Button>
          <Button variant="outline" size="sm" disabled={!events.data?.next} onClick={() => events.data?.next && setBefore([...before, events.data.next])}>
            Older
          </Button>
          </div>
        </div>
      </CardContent>
    </Card>
  );
}

/** Replays the events with ids in a range, both ends included, in order. */
function ReplayRange({ endpointId, onReplayed }: { endpointId: string; onReplayed(): void }) {
  const [fromId, setFromId] = useState("");
  const [toId, setToId] = useState("");
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<ApiError>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(undefined);
    setError(undefined);
    try {
      const result = await post<{ replayed: number }>(`/api/v1/webhooks/${encodeURIComponent(endpointId)}/events/replay`, {
        fromId: fromId ? Number(fromId) : null,
        toId: toId ? Number(toId) : null,
      });
      setMessage(`${result.replayed} event${result.replayed === 1 ? "" : "s"} queued again.`);
      onReplayed();
    } catch (e) {
      setError(toError(e));
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-1">
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1">
          <Label htmlFor={`from-${endpointId}`} className="text-xs text-muted-foreground">
            Replay events from id
          </Label>
          <Input id={`from-${endpointId}`} inputMode="numeric" className="w-28" value={fromId} onChange={(event) => setFromId(event.target.value)} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`to-${endpointId}`} className="text-xs text-muted-foreground">
            to id
          </Label>
          <Input id={`to-${endpointId}`} inputMode="numeric" className="w-28" value={toId} onChange={(event) => setToId(event.target.value)} />
        </div>
        <Button type="submit" variant="outline" size="sm">
          <RotateCcw /> Replay range
        </Button>
      </div>
      {message && <p className="text-xs text-success" role="status">{message}</p>}
      {error && <p className="text-xs text-destructive" role="alert">{error.detail || error.title}{error.errors.length > 0 ? `: ${error.errors.map((item) => item.reason).join("; ")}` : ""}</p>}
    </form>
  );
}
