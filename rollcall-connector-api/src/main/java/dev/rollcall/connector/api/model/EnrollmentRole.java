package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/** A user's role in a class (OneRoster 1.2 enrollment `role`), extensible with `ext:`. */
public record EnrollmentRole(@JsonValue String value) implements Vocabulary {

    public static final EnrollmentRole ADMINISTRATOR = new EnrollmentRole("administrator");
    public static final EnrollmentRole PROCTOR = new EnrollmentRole("proctor");
    public static final EnrollmentRole STUDENT = new EnrollmentRole("student");
    public static final EnrollmentRole TEACHER = new EnrollmentRole("teacher");

    private static final Set<String> KNOWN = Set.of("administrator", "proctor", "student", "teacher");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public EnrollmentRole {
        Vocabulary.requireValue("EnrollmentRole", value);
    }

    public static EnrollmentRole of(String value) {
        return new EnrollmentRole(value);
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
