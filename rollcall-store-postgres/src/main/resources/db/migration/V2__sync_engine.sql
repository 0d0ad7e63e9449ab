-- The sync engine. A run stages what it finds, page by page, in the same transaction as the page's
-- checkpoint; nothing reaches the roster until the run completes, when every staged change is applied
-- set-based in one transaction (or held for an operator by the mass-change guard).

alter table sync_session
    add column dry_run          boolean not null default false,
    add column guard            jsonb,
    add column cancel_requested boolean not null default false,
    add column decided_by       text,
    add column decided_at       timestamptz;

-- The latest source timestamp a stream's pages carried; the watermark advances to it on success.
alter table sync_checkpoint add column high_watermark timestamptz;

-- What a run will change: one row per (session, entity, external id); a record staged twice keeps
-- its first operation when that was a create. `record` is the canonical JSON in Rollcall's ids.
create table sync_staged_change (
    session_id         uuid not null references sync_session (id),
    entity_type        text not null,
    external_id        text not null,
    tenant_id          uuid not null references tenant (id),
    local_id           uuid not null,
    operation          text not null check (operation in ('created', 'updated', 'deleted', 'undeleted')),
    checksum           bytea not null,
    deleted            boolean not null,
    record             jsonb,
    source_payload     jsonb,
    source_updated_at  timestamptz,
    new_mapping        text check (new_mapping in ('created', 'natural-key')),
    primary key (session_id, entity_type, external_id)
);
create index sync_staged_change_new_local on sync_staged_change (session_id, entity_type, local_id)
    where new_mapping is not null;

-- Records whose references were not there yet; they wait to the end of the run.
create table sync_deferred_record (
    session_id         uuid not null references sync_session (id),
    entity_type        text not null,
    external_id        text not null,
    tenant_id          uuid not null references tenant (id),
    stream             text not null,
    entity             jsonb not null,
    payload            jsonb not null,
    source_updated_at  timestamptz,
    local_id           uuid not null,
    new_mapping        text check (new_mapping in ('created', 'natural-key')),
    missing            text[] not null,
    primary key (session_id, entity_type, external_id)
);

-- The external ids each page of a full read saw, so that a resumed run still knows what it saw
-- before the crash and marks only the rest deleted. One row per page.
create table sync_seen_page (
    session_id    uuid not null references sync_session (id),
    stream        text not null,
    page          integer not null,
    tenant_id     uuid not null references tenant (id),
    external_ids  text[] not null,
    primary key (session_id, stream, page)
);

-- Per integration: when it syncs by itself, and how.
create table sync_schedule (
    integration_id    uuid primary key references integration (id),
    tenant_id         uuid not null references tenant (id),
    cron              text,
    interval_seconds  integer check (interval_seconds is null or interval_seconds >= 60),
    mode              text not null default 'delta' check (mode in ('full', 'delta')),
    paused            boolean not null default false,
    next_run_at       timestamptz,
    settings          jsonb not null default '{}',
    updated_at        timestamptz not null default now(),
    check (cron is null or interval_seconds is null)
);
create index sync_schedule_due on sync_schedule (next_run_at) where not paused and next_run_at is not null;

-- db-scheduler's table (com.github.kagkarlsson:db-scheduler, PostgreSQL schema). It is the job
-- queue every Rollcall instance polls; it holds no tenant data.
create table scheduled_tasks (
    task_name             text not null,
    task_instance         text not null,
    task_data             bytea,
    execution_time        timestamptz not null,
    picked                boolean not null,
    picked_by             text,
    last_success          timestamptz,
    last_failure          timestamptz,
    consecutive_failures  int,
    last_heartbeat        timestamptz,
    version               bigint not null,
    priority              smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
