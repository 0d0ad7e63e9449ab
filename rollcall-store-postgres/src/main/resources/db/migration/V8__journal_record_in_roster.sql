-- A first load's journal entries without a second copy of each record (issue 5: the sync's speed).
--
-- A first load creates a million roster rows, and each create's journal entry carried the same JSON
-- as its roster row: the journal's COPY cost about as much as the roster's. Such an entry now has
-- `record_in_roster` set and no `record` of its own: its record is the roster row's (same entity
-- type, id `record_id`) for as long as that row is unchanged. Whatever changes a roster row first
-- copies the row's record into its entries that still point there (the store's apply does, in the
-- same transaction, before it updates or deletes the row), so every entry keeps answering the record
-- as it was when the entry was written.
--
-- Readers take an entry's record with change_journal_record(entity_type, record_id, record,
-- record_in_roster) instead of the `record` column; every other entry answers its own `record`.
-- PostgreSQL runs the function row by row (its sub-selects keep it from being inlined), so a reader
-- of many entries calls it only where it is needed:
--     case when record_in_roster then change_journal_record(entity_type, record_id, record, true)
--          else record end
alter table change_journal add column record_in_roster boolean not null default false;

create function change_journal_record(
        journal_entity_type text, journal_record_id uuid, journal_record jsonb, in_roster boolean)
    returns jsonb
    language sql stable parallel safe
as $$
    select case
        when not in_roster then journal_record
        when journal_entity_type = 'user' then (select r.record from roster_user r where r.id = journal_record_id)
        when journal_entity_type = 'enrollment' then (select r.record from roster_enrollment r where r.id = journal_record_id)
        when journal_entity_type = 'class' then (select r.record from roster_class r where r.id = journal_record_id)
        when journal_entity_type = 'course' then (select r.record from roster_course r where r.id = journal_record_id)
        when journal_entity_type = 'org' then (select r.record from roster_org r where r.id = journal_record_id)
        when journal_entity_type = 'academicSession' then (select r.record from roster_academic_session r where r.id = journal_record_id)
        when journal_entity_type = 'demographics' then (select r.record from roster_demographics r where r.id = journal_record_id)
    end
$$;
