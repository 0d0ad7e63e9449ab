-- A change's journal entry carries the record as it was before the change, so that a first load's
-- entries never have to be rewritten (issue 5: the 1% delta).
--
-- A first load's `created` entries carry no record of their own: theirs is the roster row's
-- (`record_in_roster`, V8__journal_record_in_roster.sql). Until now the apply copied the row's record
-- into those entries before it changed the row: an UPDATE of old journal rows scattered over the
-- whole table, each on a page not written since the last checkpoint. On the `large` benchmark's 1%
-- delta that copy took 0.47 s of the roster_enrollment apply (8,000 rows, 22,000 full-page images,
-- 159 MB of WAL), more than the journal insert itself.
--
-- Instead, the entry of every change to an existing record (an update, a delete, an undelete)
-- carries `previous_record`: the roster row's record just before that change, taken by the same
-- INSERT that writes the entry. The record of an entry that is `record_in_roster` is the
-- `previous_record` of the next entry for the same record, or, when there is none, the roster row's
-- (which has not changed since). Retention removes an entry only when a later entry for its record is
-- kept, or when it is a delete, so the entry that answers for an older one outlives it.
alter table change_journal add column previous_record jsonb;

drop function change_journal_record(text, uuid, jsonb, boolean);

-- Readers take an entry's record with change_journal_record(tenant_id, entity_type, record_id, seq,
-- record, record_in_roster) instead of the `record` column, only where the entry is record_in_roster
-- (PostgreSQL runs the function row by row):
--     case when record_in_roster
--          then change_journal_record(tenant_id, entity_type, record_id, seq, record, true)
--          else record end
create function change_journal_record(
        journal_tenant_id uuid, journal_entity_type text, journal_record_id uuid, journal_seq bigint,
        journal_record jsonb, in_roster boolean)
    returns jsonb
    language sql stable parallel safe
as $$
    select case
        when not in_roster then journal_record
        else coalesce(
            (select n.previous_record from change_journal n
             where n.tenant_id = journal_tenant_id and n.entity_type = journal_entity_type
               and n.record_id = journal_record_id and n.seq > journal_seq
             order by n.seq
             limit 1),
            case journal_entity_type
                when 'user' then (select r.record from roster_user r where r.id = journal_record_id)
                when 'enrollment' then (select r.record from roster_enrollment r where r.id = journal_record_id)
                when 'class' then (select r.record from roster_class r where r.id = journal_record_id)
                when 'course' then (select r.record from roster_course r where r.id = journal_record_id)
                when 'org' then (select r.record from roster_org r where r.id = journal_record_id)
                when 'academicSession' then (select r.record from roster_academic_session r where r.id = journal_record_id)
                when 'demographics' then (select r.record from roster_demographics r where r.id = journal_record_id)
            end)
    end
$$;
