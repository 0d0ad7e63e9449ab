package dev.rollcall.engine.sync;

import java.util.Locale;

/** The states of a sync session. {@code QUEUED} and {@code RUNNING} are not final; the others are. */
public enum RunState {
    QUEUED,
    RUNNING,
    /** Stopped by the mass-change guard: nothing applied until an operator approves or rejects. */
    HELD,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING && this != HELD;
    }
}
