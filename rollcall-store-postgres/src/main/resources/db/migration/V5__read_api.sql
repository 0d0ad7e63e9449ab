-- How applications read the roster: OAuth clients and tokens for the OneRoster API, the change
-- feed's retention horizon, outbound webhook subscriptions with their delivery attempts, and alerts.

-- OAuth 2.0 clients (client credentials) of the OneRoster API. The client id is the row id; only a
-- SHA-256 of the 256-bit random secret is kept (nothing to brute-force, so a fast hash is enough).
create table oauth_client (
    id             uuid primary key,
    tenant_id      uuid not null references tenant (id),
    name           text not null,
    scopes         text[] not null,
    secret_sha256  bytea not null,
    created_by     text not null,
    created_at     timestamptz not null default now(),
    last_used_at   timestamptz,
    revoked_at     timestamptz
);
create index oauth_client_by_tenant on oauth_client (tenant_id, created_at);

-- Access tokens: opaque 256-bit random values, stored as SHA-256 with their expiry. A revoked
-- client's tokens stop working at once (the lookup joins the client).
create table oauth_token (
    token_sha256  bytea primary key,
    tenant_id     uuid not null references tenant (id),
    client_id     uuid not null references oauth_client (id),
    scopes        text[] not null,
    issued_at     timestamptz not null,
    expires_at    timestamptz not null
);
create index oauth_token_by_expiry on oauth_token (expires_at);
create index oauth_token_by_client on oauth_token (client_id);

-- The OneRoster API pages in sourcedId (id) order within a tenant.
create index roster_org_by_tenant_id on roster_org (tenant_id, id);
create index roster_academic_session_by_tenant_id on roster_academic_session (tenant_id, id);
create index roster_course_by_tenant_id on roster_course (tenant_id, id);
create index roster_class_by_tenant_id on roster_class (tenant_id, id);
create index roster_user_by_tenant_id on roster_user (tenant_id, id);
create index roster_enrollment_by_tenant_id on roster_enrollment (tenant_id, id);
create index roster_demographics_by_tenant_id on roster_demographics (tenant_id, id);

-- Point-in-time reads walk the journal by time.
create index change_journal_by_time on change_journal (tenant_id, entity_type, occurred_at);

-- How far retention has purged a tenant's journal: a cursor below purged_through_seq, or a
-- point-in-time read before purged_before, can no longer be answered (410).
create table change_journal_horizon (
    tenant_id           uuid primary key references tenant (id),
    purged_through_seq  bigint not null,
    purged_before       timestamptz not null,
    updated_at          timestamptz not null default now()
);

-- Outbound webhook subscriptions. Each is driven by its own journal cursor: the seq of the last
-- event it delivered (or skipped as filtered out). One delivery is in flight per subscription at a
-- time, held by a lease. The signing secret is encrypted (AEAD, associated data = the row id).
create table webhook_subscription (
    id                    uuid primary key,
    tenant_id             uuid not null references tenant (id),
    url                   text not null,
    event_types           text[] not null default '{}',
    entity_types          text[] not null default '{}',
    secret_ciphertext     bytea not null,
    secret_key_id         bigint not null,
    cursor                bigint not null,
    state                 text not null check (state in ('active', 'disabled')),
    consecutive_failures  integer not null default 0,
    next_attempt_at       timestamptz not null default now(),
    leased_until          timestamptz,
    disabled_at           timestamptz,
    disabled_reason       text,
    created_by            text not null,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now()
);
create index webhook_subscription_due on webhook_subscription (next_attempt_at) where state = 'active';
create index webhook_subscription_by_tenant on webhook_subscription (tenant_id, created_at);

-- Every delivery attempt, successful or not.
create table webhook_delivery (
    id               bigint generated always as identity primary key,
    tenant_id        uuid not null references tenant (id),
    subscription_id  uuid not null references webhook_subscription (id),
    message_id       text not null,
    seq              bigint not null,
    event_type       text not null,
    attempt          integer not null,
    attempted_at     timestamptz not null,
    duration_ms      integer not null,
    status_code      integer,
    succeeded        boolean not null,
    error            text
);
create index webhook_delivery_by_subscription on webhook_delivery (subscription_id, id desc);

-- Alerts raised by Rollcall itself (e.g. a webhook subscription disabled after repeated failures).
create table alert (
    id            bigint generated always as identity primary key,
    tenant_id     uuid not null references tenant (id),
    kind          text not null,
    severity      text not null check (severity in ('info', 'warning', 'critical')),
    target_type   text not null,
    target_id     text not null,
    message       text not null,
    details       jsonb not null default '{}',
    raised_at     timestamptz not null default now(),
    resolved_at   timestamptz
);
create index alert_open on alert (tenant_id, raised_at desc) where resolved_at is null;
