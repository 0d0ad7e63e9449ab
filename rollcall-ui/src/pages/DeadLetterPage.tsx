import { CircleCheck, RotateCcw, Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { DeadLetterStateBadge } from "@/components/DeadLetterParts";
import { JsonView } from "@/components/JsonView";
import { PageHeader } from "@/components/PageHeader";
import { NotAvailable, ProblemAlert } from "@/components/ProblemAlert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError, post } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { Link } from "@/lib/router";
import type { DeadLetter, ReplayResult } from "@/lib/types";
import { useResource } from "@/lib/useResource";

const deadLetterPath = (id: string) => `/api/v1/dead-letters/${encodeURIComponent(id)}`;

/** One dead letter: why it failed, where it came from, its payload; replay or discard it. */
export default function DeadLetterPage({ id }: { id: string }) {
  const letter = useResource<DeadLetter>(deadLetterPath(id));
  const [replaying, setReplaying] = useState(false);
  const [result, setResult] = useState<ReplayResult>();
  const [failure, setFailure] = useState<ApiError>();

  if (letter.error?.missingEndpoint) return <NotAvailable what="Dead letters" />;
  if (letter.error && !letter.data) return <ProblemAlert error={letter.error} />;
  if (!letter.data) return <Skeleton className="h-64 w-full" />;
  const data = letter.data;
  const open = !data.resolvedAt;

  async function replay() {
    setReplaying(true);
    setResult(undefined);
    setFailure(undefined);
    try {
      setResult(await post<ReplayResult>(`${deadLetterPath(id)}/replay`));
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));
    } finally {
      setReplaying(false);
      letter.reload();
    }
  }

  return (
    <div className="grid gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Dead letter <DeadLetterStateBadge letter={data} />
          </span>
        }
        description={
          <span>
            <Link className="text-primary hover:underline" to="/dead-letters">
              Dead letters
            </Link>{" "}
            · {data.source} · {data.stream ?? "—"} {data.externalId ?? ""}
          </span>
        }
        actions={
          open && (
            <>
              <Button onClick={replay} disabled={replaying} data-testid="replay-dead-letter">
                <RotateCcw /> {replaying ? "Replaying…" : "Replay"}
              </Button>
              <ConfirmDialog
                trigger={
                  <Button variant="outline">
                    <Trash2 /> Discard
                  </Button>
                }
                title="Discard this dead letter?"
                description="It is closed without being applied; the roster stays as it is. The discard is kept in the audit log."
                confirmLabel="Discard"
                destructive
                onConfirm={async () => {
                  await post(`${deadLetterPath(id)}/discard`);
                  letter.reload();
                }}
              />
            </>
          )
        }
      />
      {result && (
        <Alert tone="success" data-testid="replay-result">
          <CircleCheck />
          <AlertTitle>{result.outcome === "requeued" ? "Queued again" : "Replayed"}</AlertTitle>
          <AlertDescription>{result.detail}</AlertDescription>
        </Alert>
      )}
      {failure && <ProblemAlert error={failure} />}
      <Card>
        <CardHeader>
          <CardTitle>Error</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2">
          <p className="text-destructive" data-testid="dead-letter-error">
            {data.errorMessage}
          </p>
          <p className="text-sm text-muted-foreground">
            {data.errorKind}
            {data.errorClass ? ` · ${data.errorClass}` : ""} · {data.attempts} attempt{data.attempts === 1 ? "" : "s"}, the last {formatDateTime(data.lastAttemptAt)}
          </p>
          {data.resolvedAt && (
            <p className="text-sm">
              Resolved ({data.resolution}) {formatDateTime(data.resolvedAt)}.
            </p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Context</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Integration</dt>
            <dd>
              {data.integrationId ? (
                <Link className="text-primary hover:underline" to={`/integrations/${data.integrationId}`}>
                  {data.integrationName ?? data.integrationId}
                </Link>
              ) : (
                "—"
              )}
            </dd>
            <dt className="text-muted-foreground">Session</dt>
            <dd>
              {data.sessionId ? (
                <Link className="font-mono text-primary hover:underline" to={`/syncs/${data.sessionId}`}>
                  {data.sessionId}
                </Link>
              ) : (
                "—"
              )}
            </dd>
            <dt className="text-muted-foreground">Source · stage</dt>
            <dd>
              {data.source} · {data.stage}
            </dd>
            <dt className="text-muted-foreground">Stream</dt>
            <dd>{data.stream ?? "—"}</dd>
            <dt className="text-muted-foreground">External id</dt>
            <dd className="break-all font-mono">{data.externalId ?? "—"}</dd>
            <dt className="text-muted-foreground">First failed</dt>
            <dd>{formatDateTime(data.createdAt)}</dd>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Payload</CardTitle>
        </CardHeader>
        <CardContent>
          <JsonView value={data.payload} testId="dead-letter-payload" />
        </CardContent>
      </Card>
    </div>
  );
}
