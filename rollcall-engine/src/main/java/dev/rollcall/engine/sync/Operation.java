package dev.rollcall.engine.sync;

import java.util.Locale;

/** What a run does to one canonical record. Unchanged records have no operation: nothing is written. */
public enum Operation {
    CREATED,
    UPDATED,
    DELETED,
    UNDELETED;

    /** The lower-case name used in the database and the API, e.g. {@code undeleted}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Operation fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
