package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/**
 * A user's role (OneRoster 1.2 `RoleEnum`), extensible with `ext:`. {@code administrator} is the 1.1
 * value that TimeBack still sends; it is accepted as known.
 */
public record RoleName(@JsonValue String value) implements Vocabulary {

    public static final RoleName ADMINISTRATOR = new RoleName("administrator");
    public static final RoleName AIDE = new RoleName("aide");
    public static final RoleName COUNSELOR = new RoleName("counselor");
    public static final RoleName DISTRICT_ADMINISTRATOR = new RoleName("districtAdministrator");
    public static final RoleName GUARDIAN = new RoleName("guardian");
    public static final RoleName PARENT = new RoleName("parent");
    public static final RoleName PRINCIPAL = new RoleName("principal");
    public static final RoleName PROCTOR = new RoleName("proctor");
    public static final RoleName RELATIVE = new RoleName("relative");
    public static final RoleName SITE_ADMINISTRATOR = new RoleName("siteAdministrator");
    public static final RoleName STUDENT = new RoleName("student");
    public static final RoleName SYSTEM_ADMINISTRATOR = new RoleName("systemAdministrator");
    public static final RoleName TEACHER = new RoleName("teacher");

    private static final Set<String> KNOWN = Set.of(
            "administrator",
            "aide",
            "counselor",
            "districtAdministrator",
            "guardian",
            "parent",
            "principal",
            "proctor",
            "relative",
            "siteAdministrator",
            "student",
            "systemAdministrator",
            "teacher");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RoleName {
        Vocabulary.requireValue("RoleName", value);
    }

    public static RoleName of(String value) {
        return new RoleName(value);
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
