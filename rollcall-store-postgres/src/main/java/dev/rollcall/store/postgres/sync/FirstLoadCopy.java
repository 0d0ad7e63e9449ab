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
import tools.jackson.databind.json.JsonMapper;

/**
 * A first load's new records, applied with their page: one COPY into each roster table the page
 * touches, one into the mapping ledger and one into the change journal, in the page's transaction
 * and under the tenant's {@link ChangeJournalLock}. The records are new to the integration and to the
 * roster (their local ids were just made), so there is nothing to merge with: no staging table, no
 * upsert, no comparison with a stored record. Each row's field provenance is its default (this
 * session and integration: the {@code provenance_*} columns) with no per-field entry; the journal's
 * {@code created} entry names every field of the record, sorted. The times ({@code
 * date_last_modified}, {@code provenance_at}, {@code valid_from}, {@code occurred_at}) are the
 * columns' default, the transaction's {@code now()}, as in the set-based apply.
 *
 * <p>{@link #prepare} encodes the rows and needs no database, so a run may do it while the page
 * before is still being committed; {@link #apply} then only streams them. Immutable once prepared.
 */
final class FirstLoadCopy {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record TableRows(EntityTable table, CsvCopy rows) {}

    private final List<TableRows> roster;
    private final CsvCopy mappings;
    private final CsvCopy journal;

    private FirstLoadCopy(List<TableRows> roster, CsvCopy mappings, CsvCopy journal) {
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
        // The values every row repeats, quoted once.
        byte[] tenant = CsvCopy.quote(run.tenantId().toString());
        byte[] integration = CsvCopy.quote(run.integrationId().toString());
        byte[] session = CsvCopy.quote(run.sessionId().toString());
        byte[] active = CsvCopy.quote("active");
        byte[] created = CsvCopy.quote("created");
        byte[] sync = CsvCopy.quote("sync");
        List<TableRows> roster = new ArrayList<>();
        CsvCopy mappings = new CsvCopy();
        CsvCopy journal = new CsvCopy();
        for (Map.Entry<EntityTable, List<StagedRecord>> entry : byTable.entrySet()) {
            EntityTable table = entry.getKey();
            byte[] entityType = CsvCopy.quote(table.wireName);
            CsvCopy rows = new CsvCopy();
            for (StagedRecord record : entry.getValue()) {
                JsonNode tree = Objects.requireNonNull(record.record(), "a new record has its canonical JSON");
                byte[] json = CsvCopy.quote(JSON.writeValueAsBytes(tree));
                byte[] localId = CsvCopy.quote(record.localId().toString());
                rows.quoted(localId)
                        .quoted(tenant)
                        .quoted(active)
                        .value(record.checksum().bytes())
                        .quoted(json)
                        .quoted(integration)
                        .quoted(session);
                for (EntityTable.Column column : table.columns()) {
                    rows.value(column.valueOf(tree, record.localId()));
                }
                rows.endRow();
                mappings.quoted(tenant)
                        .quoted(entityType)
                        .quoted(localId)
                        .quoted(integration)
                        .value(record.externalId())
                        .quoted(created)
                        .endRow();
                journal.quoted(tenant)
                        .quoted(entityType)
                        .quoted(localId)
                        .quoted(created)
                        .value(fieldNames(tree))
                        .quoted(json)
                        .quoted(session)
                        .quoted(sync)
                        .endRow();
            }
            roster.add(new TableRows(table, rows));
        }
        return new FirstLoadCopy(roster, mappings, journal);
    }

    void apply(Connection connection, RunContext run) throws SQLException {
        ChangeJournalLock.acquire(connection, run.tenantId());
        for (TableRows rows : roster) {
            rows.rows()
                    .copyInto(
                            connection,
                            rows.table().table + " (id, tenant_id, status, checksum, record,"
                                    + " provenance_integration_id, provenance_session_id"
                                    + rows.table().typedColumnNames() + ")");
        }
        mappings.copyInto(
                connection, "id_mapping (tenant_id, entity_type, local_id, integration_id, external_id, matched_by)");
        journal.copyInto(
                connection,
                "change_journal (tenant_id, entity_type, record_id, operation, changed_fields, record, session_id,"
                        + " cause)");
    }

    /** The record's field names, sorted, as a PostgreSQL array literal. */
    static String fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>(record.propertyNames());
        names.sort(null);
        StringBuilder literal = new StringBuilder("{");
        for (String name : names) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"');
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }
}
