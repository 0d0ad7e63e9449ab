import { Ban, Check, X } from "lucide-react";
import { ChangesPreview } from "@/components/ChangesPreview";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { PageHeader } from "@/components/PageHeader";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { GuardTable, LiveIndicator, SessionErrorItem, StatsTable } from "@/components/SessionParts";
import { SyncStateBadge } from "@/components/StatusBadge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { post } from "@/lib/api";
import { formatDateTime, formatDuration } from "@/lib/format";
import { Link } from "@/lib/router";
import { syncPath, useLiveSession } from "@/lib/syncs";
import { type Integration, syncState, TERMINAL_STATES } from "@/lib/types";
import { useResource } from "@/lib/useResource";

/** One sync session, kept current while it runs: state, stage, per-entity counts and errors. */
export default function SessionPage({ id }: { id: string }) {
  const { session, error, live, refresh } = useLiveSession(id);
  const integration = useResource<Integration>(session?.integrationId ? `/api/v1/integrations/${encodeURIComponent(session.integrationId)}` : null);

  if (error?.missingEndpoint) return <NotAvailable what="Sync sessions" />;
  if (error && !session) return <ProblemAlert error={error} />;
  if (!session) return <Skeleton className="h-64 w-full" />;

  const state = syncState(session);
  const act = (action: "cancel" | "approve" | "reject") => async () => {
    await post(`${syncPath(id)}/${action}`);
    refresh();
  };

  return (
    <div className="grid gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Sync session <SyncStateBadge state={session.state} />
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            {session.integrationId && (
              <>
                <Link className="text-primary hover:underline" to={`/integrations/${session.integrationId}`}>
                  {integration.data?.name ?? "Integration"}
                </Link>
                <span>·</span>
              </>
            )}
            <span>
              {session.mode}
              {session.dryRun ? " dry run" : ""}
            </span>
            {session.requestedBy && <span>· requested by {session.requestedBy}</span>}
            {session.streams && session.streams.length > 0 && <span>· {session.streams.join(", ")}</span>}
            <LiveIndicator live={live} />
          </span>
        }
        actions={
          <>
            {state === "held" && (
              <>
                <ConfirmDialog
                  trigger={
                    <Button>
                      <Check /> Approve
                    </Button>
                  }
                  title="Apply this run?"
                  description="The held changes, deletes included, are written to the roster."
                  confirmLabel="Approve"
                  onConfirm={act("approve")}
                />
                <ConfirmDialog
                  trigger={
                    <Button variant="outline">
                      <X /> Reject
                    </Button>
                  }
                  title="Reject this run?"
                  description="Nothing of this run is applied; the roster stays as it was."
                  confirmLabel="Reject"
                  destructive
                  onConfirm={act("reject")}
                />
              </>
            )}
            {(state === "queued" || state === "running") && (
              <ConfirmDialog
                trigger={
                  <Button variant="outline">
                    <Ban /> Cancel run
                  </Button>
                }
                title="Cancel this run?"
                description="The run stops after the page it is writing; what was committed stays, and the next run resumes from there."
                confirmLabel="Cancel run"
                destructive
                onConfirm={act("cancel")}
              />
            )}
          </>
        }
      />
      {error && <ProblemAlert error={error} />}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Fact label="Stage" value={session.stage ?? (state === "queued" ? "waiting to start" : "—")} testId="session-stage" />
        <Fact label="Started" value={formatDateTime(session.startedAt)} />
        <Fact label="Finished" value={formatDateTime(session.finishedAt)} />
        <Fact label="Duration" value={formatDuration(session.startedAt, session.finishedAt)} />
      </div>
      {session.guard && (
        <Card className={state === "held" ? "border-warning/60" : undefined}>
          <CardHeader>
            <CardTitle>Mass-change guard</CardTitle>
            {state === "held" && (
              <p className="text-sm text-muted-foreground">This run would change or delete more of the roster than the guard allows, so nothing was applied. Approve to apply it, or reject it.</p>
            )}
          </CardHeader>
          <CardContent>
            <GuardTable guard={session.guard} />
          </CardContent>
        </Card>
      )}
      {(state === "held" || (session.dryRun && TERMINAL_STATES.has(state))) && (
        <Card>
          <CardHeader>
            <CardTitle>{state === "held" ? "What approving would change" : "What this dry run would change"}</CardTitle>
          </CardHeader>
          <CardContent>
            <ChangesPreview sessionId={id} />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Records by entity</CardTitle>
        </CardHeader>
        <CardContent>
          <StatsTable session={session} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle>Errors</CardTitle>
          {session.errors && session.errors.some((item) => item.stage !== "run") && (
            <Link className="text-sm text-primary hover:underline" to={`/dead-letters?sessionId=${encodeURIComponent(id)}&state=all`} data-testid="session-dead-letters">
              Dead letters of this session (replay or discard)
            </Link>
          )}
        </CardHeader>
        <CardContent>
          {session.errors && session.errors.length > 0 ? (
            <ul className="grid list-disc gap-1 pl-5 text-destructive" data-testid="session-errors">
              {session.errors.map((item, index) => (
                <SessionErrorItem key={index} error={item} />
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">No errors.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card className="p-4">
      <div className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{label}</div>
      <div className="mt-1 truncate text-sm font-medium" data-testid={testId} title={value}>
        {value}
      </div>
    </Card>
  );
}
