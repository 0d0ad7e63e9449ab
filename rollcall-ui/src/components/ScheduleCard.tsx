import { Pause, Play } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError, post, put } from "@/lib/api";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { Integration, SyncSchedule } from "@/lib/types";
import { useResource } from "@/lib/useResource";

type Kind = "manual" | "interval" | "cron";

/** When an integration syncs by itself: manual only, every N minutes, or a cron expression; paused or not. */
export function ScheduleCard({ integration }: { integration: Integration }) {
  const path = `/api/v1/integrations/${encodeURIComponent(integration.id)}/sync-schedule`;
  const schedule = useResource<SyncSchedule>(path);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ApiError>();

  if (schedule.error?.missingEndpoint) return <NotAvailable what="Sync schedules" />;
  if (schedule.error) return <ProblemAlert error={schedule.error} />;
  if (!schedule.data) return <Skeleton className="h-24 w-full" />;
  const data = schedule.data;

  async function togglePause() {
    setError(undefined);
    try {
      await post(`${path}/${data.paused ? "resume" : "pause"}`);
      schedule.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));
    }
  }

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
        <div>
          <CardTitle>Schedule</CardTitle>
          <CardDescription data-testid="schedule-summary">
            {describe(data)}
            {data.paused && (
              <Badge tone="warning" className="ml-2">
                paused
              </Badge>
            )}
          </CardDescription>
          {data.nextRunAt && !data.paused && (
            <p className="mt-1 text-sm" title={formatDateTime(data.nextRunAt)}>
              Next run {formatRelative(data.nextRunAt)}
            </p>
          )}
        </div>
        <div className="flex gap-2">
          {(data.cron || data.intervalSeconds) && (
            <Button variant="outline" size="sm" onClick={togglePause}>
              {data.paused ? <Play /> : <Pause />} {data.paused ? "Resume" : "Pause"}
            </Button>
          )}
          {!editing && (
            <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
              Change
            </Button>
          )}
        </div>
      </CardHeader>
      <CardContent>
        {error && <ProblemAlert error={error} />}
        {editing && (
          <ScheduleForm
            schedule={data}
            onCancel={() => setEditing(false)}
            onSave={async (body) => {
              await put(path, body);
              setEditing(false);
              schedule.reload();
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}

function describe(schedule: SyncSchedule): string {
  if (schedule.cron) return `Cron ${schedule.cron} (UTC), ${schedule.mode} runs`;
  if (schedule.intervalSeconds) return `Every ${formatInterval(schedule.intervalSeconds)}, ${schedule.mode} runs`;
  return "Manual runs only";
}

function formatInterval(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function ScheduleForm({ schedule, onSave, onCancel }: { schedule: SyncSchedule; onSave(body: object): Promise<void>; onCancel(): void }) {
  const [kind, setKind] = useState<Kind>(schedule.cron ? "cron" : schedule.intervalSeconds ? "interval" : "manual");
  const [minutes, setMinutes] = useState(schedule.intervalSeconds ? String(schedule.intervalSeconds / 60) : "60");
  const [cron, setCron] = useState(schedule.cron ?? "0 0 * * * *");
  const [mode, setMode] = useState(schedule.mode || "delta");
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const minutesNumber = Number(minutes);
    const body = {
      cron: kind === "cron" ? cron.trim() : null,
      intervalSeconds: kind === "interval" ? (Number.isFinite(minutesNumber) ? Math.round(minutesNumber * 60) : minutes) : null,
      mode,
      paused: schedule.paused,
      // The engine settings are kept as they are; this form changes only when and how runs start.
      settings: schedule.settings,
    };
    try {
      await onSave(body);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));
      setBusy(false);
    }
  }

  const reasons = (field: string) => error?.reasonsFor(field) ?? [];
  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label="Schedule">
      {error && <ProblemAlert error={error} />}
      <div className="flex flex-wrap gap-2" role="radiogroup" aria-label="When">
        {(["manual", "interval", "cron"] as const).map((option) => (
          <Button key={option} type="button" role="radio" aria-checked={kind === option} variant={kind === option ? "default" : "outline"} size="sm" onClick={() => setKind(option)}>
            {option === "manual" ? "Manual only" : option === "interval" ? "Every N minutes" : "Cron"}
          </Button>
        ))}
      </div>
      {kind === "interval" && (
        <FieldRow id="schedule-minutes" label="Minutes between runs" reasons={reasons("intervalSeconds")}>
          <Input id="schedule-minutes" inputMode="numeric" className="w-32" value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-invalid={reasons("intervalSeconds").length > 0 || undefined} />
        </FieldRow>
      )}
      {kind === "cron" && (
        <FieldRow id="schedule-cron" label="Cron (six fields, seconds first, UTC)" reasons={reasons("cron")}>
          <Input id="schedule-cron" className="font-mono sm:max-w-xs" value={cron} onChange={(e) => setCron(e.target.value)} aria-invalid={reasons("cron").length > 0 || undefined} />
        </FieldRow>
      )}
      {kind !== "manual" && (
        <FieldRow id="schedule-mode" label="Scheduled runs are" reasons={reasons("mode")}>
          <Select value={mode} onValueChange={setMode}>
            <SelectTrigger id="schedule-mode" className="w-40">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="delta">delta</SelectItem>
              <SelectItem value="full">full</SelectItem>
            </SelectContent>
          </Select>
        </FieldRow>
      )}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={busy}>
          Save schedule
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function FieldRow({ id, label, reasons, children }: { id: string; label: string; reasons: string[]; children: ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {reasons.length > 0 && <p className="text-sm font-medium text-destructive">{reasons.join("; ")}</p>}
    </div>
  );
}
