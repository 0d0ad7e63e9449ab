package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/** Whether a role is a user's primary one in its org (OneRoster 1.2 `RoleTypeEnum`). */
public record RoleType(@JsonValue String value) implements Vocabulary {

    public static final RoleType PRIMARY = new RoleType("primary");
    public static final RoleType SECONDARY = new RoleType("secondary");

    private static final Set<String> KNOWN = Set.of("primary", "secondary");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RoleType {
        Vocabulary.requireValue("RoleType", value);
    }

    public static RoleType of(String value) {
        return new RoleType(value);
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
