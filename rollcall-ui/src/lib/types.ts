// The shapes of Rollcall's admin API (see the server's OpenAPI document at /v3/api-docs).

export type FieldType = "STRING" | "SECRET" | "INTEGER" | "BOOLEAN" | "URL" | "ENUM" | "DURATION" | "STRING_LIST";

export interface ConfigFieldSpec {
  name: string;
  type: FieldType;
  label: string;
  description: string;
  required: boolean;
  secret: boolean;
  defaultValue: unknown;
  options: string[];
  min: number | null;
  max: number | null;
}

export interface StreamSpec {
  name: string;
  entityType: string;
  modes: string[];
}

export interface Connector {
  type: string;
  displayName: string;
  description: string;
  capabilities: string[];
  streams: StreamSpec[];
  configFields: ConfigFieldSpec[];
}

export interface Integration {
  id: string;
  name: string;
  connector: string;
  enabled: boolean;
  version: number;
  config: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface IntegrationPage {
  items: Integration[];
  total: number;
  limit: number;
  offset: number;
}

export interface ConfigVersion {
  version: number;
  name: string;
  config: Record<string, unknown>;
  change: string;
  createdBy: string;
  createdAt: string;
}

export interface ConfigChange {
  field: string;
  kind: "ADDED" | "REMOVED" | "CHANGED";
  before: unknown;
  after: unknown;
}

export interface ConfigDiff {
  from: number;
  to: number;
  changes: ConfigChange[];
}

export interface AuditEntry {
  id: number;
  occurredAt: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export type CheckStatus = "OK" | "WARNING" | "FAILED";

export interface CheckFinding {
  name: string;
  status: CheckStatus;
  message: string;
}

export interface CheckResult {
  status: CheckStatus;
  findings: CheckFinding[];
}

export type SyncState = "queued" | "running" | "held" | "succeeded" | "failed" | "cancelled";

export interface EntityStats {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  errors: number;
}

export interface SyncSession {
  id: string;
  integrationId?: string;
  state: SyncState;
  mode: string;
  stage?: string | null;
  dryRun?: boolean;
  streams?: string[];
  startedAt?: string | null;
  finishedAt?: string | null;
  createdAt?: string | null;
  requestedBy?: string;
  durationMs?: number | null;
  stats: Record<string, EntityStats>;
  errors: SyncError[];
  /** The mass-change guard's finding, when the run got that far (its shape is the engine's report). */
  guard?: Record<string, unknown> | null;
}

/** One error of a run: where (stage, stream, external id), what kind, and why. */
export interface SyncError {
  stage?: string;
  kind?: string;
  stream?: string | null;
  externalId?: string | null;
  message?: string;
}

export interface SyncRequest {
  mode: "full" | "delta";
  streams: string[];
  dryRun: boolean;
}

export const TERMINAL_STATES: ReadonlySet<string> = new Set(["succeeded", "failed", "cancelled"]);

/** The server may write enum values in upper case; the UI compares in lower case. */
export function syncState(session: Pick<SyncSession, "state">): SyncState {
  return String(session.state).toLowerCase() as SyncState;
}

/** One change a held or dry-run session would make. */
export interface StagedChange {
  entityType: string;
  externalId: string;
  localId: string;
  operation: string;
  record: unknown;
}

export interface ChangePage {
  items: StagedChange[];
  total: number;
  limit: number;
  offset: number;
}

export interface SyncSchedule {
  integrationId: string;
  cron: string | null;
  intervalSeconds: number | null;
  mode: string;
  paused: boolean;
  nextRunAt: string | null;
  settings: Record<string, unknown>;
}

export interface WebhookEndpoint {
  id: string;
  integrationId: string;
  scheme: string;
  settings: Record<string, string>;
  enabled: boolean;
  url: string;
  activeSecrets: number;
  createdAt: string;
  /** Only in the answer that created the endpoint or rotated its secret; never again. */
  secret?: string | null;
}

export interface WebhookEvent {
  id: number;
  eventKey: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  receivedAt: string;
  processedAt: string | null;
  body: string;
}

export interface WebhookEventPage {
  items: WebhookEvent[];
  next: number | null;
}

/** What a sync or a webhook could not apply, with its context; {@code payload} only when read by id. */
export interface DeadLetter {
  id: string;
  integrationId: string | null;
  integrationName: string | null;
  sessionId: string | null;
  source: "sync" | "webhook" | string;
  stream: string | null;
  stage: string;
  externalId: string | null;
  errorKind: string;
  errorClass: string | null;
  errorMessage: string;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  payload: unknown;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  total: number;
  next: string | null;
}

export interface ReplayResult {
  deadLetter: DeadLetter;
  outcome: "applied" | "requeued" | string;
  detail: string;
}

/** One row of the roster browser. */
export interface RecordSummary {
  id: string;
  entity: string;
  title: string | null;
  detail: string | null;
  status: string;
  dateLastModified: string;
}

export interface RecordPage {
  items: RecordSummary[];
  next: string | null;
}

export interface RecordMapping {
  integrationId: string;
  integrationName: string | null;
  externalId: string;
  matchedBy: string;
  validFrom: string;
  validTo: string | null;
  current: boolean;
}

export interface RecordChange {
  seq: number;
  operation: string;
  changedFields: string[];
  sessionId: string | null;
  cause: string;
  occurredAt: string;
}

export interface RecordHistoryPage {
  items: RecordChange[];
  next: number | null;
}

export interface RecordView {
  id: string;
  entity: string;
  status: string;
  dateLastModified: string;
  createdAt: string;
  record: Record<string, unknown>;
  /** Per field: which integration set it, in which session, when, under which policy. */
  provenance: Record<string, unknown>;
  mappings: RecordMapping[];
  history: RecordHistoryPage;
}

/** The tenant's sessions across integrations; {@code next} is the {@code before} of the next page. */
export interface SessionSearchPage {
  items: SyncSession[];
  next: string | null;
}
