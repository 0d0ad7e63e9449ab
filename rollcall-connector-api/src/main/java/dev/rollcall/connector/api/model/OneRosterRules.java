package dev.rollcall.connector.api.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The required-field and vocabulary rules of the OneRoster 1.2 rostering binding, checked on a
 * canonical record. Every problem is collected; nothing stops at the first.
 *
 * <ul>
 *   <li>every record: {@code sourcedId}, {@code status}, {@code dateLastModified};
 *   <li>org: {@code name}, {@code type}; {@code identifier} (a warning: many servers omit it);
 *   <li>academic session: {@code title}, {@code startDate}, {@code endDate}, {@code type}, {@code
 *       schoolYear}; the end not before the start;
 *   <li>course: {@code title}, {@code org}; {@code courseCode} (a warning);
 *   <li>class: {@code title}, {@code course}, {@code school}, at least one of {@code terms};
 *   <li>user: {@code enabledUser}, {@code givenName}, {@code familyName}, at least one role, each
 *       role with {@code roleType}, {@code role} and {@code org}, exactly one primary role per org;
 *   <li>enrollment: {@code user}, {@code class}, {@code school}, {@code role};
 *   <li>every vocabulary value is a defined one or an {@code ext:} extension.
 * </ul>
 */
public final class OneRosterRules {

    private OneRosterRules() {}

    public static List<Violation> validate(RosterEntity entity) {
        Checks checks = new Checks();
        checks.text("sourcedId", entity.sourcedId());
        checks.present("status", entity.status());
        checks.present("dateLastModified", entity.dateLastModified());
        switch (entity) {
            case Org org -> {
                checks.text("name", org.name());
                checks.vocabulary("type", org.type());
                if (blank(org.identifier())) {
                    checks.warn("identifier", "is required by the OneRoster 1.2 binding but missing");
                }
                checks.references("children", org.children());
            }
            case AcademicSession session -> {
                checks.text("title", session.title());
                checks.present("startDate", session.startDate());
                checks.present("endDate", session.endDate());
                checks.vocabulary("type", session.type());
                checks.text("schoolYear", session.schoolYear());
                if (session.startDate() != null
                        && session.endDate() != null
                        && session.endDate().isBefore(session.startDate())) {
                    checks.error("endDate", "must not be before startDate " + session.startDate());
                }
                checks.references("children", session.children());
            }
            case Course course -> {
                checks.text("title", course.title());
                checks.present("org", course.org());
                if (blank(course.courseCode())) {
                    checks.warn("courseCode", "is required by the OneRoster 1.2 binding but missing");
                }
            }
            case RosterClass rosterClass -> {
                checks.text("title", rosterClass.title());
                checks.present("course", rosterClass.course());
                checks.present("school", rosterClass.school());
                if (rosterClass.terms().isEmpty()) {
                    checks.error("terms", "needs at least one term");
                }
                checks.optionalVocabulary("classType", rosterClass.classType());
                checks.references("terms", rosterClass.terms());
            }
            case User user -> validateUser(user, checks);
            case Enrollment enrollment -> {
                checks.present("user", enrollment.user());
                checks.present("class", enrollment.classRef());
                checks.present("school", enrollment.school());
                checks.vocabulary("role", enrollment.role());
            }
            case Demographics demographics -> checks.optionalVocabulary("sex", demographics.sex());
        }
        return checks.violations;
    }

    /** Only the violations that make a record unusable. */
    public static List<Violation> errors(RosterEntity entity) {
        return validate(entity).stream()
                .filter(violation -> violation.severity() == Violation.Severity.ERROR)
                .toList();
    }

    private static void validateUser(User user, Checks checks) {
        checks.present("enabledUser", user.enabledUser());
        checks.text("givenName", user.givenName());
        checks.text("familyName", user.familyName());
        if (user.roles().isEmpty()) {
            checks.error("roles", "needs at least one role");
        }
        Map<String, Integer> primariesByOrg = new HashMap<>();
        for (int i = 0; i < user.roles().size(); i++) {
            Role role = user.roles().get(i);
            String path = "roles[" + i + "]";
            checks.vocabulary(path + ".roleType", role.roleType());
            checks.vocabulary(path + ".role", role.role());
            checks.present(path + ".org", role.org());
            if (role.org() != null && RoleType.PRIMARY.equals(role.roleType())) {
                primariesByOrg.merge(role.org().sourcedId(), 1, Integer::sum);
            }
        }
        user.roles().stream()
                .filter(role -> role.org() != null)
                .map(role -> role.org().sourcedId())
                .distinct()
                .forEach(org -> {
                    int primaries = primariesByOrg.getOrDefault(org, 0);
                    if (primaries != 1) {
                        checks.error(
                                "roles", "needs exactly one primary role in org " + org + ", but has " + primaries);
                    }
                });
        for (int i = 0; i < user.userIds().size(); i++) {
            UserId userId = user.userIds().get(i);
            checks.text("userIds[" + i + "].type", userId.type());
            checks.text("userIds[" + i + "].identifier", userId.identifier());
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static final class Checks {
        final List<Violation> violations = new ArrayList<>();

        void error(String field, String reason) {
            violations.add(Violation.error(field, reason));
        }

        void warn(String field, String reason) {
            violations.add(Violation.warning(field, reason));
        }

        void text(String field, @Nullable String value) {
            if (blank(value)) {
                error(field, "is required");
            }
        }

        void present(String field, @Nullable Object value) {
            if (value == null) {
                error(field, "is required");
            }
        }

        void vocabulary(String field, @Nullable Vocabulary value) {
            if (value == null) {
                error(field, "is required");
            } else {
                optionalVocabulary(field, value);
            }
        }

        void optionalVocabulary(String field, @Nullable Vocabulary value) {
            if (value != null && !value.isValid()) {
                error(
                        field,
                        "must be one of "
                                + value.knownValues().stream().sorted().toList() + " or an ext: extension, but was '"
                                + value.value() + "'");
            }
        }

        void references(String field, Collection<GuidRef> references) {
            int i = 0;
            for (GuidRef reference : references) {
                if (reference.type() != null && !reference.type().isValid()) {
                    error(field + "[" + i + "].type", "is not a OneRoster GUID type: '" + reference.type() + "'");
                }
                i++;
            }
        }
    }
}
