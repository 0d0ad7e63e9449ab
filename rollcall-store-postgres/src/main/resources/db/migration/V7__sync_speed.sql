-- Slimmer roster rows and a first load without staging (issue 5: the sync's speed targets).
--
-- Field provenance, compactly. A roster row no longer repeats {integration, session, at, policy}
-- for every one of its fields. The three provenance_* columns hold the default provenance of the
-- row: the sync session that first wrote it, its integration, and when (policy source-wins). The
-- `provenance` document keeps an entry only for a field set later (by an update, an undelete, a
-- delete's `status`, or another integration), in the old per-field form
--     {"<field>": {"integration": …, "session": …, "at": …, "policy": …}}.
-- So the provenance of field f is `provenance -> f` when present, else the row's default:
--     coalesce(provenance -> 'f', jsonb_build_object('integration', provenance_integration_id,
--              'session', provenance_session_id, 'at', provenance_at, 'policy', 'source-wins'))
-- Rows written before V7 have a null default and an entry for every field, which reads the same.
--
-- The source payload leaves the roster. The canonical record holds every OneRoster field (a
-- source's extensions in `metadata`); the payload as received was a second copy of the record on
-- every row, written by every sync and read by nothing. A record that could not be applied keeps
-- its payload where an operator needs it: in its dead letter (and, while it waits for a reference,
-- in sync_deferred_record).
alter table roster_org drop column source_payload,
    add column provenance_integration_id uuid, add column provenance_session_id uuid, add column provenance_at timestamptz;
alter table roster_academic_session drop column source_payload,
    add column provenance_integration_id uuid, add column provenance_session_id uuid, add column provenance_at timestamptz;
alter table roster_course drop column source_payload,
    add column provenance_integration_id uuid, add column provenance_session_id uuid, add column provenance_at timestamptz;
alter table roster_class drop column source_payload,
    add column provenance_integration_id uuid, add column provenance_session_id uuid, add column provenance_at timestamptz;
alter table roster_user drop column source_payload,
    add column provenance_integration_id uuid, add column provenance_session_id uuid, add column provenance_at timestamptz;
alter table roster_enrollment drop column source_payload,
    add column provenance_integration_id uuid, add column provenance_session_id uuid, add column provenance_at timestamptz;
alter table roster_demographics drop column source_payload,
    add column provenance_integration_id uuid, add column provenance_session_id uuid, add column provenance_at timestamptz;

alter table sync_staged_change drop column source_payload;

-- A first load: decided when a session first starts (true when its integration had no current
-- mapping at all) and kept for the session, so that a run resumed after a crash goes on the same
-- way. A first load applies its new records page by page, each page in one transaction with its
-- mappings, journal entries and checkpoint, instead of staging them for the end of the run: there
-- is nothing for the mass-change guard to protect yet.
alter table sync_session add column first_load boolean;

-- One index fewer to maintain per mapping (a first load writes a million of them): the partial index
-- on current mappings by local id repeats id_mapping_history (tenant_id, entity_type, local_id,
-- valid_from), which answers the same look-ups (a local id has a handful of mappings at most, the
-- current one found by its null valid_to).
drop index id_mapping_current_local;

-- The time a row was written defaults to the transaction's, as id_mapping.valid_from and
-- change_journal.occurred_at already do: a first load's COPY leaves these columns out, so that its
-- rows can be encoded before the page's transaction starts.
alter table roster_org alter column date_last_modified set default now(), alter column provenance_at set default now();
alter table roster_academic_session alter column date_last_modified set default now(), alter column provenance_at set default now();
alter table roster_course alter column date_last_modified set default now(), alter column provenance_at set default now();
alter table roster_class alter column date_last_modified set default now(), alter column provenance_at set default now();
alter table roster_user alter column date_last_modified set default now(), alter column provenance_at set default now();
alter table roster_enrollment alter column date_last_modified set default now(), alter column provenance_at set default now();
alter table roster_demographics alter column date_last_modified set default now(), alter column provenance_at set default now();
