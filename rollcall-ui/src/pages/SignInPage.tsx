import { KeyRound } from "lucide-react";
import { type FormEvent, useState } from "react";
import { ProblemAlert } from "@/components/ProblemAlert";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiError } from "@/lib/api";
import { useAuth } from "@/lib/auth";

/** Sign-in with an admin API token; the token is checked against the API before it is kept. */
export function SignInPage() {
  const { signIn, notice } = useAuth();
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(token);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));
      setBusy(false);
    }
  }

  return (
    <main className="grid min-h-screen place-items-center bg-muted/40 p-4">
      <Card className="w-full max-w-md">
        <CardHeader>
          <div className="mb-2 flex items-center gap-2 font-semibold">
            <span className="grid size-7 place-items-center rounded-md bg-primary text-sm font-bold text-primary-foreground">R</span>
            Rollcall
          </div>
          <CardTitle className="text-xl">Sign in</CardTitle>
          <CardDescription>
            Use an admin API token. Rollcall prints one at its first start and saves it to <code className="font-mono">rollcall-data/admin-token</code>.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={submit} className="grid gap-4" noValidate>
            {notice && !error && (
              <Alert tone="info">
                <AlertDescription>{notice}</AlertDescription>
              </Alert>
            )}
            <div className="grid gap-1.5">
              <Label htmlFor="token">Admin token</Label>
              <Input
                id="token"
                name="token"
                type="password"
                autoComplete="current-password"
                autoFocus
                value={token}
                aria-invalid={error ? true : undefined}
                onChange={(event) => setToken(event.target.value)}
              />
            </div>
            {error && <ProblemAlert error={error} />}
            <Button type="submit" disabled={busy || token.trim() === ""}>
              <KeyRound />
              {busy ? "Checking…" : "Sign in"}
            </Button>
          </form>
        </CardContent>
      </Card>
    </main>
  );
}
