import { type ReactNode, useState } from "react";
import { ProblemAlert } from "@/components/ProblemAlert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { ApiError } from "@/lib/api";
import { navigate } from "@/lib/router";
import { startSync } from "@/lib/syncs";
import type { Connector, Integration } from "@/lib/types";
import { cn } from "@/lib/utils";

/**
 * Starts a run: full or delta (delta only where a stream supports it), all streams or some, for
 * real or as a dry run; then opens the new session.
 */
export function RunSyncDialog({ integration, connector, trigger }: { integration: Integration; connector?: Connector; trigger: ReactNode }) {
  const streams = connector?.streams ?? [];
  const deltaStreams = streams.filter((stream) => stream.modes.some((mode) => mode.toUpperCase() === "DELTA"));
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<"full" | "delta">("full");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const available = mode === "delta" ? deltaStreams : streams;
  const chosen = available.filter((stream) => selected.has(stream.name)).map((stream) => stream.name);

  function reset(next: boolean) {
    setOpen(next);
    if (next) {
      setMode("full");
      setSelected(new Set(streams.map((stream) => stream.name)));
      setDryRun(false);
      setError(undefined);
    }
  }

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      // Every stream is the server's default (an empty list); a subset is a per-stream run.
      const streamsToSend = chosen.length === available.length ? [] : chosen;
      const session = await startSync(integration.id, { mode, streams: streamsToSend, dryRun });
      setOpen(false);
      navigate(`/syncs/${session.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Run a sync of {integration.name}</DialogTitle>
          <DialogDescription>A full run reads everything and marks what it did not see as deleted; a delta run reads what changed since the last run.</DialogDescription>
        </DialogHeader>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">Mode</legend>
          <div className="flex gap-2" role="radiogroup" aria-label="Mode">
            {(["full", "delta"] as const).map((option) => {
              const disabled = option === "delta" && deltaStreams.length === 0;
              return (
                <button
                  key={option}
                  type="button"
                  role="radio"
                  aria-checked={mode === option}
                  disabled={disabled}
                  title={disabled ? "No stream of this connector supports delta reads" : undefined}
                  onClick={() => setMode(option)}
                  className={cn(
                    "flex-1 rounded-md border px-3 py-2 text-sm font-medium transition-colors disabled:opacity-50",
                    mode === option ? "border-primary bg-primary/10 text-primary" : "hover:bg-accent",
                  )}
                >
                  {option === "full" ? "Full" : "Delta"}
                </button>
              );
            })}
          </div>
        </fieldset>
        {available.length > 0 && (
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">Streams</legend>
            <div className="grid grid-cols-2 gap-2">
              {available.map((stream) => (
                <div key={stream.name} className="flex items-center gap-2">
                  <Checkbox
                    id={`stream-${stream.name}`}
                    checked={selected.has(stream.name)}
                    onCheckedChange={(checked) =>
                      setSelected((previous) => {
                        const next = new Set(previous);
                        if (checked === true) next.add(stream.name);
                        else next.delete(stream.name);
                        return next;
                      })
                    }
                  />
                  <Label htmlFor={`stream-${stream.name}`} className="font-normal">
                    {stream.name}
                  </Label>
                </div>
              ))}
            </div>
          </fieldset>
        )}
        <div className="flex items-center gap-3">
          <Switch id="dry-run" checked={dryRun} onCheckedChange={setDryRun} />
          <Label htmlFor="dry-run">Dry run: count what would change, write nothing</Label>
        </div>
        {error && <ProblemAlert error={error} what="Running syncs" />}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button onClick={run} disabled={busy || (available.length > 0 && chosen.length === 0)}>
            {busy ? "Starting…" : dryRun ? "Start dry run" : "Start sync"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
