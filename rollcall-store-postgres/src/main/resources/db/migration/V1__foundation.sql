-- Rollcall's foundation schema. Every table that holds tenant data carries tenant_id, and every
-- lookup the engine and the API make starts with it, so each index leads with tenant_id.

create table tenant (
    id          uuid primary key,
    slug        text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]*$'),
    name        text not null,
    created_at  timestamptz not null default now()
);

-- The tenant every installation starts with; the bootstrap admin token belongs to it.
insert into tenant (id, slug, name) values ('00000000-0000-0000-0000-000000000001', 'default', 'Default tenant');

-- API tokens: only a SHA-256 of the token is kept. Tokens are 256-bit random values, so a fast
-- hash is enough (there is nothing to brute-force).
create table api_token (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id),
    name          text not null,
    role          text not null check (role in ('admin', 'operator', 'viewer')),
    token_sha256  bytea not null unique,
    bootstrap     boolean not null default false,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create unique index api_token_one_bootstrap on api_token (tenant_id) where bootstrap and revoked_at is null;

-- Integrations: one connection of a tenant to one upstream. The configuration lives in versions.
create table integration (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id),
    name            text not null,
    connector       text not null,
    enabled         boolean not null default true,
    current_version integer not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    deleted_at      timestamptz
);
create unique index integration_name_per_tenant on integration (tenant_id, lower(name)) where deleted_at is null;
create index integration_by_tenant on integration (tenant_id, created_at) where deleted_at is null;

-- Every change of an integration's configuration makes a new version. Secret fields are not in
-- `config` (it holds only their names under `secretFields`); their values are in
-- integration_credential, encrypted.
create table integration_config_version (
    integration_id  uuid not null references integration (id),
    version         integer not null,
    tenant_id       uuid not null references tenant (id),
    name            text not null,
    config          jsonb not null,
    secret_fields   text[] not null default '{}',
    change          text not null,
    created_by      text not null,
    created_at      timestamptz not null default now(),
    primary key (integration_id, version)
);

-- Credentials, encrypted with AEAD (Google Tink). The associated data binds a ciphertext to its
-- tenant, integration and version, so a ciphertext copied to another row does not decrypt.
create table integration_credential (
    integration_id  uuid not null,
    version         integer not null,
    tenant_id       uuid not null references tenant (id),
    ciphertext      bytea not null,
    key_id          bigint not null,
    created_at      timestamptz not null default now(),
    primary key (integration_id, version),
    foreign key (integration_id, version) references integration_config_version (integration_id, version)
);

-- The canonical roster: one table per entity, all with the same core columns.
--   id                   Rollcall's own id, served as the sourcedId of its OneRoster API
--   status               'active' | 'tobedeleted'
--   date_last_modified   when the record last changed in Rollcall (OneRoster dateLastModified)
--   checksum             128-bit checksum of the canonical JSON; unchanged records are never written
--   record               the canonical OneRoster 1.2 JSON (references point at Rollcall ids)
--   source_payload       the record as the upstream sent it, unknown fields included
--   provenance           per field: which integration set it, when, under which policy
create table roster_org (
    id                  uuid primary key,
    tenant_id           uuid not null references tenant (id),
    status              text not null check (status in ('active', 'tobedeleted')),
    date_last_modified  timestamptz not null,
    checksum            bytea not null,
    record              jsonb not null,
    source_payload      jsonb,
    provenance          jsonb not null default '{}',
    created_at          timestamptz not null default now(),
    org_type            text,
    identifier          text,
    parent_id           uuid
);

create table roster_academic_session (like roster_org including defaults including constraints);
alter table roster_academic_session drop column org_type, drop column identifier, drop column parent_id,
    add primary key (id), add foreign key (tenant_id) references tenant (id),
    add column session_type text, add column parent_id uuid, add column school_year text;

create table roster_course (like roster_org including defaults including constraints);
alter table roster_course drop column org_type, drop column identifier, drop column parent_id,
    add primary key (id), add foreign key (tenant_id) references tenant (id),
    add column org_id uuid, add column course_code text;

create table roster_class (like roster_org including defaults including constraints);
alter table roster_class drop column org_type, drop column identifier, drop column parent_id,
    add primary key (id), add foreign key (tenant_id) references tenant (id),
    add column course_id uuid, add column school_id uuid, add column class_code text;

create table roster_user (like roster_org including defaults including constraints);
alter table roster_user drop column org_type, drop column identifier, drop column parent_id,
    add primary key (id), add foreign key (tenant_id) references tenant (id),
    add column email text, add column identifier text, add column user_master_identifier text,
    add column username text, add column family_name text, add column given_name text;

create table roster_enrollment (like roster_org including defaults including constraints);
alter table roster_enrollment drop column org_type, drop column identifier, drop column parent_id,
    add primary key (id), add foreign key (tenant_id) references tenant (id),
    add column user_id uuid, add column class_id uuid, add column school_id uuid, add column role text;

create table roster_demographics (like roster_org including defaults including constraints);
alter table roster_demographics drop column org_type, drop column identifier, drop column parent_id,
    add primary key (id), add foreign key (tenant_id) references tenant (id),
    add column user_id uuid;

-- Lookups: change-ordered listing (delta reads of Rollcall's own API), natural keys for identity
-- matching, and the references the OneRoster sub-collections follow.
create index roster_org_by_modified on roster_org (tenant_id, date_last_modified, id);
create index roster_org_by_identifier on roster_org (tenant_id, identifier);
create index roster_academic_session_by_modified on roster_academic_session (tenant_id, date_last_modified, id);
create index roster_course_by_modified on roster_course (tenant_id, date_last_modified, id);
create index roster_course_by_org on roster_course (tenant_id, org_id);
create index roster_class_by_modified on roster_class (tenant_id, date_last_modified, id);
create index roster_class_by_course on roster_class (tenant_id, course_id);
create index roster_class_by_school on roster_class (tenant_id, school_id);
create index roster_user_by_modified on roster_user (tenant_id, date_last_modified, id);
create index roster_user_by_email on roster_user (tenant_id, lower(email));
create index roster_user_by_identifier on roster_user (tenant_id, identifier);
create index roster_user_by_master_identifier on roster_user (tenant_id, user_master_identifier);
create index roster_enrollment_by_modified on roster_enrollment (tenant_id, date_last_modified, id);
create index roster_enrollment_by_class on roster_enrollment (tenant_id, class_id);
create index roster_enrollment_by_user on roster_enrollment (tenant_id, user_id);
create index roster_enrollment_by_school on roster_enrollment (tenant_id, school_id);
create index roster_demographics_by_modified on roster_demographics (tenant_id, date_last_modified, id);
create unique index roster_demographics_by_user on roster_demographics (tenant_id, user_id);

-- The mapping ledger: which external record of which integration is which local record. A row is
-- current while valid_to is null; a remap closes the old row and opens a new one, so the history
-- stays. Looked up both ways: external -> local during sync, local -> external for writes and for
-- showing a record's mappings.
create table id_mapping (
    id              bigint generated always as identity primary key,
    tenant_id       uuid not null references tenant (id),
    entity_type     text not null,
    local_id        uuid not null,
    integration_id  uuid not null references integration (id),
    external_id     text not null,
    matched_by      text not null default 'created' check (matched_by in ('created', 'mapping', 'natural-key', 'manual')),
    valid_from      timestamptz not null default now(),
    valid_to        timestamptz
);
create unique index id_mapping_current_external
    on id_mapping (integration_id, entity_type, external_id) where valid_to is null;
create index id_mapping_current_local
    on id_mapping (tenant_id, entity_type, local_id) where valid_to is null;
create index id_mapping_history on id_mapping (tenant_id, entity_type, local_id, valid_from);

-- Sync sessions: one per run.
create table sync_session (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id),
    integration_id  uuid not null references integration (id),
    mode            text not null check (mode in ('full', 'delta', 'webhook', 'dry-run')),
    streams         text[] not null default '{}',
    state           text not null check (state in ('queued', 'running', 'held', 'succeeded', 'failed', 'cancelled')),
    stage           text,
    progress        jsonb not null default '{}',
    error           jsonb,
    requested_by    text not null,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz
);
create index sync_session_by_integration on sync_session (tenant_id, integration_id, created_at desc);
create index sync_session_active on sync_session (integration_id) where state in ('queued', 'running', 'held');

-- Checkpoints: the last committed position of each stream of a session, written in the same
-- transaction as the page it follows.
create table sync_checkpoint (
    session_id      uuid not null references sync_session (id),
    stream          text not null,
    tenant_id       uuid not null references tenant (id),
    checkpoint      text,
    pages           integer not null default 0,
    completed       boolean not null default false,
    updated_at      timestamptz not null default now(),
    primary key (session_id, stream)
);

-- Watermarks for delta reads, per integration and stream; advanced only when a run succeeds.
create table sync_watermark (
    integration_id  uuid not null references integration (id),
    stream          text not null,
    tenant_id       uuid not null references tenant (id),
    watermark       timestamptz not null,
    session_id      uuid references sync_session (id),
    updated_at      timestamptz not null default now(),
    primary key (integration_id, stream)
);

-- The change journal: every change to the canonical roster, in commit order per tenant. The
-- sequence is the change-feed cursor; it is never reused.
create table change_journal (
    seq             bigint generated always as identity primary key,
    tenant_id       uuid not null references tenant (id),
    entity_type     text not null,
    record_id       uuid not null,
    operation       text not null check (operation in ('created', 'updated', 'deleted', 'undeleted')),
    changed_fields  text[] not null default '{}',
    record          jsonb,
    session_id      uuid references sync_session (id),
    cause           text not null,
    occurred_at     timestamptz not null default now()
);
create index change_journal_by_tenant on change_journal (tenant_id, seq);
create index change_journal_by_record on change_journal (tenant_id, entity_type, record_id, seq);

-- Dead letters: what could not be applied, with everything needed to understand and replay it.
create table dead_letter (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id),
    integration_id  uuid references integration (id),
    session_id      uuid references sync_session (id),
    source          text not null,
    stream          text,
    stage           text not null,
    external_id     text,
    error_kind      text not null,
    error_class     text,
    error_message   text not null,
    payload         jsonb,
    attempts        integer not null default 1,
    created_at      timestamptz not null default now(),
    last_attempt_at timestamptz not null default now(),
    resolved_at     timestamptz,
    resolution      text
);
create index dead_letter_open on dead_letter (tenant_id, created_at desc) where resolved_at is null;
create index dead_letter_by_session on dead_letter (session_id);

-- The audit log: who did what, when, with the before and after (secrets masked). Append-only.
create table audit_log (
    id              bigint generated always as identity primary key,
    tenant_id       uuid not null references tenant (id),
    occurred_at     timestamptz not null default now(),
    actor           text not null,
    action          text not null,
    target_type     text not null,
    target_id       text,
    before          jsonb,
    after           jsonb,
    request_id      text
);
create index audit_log_by_tenant on audit_log (tenant_id, occurred_at desc);
create index audit_log_by_target on audit_log (tenant_id, target_type, target_id, occurred_at desc);
