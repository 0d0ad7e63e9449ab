package dev.rollcall.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The rule every writer of {@code change_journal} follows, so that the change feed's cursor (the
 * journal's {@code seq}) is safe to read with {@code seq > cursor}.
 *
 * <p><b>The problem.</b> {@code seq} is an identity column: a transaction takes its numbers when it
 * inserts, not when it commits. Two writers of one tenant could take 10 and 11, the second commit
 * first, a reader see 11 and move its cursor past 10, and then 10 commit: that reader never sees 10.
 *
 * <p><b>The rule.</b> In the transaction that inserts journal rows for a tenant, <em>before the
 * first insert</em>, run {@link #SQL} (or call {@link #acquire}) with that tenant's id. It takes a
 * transaction-scoped advisory lock on a per-tenant key, held until commit or rollback. Writers of
 * one tenant therefore allocate their seqs one transaction after another, in commit order: a seq
 * never becomes visible after a higher seq of the same tenant did. Writers of different tenants do
 * not wait for each other (unless two tenant ids hash alike, which only costs some waiting). The
 * lock is held for the rest of the writing transaction, so keep journal-writing transactions short
 * or accept that the tenant's other writers queue behind them.
 *
 * <p>Readers take no lock. Retention purges from the low end and does not allocate seqs, so it needs
 * no lock either.
 */
public final class ChangeJournalLock {

    /** The first half of the advisory key: "RJNL", Rollcall's journal namespace. */
    public static final int NAMESPACE = 0x524A4E4C;

    /**
     * Takes the tenant's journal lock for the current transaction; one parameter, the tenant id
     * (uuid). Must run inside a transaction (autocommit off), before the first journal insert.
     */
    public static final String SQL = "select pg_advisory_xact_lock(" + NAMESPACE + ", hashtext(cast(? as text)))";

    private ChangeJournalLock() {}

    /**
     * Runs {@link #SQL} for {@code tenantId} on {@code connection}, blocking until the lock is free.
     *
     * @throws IllegalStateException when the connection is in autocommit mode: the lock would be
     *     released at once and protect nothing
     */
    public static void acquire(Connection connection, UUID tenantId) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException(
                    "the change journal lock needs a transaction: the connection is in autocommit mode");
        }
        try (PreparedStatement lock = connection.prepareStatement(SQL)) {
            lock.setString(1, tenantId.toString());
            lock.execute();
        }
    }
}
