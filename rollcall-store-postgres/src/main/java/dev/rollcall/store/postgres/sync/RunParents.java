package dev.rollcall.store.postgres.sync;

import dev.rollcall.engine.sync.RunContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A run's bulk writes with their foreign keys checked once per transaction instead of once per row.
 *
 * <p>Every row a run writes into the roster, the mapping ledger, the change journal and the staging
 * table references the same three parents: the run's tenant ({@code tenant_id} of every table),
 * integration ({@code id_mapping.integration_id}) and session ({@code change_journal.session_id},
 * {@code sync_staged_change.session_id}). PostgreSQL checks a
 * foreign key per inserted row with a trigger that finds the parent and locks it {@code for key
 * share}: for a page of a first load that is thousands of look-ups of the same three rows, measured
 * on the reference machine at about half of the time of the COPYs into {@code id_mapping} and
 * {@code change_journal} and a tenth of the roster's. {@link #checkOnce} takes the same locks on the
 * three parents itself, once, and turns the row triggers off ({@code session_replication_role =
 * replica}, as pg_restore does; these tables have no other triggers; unique, not-null and check
 * constraints still apply); {@link #checkEachRowAgain} turns them back on. The caller writes only
 * rows whose tenant, integration and session are the run's between the two, in one transaction.
 *
 * <p>Setting that parameter takes a superuser or {@code GRANT SET ON PARAMETER
 * session_replication_role} (PostgreSQL 15 or later). Without it, or when a parent is missing,
 * {@link #checkOnce} changes nothing and the rows are checked one by one as before (a missing parent
 * then fails the write as before). The setting is {@code set local}: it ends with the transaction
 * whatever happens, so a pooled connection never keeps it.
 */
final class RunParents {

    private RunParents() {}

    /**
     * Locks the run's tenant, integration and session {@code for key share} and turns the row
     * triggers off for the rest of the transaction, when the database allows it.
     *
     * @return whether the triggers are off: the caller must then call {@link #checkEachRowAgain}
     *     before it writes anything that is not one of the run's rows
     */
    static boolean checkOnce(Connection connection, RunContext run) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() < 15) {
            return false; // no has_parameter_privilege, no GRANT SET ON PARAMETER
        }
        try (Statement privilege = connection.createStatement();
                ResultSet rows =
                        privilege.executeQuery("select has_parameter_privilege('session_replication_role', 'set')")) {
            if (!rows.next() || !rows.getBoolean(1)) {
                return false;
            }
        }
        try (PreparedStatement lock = connection.prepareStatement("""
                select 1 from tenant t, integration i, sync_session s
                where t.id = ? and i.id = ? and s.id = ?
                for key share""")) {
            lock.setObject(1, run.tenantId());
            lock.setObject(2, run.integrationId());
            lock.setObject(3, run.sessionId());
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
            }
        }
        try (Statement set = connection.createStatement()) {
            set.execute("set local session_replication_role = replica");
        }
        return true;
    }

    /** Turns the row triggers back on for the rest of the transaction. */
    static void checkEachRowAgain(Connection connection) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute("set local session_replication_role = origin");
        }
    }
}
