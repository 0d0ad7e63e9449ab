package dev.rollcall.server.oneroster;

/**
 * A failed OneRoster request, answered as {@code imsx_StatusInfo} with {@code codeMinor} (one of the
 * 1.2 binding's values: {@code invalid_filter_field}, {@code invalid_selection_field}, {@code
 * invaliddata}, {@code unauthorisedrequest}, {@code forbidden}, {@code server_busy}, {@code
 * unknownobject}, {@code internal_server_error}). The message is the description; it names the
 * parameter or field and why.
 */
public final class OneRosterException extends RuntimeException {

    private final int status;
    private final String codeMinor;

    public OneRosterException(int status, String codeMinor, String description) {
        super(description);
        this.status = status;
        this.codeMinor = codeMinor;
    }

    static OneRosterException invalidData(String description) {
        return new OneRosterException(400, "invaliddata", description);
    }

    static OneRosterException invalidFilterField(String description) {
        return new OneRosterException(400, "invalid_filter_field", description);
    }

    static OneRosterException invalidSelectionField(String description) {
        return new OneRosterException(400, "invalid_selection_field", description);
    }

    static OneRosterException unknownObject(String description) {
        return new OneRosterException(404, "unknownobject", description);
    }

    public int status() {
        return status;
    }

    public String codeMinor() {
        return codeMinor;
    }
}
