package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/** A person's sex (OneRoster 1.2 demographics `sex`), extensible with `ext:`. */
public record Sex(@JsonValue String value) implements Vocabulary {

    public static final Sex FEMALE = new Sex("female");
    public static final Sex MALE = new Sex("male");
    public static final Sex OTHER = new Sex("other");
    public static final Sex UNSPECIFIED = new Sex("unspecified");

    private static final Set<String> KNOWN = Set.of("female", "male", "other", "unspecified");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Sex {
        Vocabulary.requireValue("Sex", value);
    }

    public static Sex of(String value) {
        return new Sex(value);
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
