// Webhooks in: the verification schemes an endpoint can use and the settings each takes (see the
// server's WebhookScheme), as the endpoint form needs them.

export interface SchemeSetting {
  name: string;
  label: string;
  required: boolean;
  placeholder?: string;
  options?: string[];
}

export interface WebhookSchemeSpec {
  name: string;
  label: string;
  /** False for google-pubsub, which checks Google's signed JWT instead of a shared secret. */
  usesSecret: boolean;
  settings: SchemeSetting[];
}

export const WEBHOOK_SCHEMES: WebhookSchemeSpec[] = [
  { name: "standard-webhooks", label: "Standard Webhooks", usesSecret: true, settings: [] },
  { name: "github", label: "GitHub", usesSecret: true, settings: [] },
  { name: "slack", label: "Slack", usesSecret: true, settings: [] },
  { name: "stripe", label: "Stripe", usesSecret: true, settings: [] },
  { name: "notion", label: "Notion", usesSecret: true, settings: [] },
  { name: "shopify", label: "Shopify", usesSecret: true, settings: [] },
  { name: "twilio", label: "Twilio", usesSecret: true, settings: [] },
  {
    name: "google-pubsub",
    label: "Google Cloud Pub/Sub push",
    usesSecret: false,
    settings: [
      { name: "audience", label: "Audience", required: true, placeholder: "https://rollcall.example.org/webhooks/…" },
      { name: "serviceAccountEmail", label: "Service account email", required: true, placeholder: "push@project.iam.gserviceaccount.com" },
      { name: "jwksUrl", label: "JWKS URL", required: false, placeholder: "https://www.googleapis.com/oauth2/v3/certs" },
      { name: "issuers", label: "Issuers (comma-separated)", required: false, placeholder: "accounts.google.com, https://accounts.google.com" },
    ],
  },
  {
    name: "hmac-sha256",
    label: "HMAC-SHA256 of the body",
    usesSecret: true,
    settings: [
      { name: "header", label: "Signature header", required: true, placeholder: "X-Signature" },
      { name: "encoding", label: "Encoding", required: false, options: ["hex", "base64"] },
      { name: "prefix", label: "Prefix", required: false, placeholder: "sha256=" },
      { name: "eventIdHeader", label: "Event id header", required: false, placeholder: "X-Event-Id" },
    ],
  },
];

export function schemeSpec(name: string): WebhookSchemeSpec | undefined {
  return WEBHOOK_SCHEMES.find((scheme) => scheme.name === name);
}

/** The create request for a scheme: only its own settings, blank ones left out; no secret means "generate one". */
export function endpointRequest(scheme: string, values: Record<string, string>, secret: string): { scheme: string; settings: Record<string, string>; secret?: string } {
  const spec = schemeSpec(scheme);
  const settings: Record<string, string> = {};
  for (const setting of spec?.settings ?? []) {
    const value = values[setting.name]?.trim();
    if (value) settings[setting.name] = value;
  }
  const request: { scheme: string; settings: Record<string, string>; secret?: string } = { scheme, settings };
  if (spec?.usesSecret && secret.trim()) request.secret = secret.trim();
  return request;
}
