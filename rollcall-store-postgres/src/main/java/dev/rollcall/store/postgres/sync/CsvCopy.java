package dev.rollcall.store.postgres.sync;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * Builds rows for PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)} and sends them in one call.
 * A null is an unquoted empty field; every value is quoted, so an empty string stays a string.
 * Not thread-safe; one per statement.
 */
final class CsvCopy {

    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder rows = new StringBuilder(64 * 1024);
    private boolean rowStarted;
    private long count;

    CsvCopy value(@Nullable Object value) {
        if (rowStarted) {
            rows.append(',');
        }
        rowStarted = true;
        if (value != null) {
            String text = value instanceof byte[] bytes ? "\\x" + HEX.formatHex(bytes) : value.toString();
            rows.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    rows.append('"');
                }
                rows.append(c);
            }
            rows.append('"');
        }
        return this;
    }

    CsvCopy endRow() {
        rows.append('\n');
        rowStarted = false;
        count++;
        return this;
    }

    long count() {
        return count;
    }

    /** Copies the rows into {@code table (columns)}; returns the rows copied. */
    long copyInto(Connection connection, String tableAndColumns) throws SQLException {
        if (count == 0) {
            return 0;
        }
        try (Reader reader = new StringReader(rows.toString())) {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy " + tableAndColumns + " from stdin (format csv)", reader);
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed", e);
        }
    }
}
