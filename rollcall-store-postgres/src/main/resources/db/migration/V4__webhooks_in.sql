-- Webhooks in: endpoints per integration, their secrets (encrypted, several active during a
-- rotation), and the inbox. A row in webhook_event is committed before the sender gets its 2xx;
-- the unique (endpoint_id, event_key) is the replay receipt, so a duplicate delivery inserts nothing.

create table webhook_endpoint (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id),
    integration_id  uuid not null references integration (id),
    scheme          text not null,
    settings        jsonb not null default '{}'::jsonb,
    enabled         boolean not null default true,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    deleted_at      timestamptz
);
create index webhook_endpoint_by_integration on webhook_endpoint (tenant_id, integration_id) where deleted_at is null;

-- Each secret is AEAD-encrypted with the master keyset; the associated data binds it to its row.
-- A rotated-out secret stays valid until retire_at, so senders can switch without losing events.
create table webhook_endpoint_secret (
    endpoint_id     uuid not null references webhook_endpoint (id),
    version         integer not null,
    tenant_id       uuid not null references tenant (id),
    ciphertext      bytea not null,
    key_id          bigint not null,
    created_at      timestamptz not null default now(),
    retire_at       timestamptz,
    primary key (endpoint_id, version)
);

create table webhook_event (
    id              bigserial primary key,
    endpoint_id     uuid not null references webhook_endpoint (id),
    tenant_id       uuid not null references tenant (id),
    integration_id  uuid not null references integration (id),
    -- the provider's event id, or 'sha256:<hex of the body>' when the scheme carries none
    event_key       text not null,
    url             text not null,
    headers         jsonb not null,
    body            bytea not null,
    sent_at         timestamptz,
    received_at     timestamptz not null,
    status          text not null default 'pending'
                    check (status in ('pending', 'processing', 'applied', 'ignored', 'failed', 'dead')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    locked_until    timestamptz,
    last_error      text,
    processed_at    timestamptz,
    unique (endpoint_id, event_key)
);
-- workers claim due events in arrival order
create index webhook_event_due on webhook_event (next_attempt_at, id) where status in ('pending', 'failed');
create index webhook_event_by_endpoint on webhook_event (endpoint_id, id desc);
