package dev.rollcall.store.postgres.sync;

import java.sql.SQLException;

/** The database failed a sync store call; the message is PostgreSQL's, with its SQL state. */
public final class SyncStoreException extends RuntimeException {

    public SyncStoreException(SQLException cause) {
        super("sync store: " + cause.getMessage() + " (SQL state " + cause.getSQLState() + ")", cause);
    }
}
