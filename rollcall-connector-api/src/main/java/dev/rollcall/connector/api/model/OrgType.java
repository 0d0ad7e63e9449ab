package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/** The type of an org (OneRoster 1.2 `OrgTypeEnum`), extensible with `ext:`. */
public record OrgType(@JsonValue String value) implements Vocabulary {

    public static final OrgType DEPARTMENT = new OrgType("department");
    public static final OrgType DISTRICT = new OrgType("district");
    public static final OrgType LOCAL = new OrgType("local");
    public static final OrgType NATIONAL = new OrgType("national");
    public static final OrgType SCHOOL = new OrgType("school");
    public static final OrgType STATE = new OrgType("state");

    private static final Set<String> KNOWN = Set.of("department", "district", "local", "national", "school", "state");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public OrgType {
        Vocabulary.requireValue("OrgType", value);
    }

    public static OrgType of(String value) {
        return new OrgType(value);
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
