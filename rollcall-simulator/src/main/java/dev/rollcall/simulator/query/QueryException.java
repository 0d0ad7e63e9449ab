package dev.rollcall.simulator.query;

import java.util.Objects;

/** A bad query parameter, mapped by the HTTP layer to 400 imsx_StatusInfo with codeMinor = codeMinor(). */
public final class QueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was wrong, as the OneRoster 1.2 imsx_CodeMinor vocabulary names it. */
    public enum Kind {
        /** A filter names a field the collection does not have. */
        INVALID_FILTER_FIELD("invalid_filter_field"),
        /** {@code fields=} or {@code sort=} names a field the collection does not have. */
        INVALID_SELECTION_FIELD("invalid_selection_field"),
        /** A malformed parameter: filter syntax, unsupported operator, bad {@code orderBy}. */
        INVALID_DATA("invaliddata");

        private final String codeMinor;

        Kind(String codeMinor) {
            this.codeMinor = codeMinor;
        }

        /** The imsx_CodeMinor value for this kind. */
        public String codeMinor() {
            return codeMinor;
        }
    }

    private final Kind kind;

    public QueryException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** {@code invalid_filter_field}, {@code invalid_selection_field} or {@code invaliddata}. */
    public String codeMinor() {
        return kind.codeMinor();
    }
}
