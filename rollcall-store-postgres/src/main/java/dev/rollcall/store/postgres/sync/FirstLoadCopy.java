package dev.rollcall.store.postgres.sync;

import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.StagedRecord;
import dev.rollcall.store.postgres.ChangeJournalLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A first load's new records, applied with their page: one COPY into each roster table the page
 * touches, one into the mapping ledger and one into the change journal, in the page's transaction
 * and under the tenant's {@link ChangeJournalLock}. The records are new to the integration and to the
 * roster (their local ids were just made), so there is nothing to merge with: no staging table, no
 * upsert, no comparison with a stored record. Each row's field provenance is its default (this
 * session and integration: the {@code provenance_*} columns) with no per-field entry; the journal's
 * {@code created} entry names every field of the record, sorted, and carries no copy of the record:
 * it is {@code record_in_roster}, its record the roster row's until that row changes (see {@code
 * V8__journal_record_in_roster.sql}; after that, the previous record of the row's next entry, see
 * {@code V11__journal_previous_record.sql}). The times ({@code
 * date_last_modified}, {@code provenance_at}, {@code valid_from}, {@code occurred_at}) are the
 * columns' default, the transaction's {@code now()}, as in the set-based apply.
 *
 * <p>{@link #prepare} encodes the rows and needs no database, so a run may do it while the page
 * before is still being committed; {@link #applyRecords} and {@link #applyJournal} then only stream
 * them, the first possibly while the page before is still committing, the second only after it. The
 * caller checks the rows' foreign keys once per page around both ({@link RunParents}). Immutable once
 * prepared.
 */
final class FirstLoadCopy {

    private record TableRows(EntityTable table, BinaryCopy rows) {}

    /** The roster columns before the entity's typed ones. */
    private static final int ROSTER_COLUMNS = 8;

    private final List<TableRows> roster;
    private final BinaryCopy mappings;
    private final BinaryCopy journal;

    private FirstLoadCopy(List<TableRows> roster, BinaryCopy mappings, BinaryCopy journal) {
        this.roster = roster;
        this.mappings = mappings;
        this.journal = journal;
    }

    static FirstLoadCopy prepare(RunContext run, List<StagedRecord> records) {
        Map<EntityTable, List<StagedRecord>> byTable = new EnumMap<>(EntityTable.class);
        for (StagedRecord record : records) {
            byTable.computeIfAbsent(EntityTable.of(record.entityType()), table -> new ArrayList<>())
                    .add(record);
        }
        // The values every row repeats, encoded once.
        byte[] tenant = BinaryCopy.encode(run.tenantId());
        byte[] integration = BinaryCopy.encode(run.integrationId());
        byte[] session = BinaryCopy.encode(run.sessionId());
        byte[] active = BinaryCopy.encode("active");
        byte[] created = BinaryCopy.encode("created");
        byte[] sync = BinaryCopy.encode("sync");
        List<TableRows> roster = new ArrayList<>();
        BinaryCopy mappings = new BinaryCopy(6);
        BinaryCopy journal = new BinaryCopy(8);
        for (Map.Entry<EntityTable, List<StagedRecord>> entry : byTable.entrySet()) {
            EntityTable table = entry.getKey();
            byte[] entityType = BinaryCopy.encode(table.wireName);
            BinaryCopy rows = new BinaryCopy(ROSTER_COLUMNS + table.columns().size());
            FieldNames fieldNames = new FieldNames();
            for (StagedRecord record : entry.getValue()) {
                JsonNode tree = Objects.requireNonNull(record.record(), "a new record has its canonical JSON");
                byte[] localId = BinaryCopy.encode(record.localId());
                rows.encoded(localId)
                        .encoded(tenant)
                        .encoded(active)
                        .bytes(record.checksum().bytes())
                        .bytes(PostgresSyncStore.bytesOrNull(record.sourceHash()))
                        .jsonb(tree)
                        .encoded(integration)
                        .encoded(session);
                for (EntityTable.Column column : table.columns()) {
                    column.writeTo(rows, tree, record.localId());
                }
                rows.endRow();
                mappings.encoded(tenant)
                        .encoded(entityType)
                        .encoded(localId)
                        .encoded(integration)
                        .text(record.externalId())
                        .encoded(created)
                        .endRow();
                journal.encoded(tenant)
                        .encoded(entityType)
                        .encoded(localId)
                        .encoded(created)
                        .encoded(fieldNames.of(tree))
                        .bool(true)
                        .encoded(session)
                        .encoded(sync)
                        .endRow();
            }
            roster.add(new TableRows(table, rows));
        }
        return new FirstLoadCopy(roster, mappings, journal);
    }

    /**
     * The new roster rows and their mappings: rows no other page writes, which nothing reads before
     * the page commits, so a page may write them while the page before it is still being committed.
     */
    void applyRecords(Connection connection) throws SQLException {
        for (TableRows rows : roster) {
            rows.rows()
                    .copyInto(
                            connection,
                            rows.table().table + " (id, tenant_id, status, checksum, source_hash, record,"
                                    + " provenance_integration_id, provenance_session_id"
                                    + rows.table().typedColumnNames() + ")");
        }
        mappings.copyInto(
                connection, "id_mapping (tenant_id, entity_type, local_id, integration_id, external_id, matched_by)");
    }

    /**
     * The journal's created entries, under the tenant's {@link ChangeJournalLock}: only once every
     * page before this one has committed, since the journal's order is the commit order.
     */
    void applyJournal(Connection connection, RunContext run) throws SQLException {
        ChangeJournalLock.acquire(connection, run.tenantId());
        journal.copyInto(
                connection,
                "change_journal (tenant_id, entity_type, record_id, operation, changed_fields, record_in_roster,"
                        + " session_id, cause)");
    }

    /**
     * The {@code changed_fields} of a page's created entries: every field name of the record, sorted,
     * as an encoded {@code text[]} field; remembers the last answer, since records of one entity
     * mostly have the same fields, in the same order.
     */
    private static final class FieldNames {
        private final List<String> last = new ArrayList<>();
        private byte[] encoded = BinaryCopy.encodeTextArray(List.of());

        byte[] of(JsonNode record) {
            if (!sameAsLast(record.propertyNames())) {
                last.clear();
                last.addAll(record.propertyNames());
                encoded = BinaryCopy.encodeTextArray(fieldNames(record));
            }
            return encoded;
        }

        private boolean sameAsLast(java.util.Collection<String> names) {
            if (names.size() != last.size()) {
                return false;
            }
            int i = 0;
            for (String name : names) {
                if (!name.equals(last.get(i++))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The record's field names, sorted. */
    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>(record.propertyNames());
        names.sort(null);
        return names;
    }
}
