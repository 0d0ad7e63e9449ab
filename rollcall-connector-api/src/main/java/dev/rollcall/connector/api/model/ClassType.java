package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/** The type of a class (OneRoster 1.2 `ClassTypeEnum`), extensible with `ext:`. */
public record ClassType(@JsonValue String value) implements Vocabulary {

    public static final ClassType HOMEROOM = new ClassType("homeroom");
    public static final ClassType SCHEDULED = new ClassType("scheduled");

    private static final Set<String> KNOWN = Set.of("homeroom", "scheduled");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ClassType {
        Vocabulary.requireValue("ClassType", value);
    }

    public static ClassType of(String value) {
        return new ClassType(value);
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
