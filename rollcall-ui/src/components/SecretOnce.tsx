import { Check, Copy, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";

/** A value with a copy button. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false); // no clipboard (insecure context): the value is selectable
    }
  }
  return (
    <div className="grid gap-1">
      <Label className="text-xs text-muted-foreground">{label}</Label>
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 select-all break-all rounded-md bg-muted px-2 py-1.5 font-mono text-xs" data-testid={testId}>
          {value}
        </code>
        <Button variant="outline" size="sm" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
          {copied ? <Check /> : <Copy />} {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}

/** A secret shown the one time the server returns it, with the warning that it will not be shown again. */
export function SecretOnce({ url, secret }: { url: string; secret: string | null }) {
  return (
    <div className="grid gap-3" data-testid="secret-once">
      <CopyField label="URL" value={url} testId="endpoint-url" />
      {secret ? (
        <>
          <CopyField label="Secret" value={secret} testId="endpoint-secret" />
          <Alert tone="warning">
            <TriangleAlert />
            <AlertTitle>Copy the secret now</AlertTitle>
            <AlertDescription>You will not see it again: Rollcall keeps it encrypted and never shows it. If it is lost, rotate it.</AlertDescription>
          </Alert>
        </>
      ) : (
        <p className="text-sm text-muted-foreground">This scheme has no shared secret: requests are checked against Google's signed token.</p>
      )}
    </div>
  );
}
