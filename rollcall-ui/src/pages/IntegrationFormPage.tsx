import { type FormEvent, useEffect, useMemo, useState } from "react";
import { CheckResultView } from "@/components/CheckResultView";
import { ConfigFields } from "@/components/ConfigForm";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError, post, put } from "@/lib/api";
import { type FormValues, initialValues, storedSecrets, toConfig } from "@/lib/configForm";
import { Link, navigate } from "@/lib/router";
import type { CheckResult, Connector, Integration } from "@/lib/types";
import { useResource } from "@/lib/useResource";

/** Create an integration (no id) or edit one: name plus the form generated from the connector's spec. */
export default function IntegrationFormPage({ id }: { id?: string }) {
  const connectors = useResource<Connector[]>("/api/v1/connectors");
  const existing = useResource<Integration>(id ? `/api/v1/integrations/${encodeURIComponent(id)}` : null);
  const [connectorType, setConnectorType] = useState<string>("");

  const type = existing.data?.connector ?? connectorType;
  const connector = connectors.data?.find((candidate) => candidate.type === type);
  const loadError = connectors.error ?? existing.error;
  const ready = connectors.data !== undefined && (!id || existing.data !== undefined);

  return (
    <div>
      <PageHeader
        title={id ? `Edit ${existing.data?.name ?? "integration"}` : "New integration"}
        description={id ? "Changing the configuration makes a new version; the history keeps the old ones." : "Choose a connector, then fill in its configuration."}
      />
      {loadError && <ProblemAlert error={loadError} />}
      {!ready && !loadError && <Skeleton className="h-64 w-full" />}
      {ready && !id && (
        <Card className="mb-6">
          <CardContent className="grid gap-1.5 pt-5">
            <Label htmlFor="connector">Connector</Label>
            <Select value={connectorType} onValueChange={setConnectorType}>
              <SelectTrigger id="connector" className="sm:max-w-sm" aria-label="Connector">
                <SelectValue placeholder="Choose a connector…" />
              </SelectTrigger>
              <SelectContent>
                {connectors.data!.map((candidate) => (
                  <SelectItem key={candidate.type} value={candidate.type}>
                    {candidate.displayName} ({candidate.type})
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {connectors.data!.length === 0 && <p className="text-sm text-muted-foreground">This server has no connectors installed.</p>}
            {connector && <p className="text-sm text-muted-foreground">{connector.description}</p>}
          </CardContent>
        </Card>
      )}
      {ready && connector && <IntegrationForm key={connector.type} connector={connector} existing={existing.data} />}
      {ready && id && existing.data && !connector && (
        <ProblemAlert error={new ApiError(404, "Connector not installed", `This server has no connector '${existing.data.connector}', so its configuration cannot be edited here.`)} />
      )}
    </div>
  );
}

function IntegrationForm({ connector, existing }: { connector: Connector; existing?: Integration }) {
  const fields = connector.configFields;
  const secrets = useMemo(() => storedSecrets(fields, existing?.config), [fields, existing]);
  const [name, setName] = useState(existing?.name ?? "");
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, existing?.config));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<{ result?: CheckResult; error?: ApiError; busy: boolean }>({ busy: false });

  useEffect(() => {
    if (error) document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const config = toConfig(fields, values, secrets);
    try {
      const saved = existing
        ? await put<Integration>(`/api/v1/integrations/${existing.id}`, { name, config })
        : await post<Integration>("/api/v1/integrations", { name, connector: connector.type, config });
      navigate(`/integrations/${saved.id}${existing ? "/configuration" : ""}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e)));
      setBusy(false);
    }
  }

  async function testConnection() {
    setCheck({ busy: true });
    setError(undefined);
    try {
      const result = existing
        ? await post<CheckResult>(`/api/v1/integrations/${existing.id}/check`)
        : await post<CheckResult>(`/api/v1/connectors/${encodeURIComponent(connector.type)}/check`, { config: toConfig(fields, values, secrets) });
      setCheck({ result, busy: false });
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, "Unexpected error", String(e));
      if (apiError.errors.length > 0) {
        // The configuration did not pass the spec: its problems belong next to their fields.
        setError(apiError);
        setCheck({ busy: false });
      } else {
        setCheck({ error: apiError, busy: false });
      }
    }
  }

  const nameReasons = error?.reasonsFor("name") ?? [];
  const shownFields = new Set(["name", ...fields.map((field) => `config.${field.name}`)]);
  const otherErrors = error?.errors.filter((fieldError) => !shownFields.has(fieldError.field)) ?? [];

  return (
    <form onSubmit={submit} noValidate className="grid gap-6" aria-label={existing ? "Edit integration" : "New integration"}>
      {error && (
        <ProblemAlert
          error={new ApiError(error.status, error.title, error.errors.length > 0 ? `${error.detail}. Each problem is shown next to its field.` : error.detail, error.type, otherErrors, error.requestId)}
        />
      )}
      <Card>
        <CardHeader>
          <CardTitle>General</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-1.5">
          <Label htmlFor="name">
            Name<span className="ml-0.5 text-destructive" aria-hidden>*</span>
          </Label>
          <Input
            id="name"
            name="name"
            className="sm:max-w-sm"
            value={name}
            aria-invalid={nameReasons.length > 0 || undefined}
            aria-describedby={nameReasons.length > 0 ? "name-error" : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          {nameReasons.length > 0 && (
            <p id="name-error" className="text-sm font-medium text-destructive" data-testid="error-name">
              Name {nameReasons.join("; ")}
            </p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{connector.displayName} configuration</CardTitle>
          <CardDescription>Fields marked * are required. Secrets are encrypted at rest and never shown again.</CardDescription>
        </CardHeader>
        <CardContent>
          {fields.length === 0 ? (
            <p className="text-sm text-muted-foreground">This connector needs no configuration.</p>
          ) : (
            <ConfigFields fields={fields} values={values} secretsStored={secrets} error={error} onChange={(field, value) => setValues((previous) => ({ ...previous, [field]: value }))} />
          )}
        </CardContent>
      </Card>
      {(check.result || check.error) && (
        <Card>
          <CardHeader>
            <CardTitle>Connection check</CardTitle>
            {existing && <CardDescription>Checks the saved configuration; save first to check your edits.</CardDescription>}
          </CardHeader>
          <CardContent>
            {check.error && <ProblemAlert error={check.error} what="The connection doctor" />}
            {check.result && <CheckResultView result={check.result} />}
          </CardContent>
        </Card>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : existing ? "Save changes" : "Create integration"}
        </Button>
        <Button type="button" variant="outline" onClick={testConnection} disabled={check.busy}>
          {check.busy ? "Checking…" : existing ? "Check saved connection" : "Test connection"}
        </Button>
        <Button asChild variant="ghost">
          <Link to={existing ? `/integrations/${existing.id}/configuration` : "/integrations"}>Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
