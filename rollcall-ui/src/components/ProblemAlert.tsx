import { CircleAlert, PlugZap } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { ApiError } from "@/lib/api";

/**
 * Shows a failed call as the server explained it: title, detail, every field error, and the
 * request id to look up in the log. A missing endpoint says plainly that this server lacks it.
 */
export function ProblemAlert({ error, what, showFieldErrors = true }: { error: ApiError; what?: string; showFieldErrors?: boolean }) {
  if (error.missingEndpoint) return <NotAvailable what={what ?? "This feature"} />;
  return (
    <Alert tone="danger">
      <CircleAlert />
      <AlertTitle>{error.title}</AlertTitle>
      <AlertDescription>
        {error.detail && <p>{error.detail}</p>}
        {showFieldErrors && error.errors.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {error.errors.map((fieldError) => (
              <li key={`${fieldError.field}:${fieldError.reason}`}>
                <code className="font-mono text-xs">{fieldError.field}</code> {fieldError.reason}
              </li>
            ))}
          </ul>
        )}
        {error.requestId && <p className="mt-1 text-xs">Request id: <code className="font-mono">{error.requestId}</code></p>}
      </AlertDescription>
    </Alert>
  );
}

/** The honest state of a feature this server does not offer (its endpoint answers 404). */
export function NotAvailable({ what }: { what: string }) {
  return (
    <Alert tone="info" data-testid="not-available">
      <PlugZap />
      <AlertTitle>Not available on this server</AlertTitle>
      <AlertDescription>{what} is not offered by this Rollcall server yet (its API answers 404).</AlertDescription>
    </Alert>
  );
}
