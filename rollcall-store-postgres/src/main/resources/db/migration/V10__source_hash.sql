-- The hash of each record's bytes as the upstream sent them (SourceRecord.sourceHash), stored with
-- the checksum it was read into, by the same statements. A full read hands the hashes back to the
-- connector, which skips reading into the model a record whose bytes the store holds already: for a
-- roster that did not change, that was most of what a full read cost. Null when the record came
-- without one (another connector, a webhook, a replay, a record resolved at the end of a run): such
-- a record is read in full, and compared by its checksum as before.
alter table roster_org add column source_hash bytea;
alter table roster_academic_session add column source_hash bytea;
alter table roster_course add column source_hash bytea;
alter table roster_class add column source_hash bytea;
alter table roster_user add column source_hash bytea;
alter table roster_enrollment add column source_hash bytea;
alter table roster_demographics add column source_hash bytea;
alter table sync_staged_change add column source_hash bytea;
