package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.model.EntityType;
import java.util.Arrays;
import java.util.List;

/** The JSON wrapper names of the binding: {@code users} for a collection, {@code user} for one. */
final class Wrappers {

    static final List<String> STREAMS =
            Arrays.stream(EntityType.values()).map(EntityType::collection).toList();

    private Wrappers() {}

    static String singular(EntityType type) {
        return switch (type) {
            case ORG -> "org";
            case ACADEMIC_SESSION -> "academicSession";
            case COURSE -> "course";
            case CLASS -> "class";
            case USER -> "user";
            case ENROLLMENT -> "enrollment";
            case DEMOGRAPHICS -> "demographics";
        };
    }
}
