package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/** The type of an academic session (OneRoster 1.2 `SessionTypeEnum`), extensible with `ext:`. */
public record SessionType(@JsonValue String value) implements Vocabulary {

    public static final SessionType GRADING_PERIOD = new SessionType("gradingPeriod");
    public static final SessionType SEMESTER = new SessionType("semester");
    public static final SessionType SCHOOL_YEAR = new SessionType("schoolYear");
    public static final SessionType TERM = new SessionType("term");

    private static final Set<String> KNOWN = Set.of("gradingPeriod", "semester", "schoolYear", "term");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SessionType {
        Vocabulary.requireValue("SessionType", value);
    }

    public static SessionType of(String value) {
        return new SessionType(value);
    }

    @Override
    public Set<String> knownValues() {
        return KNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
