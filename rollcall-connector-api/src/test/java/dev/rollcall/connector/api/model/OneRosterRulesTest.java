package dev.rollcall.connector.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.Violation.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OneRoster 1.2 rostering binding's required fields and vocabularies, as {@link OneRosterRules}
 * lists them. Each fixture is a valid record holding the required fields only (plus the two the
 * binding requires and Rollcall only warns about); each test breaks it in one or more ways.
 */
class OneRosterRulesTest {

    private static final Instant MODIFIED = Instant.parse("2024-06-15T08:00:00Z");

    static final String ORG = """
            {"sourcedId": "org-school-1", "status": "active", "dateLastModified": "2024-06-15T08:00:00Z",
             "name": "Springfield High School", "type": "school", "identifier": "SHS-001"}
            """;
    static final String ACADEMIC_SESSION = """
            {"sourcedId": "term-2024-fall", "status": "active", "dateLastModified": "2024-06-15T08:00:00Z",
             "title": "Fall 2024", "startDate": "2024-08-15", "endDate": "2024-12-20", "type": "term",
             "schoolYear": "2025"}
            """;
    static final String COURSE = """
            {"sourcedId": "course-alg1", "status": "active", "dateLastModified": "2024-06-15T08:00:00Z",
             "title": "Algebra I", "courseCode": "MATH-101", "org": {"sourcedId": "org-district-1", "type": "org"}}
            """;
    static final String CLASS = """
            {"sourcedId": "class-alg1-p1", "status": "active", "dateLastModified": "2024-06-15T08:00:00Z",
             "title": "Algebra I - Period 1",
             "course": {"sourcedId": "course-alg1", "type": "course"},
             "school": {"sourcedId": "org-school-1", "type": "org"},
             "terms": [{"sourcedId": "term-2024-fall", "type": "academicSession"}]}
            """;
    static final String USER = """
            {"sourcedId": "user-0001", "status": "active", "dateLastModified": "2024-06-15T08:00:00Z",
             "enabledUser": "true", "givenName": "Ada", "familyName": "Lovelace",
             "roles": [{"roleType": "primary", "role": "student", "org": {"sourcedId": "org-school-1", "type": "org"}}]}
            """;
    static final String ENROLLMENT = """
            {"sourcedId": "enr-0001", "status": "active", "dateLastModified": "2024-06-15T08:00:00Z",
             "user": {"sourcedId": "user-0001", "type": "user"},
             "class": {"sourcedId": "class-alg1-p1", "type": "class"},
             "school": {"sourcedId": "org-school-1", "type": "org"},
             "role": "student"}
            """;
    static final String DEMOGRAPHICS = """
            {"sourcedId": "user-0001", "status": "active", "dateLastModified": "2024-06-15T08:00:00Z"}
            """;

    static Stream<Arguments> validRecords() {
        return Stream.of(
                Arguments.of(EntityType.ORG, ORG),
                Arguments.of(EntityType.ACADEMIC_SESSION, ACADEMIC_SESSION),
                Arguments.of(EntityType.COURSE, COURSE),
                Arguments.of(EntityType.CLASS, CLASS),
                Arguments.of(EntityType.USER, USER),
                Arguments.of(EntityType.ENROLLMENT, ENROLLMENT),
                Arguments.of(EntityType.DEMOGRAPHICS, DEMOGRAPHICS));
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) RosterJson.mapper().readTree(text);
    }

    private static RosterEntity entity(EntityType type, JsonNode json) {
        return RosterJson.read(type, json);
    }

    /** The record with the member at a slash-separated path (e.g. {@code roles/0/org}) removed. */
    private static RosterEntity without(EntityType type, String text, String path) {
        ObjectNode root = json(text);
        String[] steps = path.split("/");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        } else {
            assertThat(((ObjectNode) parent).remove(last))
                    .as("fixture has %s", path)
                    .isNotNull();
        }
        return entity(type, root);
    }

    private static User user(Role... roles) {
        return new User(
                "user-0001",
                Status.ACTIVE,
                MODIFIED,
                null,
                null,
                null,
                null,
                true,
                "Ada",
                "Lovelace",
                null,
                null,
                null,
                null,
                null,
                List.of(roles),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static Role role(RoleType type, RoleName name, String org) {
        return new Role(type, name, GuidRef.to(GuidType.ORG, org), null, null, null);
    }

    private static List<String> errorFields(RosterEntity entity) {
        return OneRosterRules.errors(entity).stream().map(Violation::field).toList();
    }

    @Nested
    class ValidRecords {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.rollcall.connector.api.model.OneRosterRulesTest#validRecords")
        void haveNoViolations(EntityType type, String text) {
            RosterEntity entity = entity(type, json(text));

            assertThat(OneRosterRules.validate(entity)).isEmpty();
            assertThat(OneRosterRules.errors(entity)).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.rollcall.connector.api.model.ModelJsonTest#everyEntity")
        void fullRecordsHaveNoViolationsEither(EntityType type, String text) {
            assertThat(OneRosterRules.validate(entity(type, json(text)))).isEmpty();
        }

        @Test
        void optionalFieldsMayBeAbsent() {
            Enrollment enrollment = (Enrollment) entity(EntityType.ENROLLMENT, json(ENROLLMENT));

            assertThat(enrollment.primary()).isNull();
            assertThat(enrollment.beginDate()).isNull();
            assertThat(OneRosterRules.validate(enrollment)).isEmpty();
        }

        @Test
        void aDisabledUserIsStillValid() {
            User user = (User) entity(
                    EntityType.USER, json(USER.replace("\"enabledUser\": \"true\"", "\"enabledUser\": \"false\"")));

            assertThat(OneRosterRules.validate(user)).isEmpty();
        }

        @Test
        void aSessionMayStartAndEndOnTheSameDay() {
            AcademicSession session = (AcademicSession)
                    entity(EntityType.ACADEMIC_SESSION, json(ACADEMIC_SESSION.replace("2024-12-20", "2024-08-15")));

            assertThat(OneRosterRules.validate(session)).isEmpty();
        }
    }

    @Nested
    class RequiredFields {

        static Stream<Arguments> missingFields() {
            return Stream.of(
                    Arguments.of(EntityType.ORG, ORG, "sourcedId", "sourcedId"),
                    Arguments.of(EntityType.ORG, ORG, "status", "status"),
                    Arguments.of(EntityType.ORG, ORG, "dateLastModified", "dateLastModified"),
                    Arguments.of(EntityType.ORG, ORG, "name", "name"),
                    Arguments.of(EntityType.ORG, ORG, "type", "type"),
                    Arguments.of(EntityType.ACADEMIC_SESSION, ACADEMIC_SESSION, "title", "title"),
                    Arguments.of(EntityType.ACADEMIC_SESSION, ACADEMIC_SESSION, "startDate", "startDate"),
                    Arguments.of(EntityType.ACADEMIC_SESSION, ACADEMIC_SESSION, "endDate", "endDate"),
                    Arguments.of(EntityType.ACADEMIC_SESSION, ACADEMIC_SESSION, "type", "type"),
                    Arguments.of(EntityType.ACADEMIC_SESSION, ACADEMIC_SESSION, "schoolYear", "schoolYear"),
                    Arguments.of(EntityType.ACADEMIC_SESSION, ACADEMIC_SESSION, "status", "status"),
                    Arguments.of(EntityType.COURSE, COURSE, "title", "title"),
                    Arguments.of(EntityType.COURSE, COURSE, "org", "org"),
                    Arguments.of(EntityType.COURSE, COURSE, "sourcedId", "sourcedId"),
                    Arguments.of(EntityType.CLASS, CLASS, "title", "title"),
                    Arguments.of(EntityType.CLASS, CLASS, "course", "course"),
                    Arguments.of(EntityType.CLASS, CLASS, "school", "school"),
                    Arguments.of(EntityType.CLASS, CLASS, "terms", "terms"),
                    Arguments.of(EntityType.CLASS, CLASS, "terms/0", "terms"),
                    Arguments.of(EntityType.CLASS, CLASS, "dateLastModified", "dateLastModified"),
                    Arguments.of(EntityType.USER, USER, "enabledUser", "enabledUser"),
                    Arguments.of(EntityType.USER, USER, "givenName", "givenName"),
                    Arguments.of(EntityType.USER, USER, "familyName", "familyName"),
                    Arguments.of(EntityType.USER, USER, "roles", "roles"),
                    Arguments.of(EntityType.USER, USER, "roles/0/role", "roles[0].role"),
                    Arguments.of(EntityType.USER, USER, "roles/0/org", "roles[0].org"),
                    Arguments.of(EntityType.USER, USER, "sourcedId", "sourcedId"),
                    Arguments.of(EntityType.ENROLLMENT, ENROLLMENT, "user", "user"),
                    Arguments.of(EntityType.ENROLLMENT, ENROLLMENT, "class", "class"),
                    Arguments.of(EntityType.ENROLLMENT, ENROLLMENT, "school", "school"),
                    Arguments.of(EntityType.ENROLLMENT, ENROLLMENT, "role", "role"),
                    Arguments.of(EntityType.ENROLLMENT, ENROLLMENT, "status", "status"),
                    Arguments.of(EntityType.DEMOGRAPHICS, DEMOGRAPHICS, "sourcedId", "sourcedId"),
                    Arguments.of(EntityType.DEMOGRAPHICS, DEMOGRAPHICS, "dateLastModified", "dateLastModified"));
        }

        @ParameterizedTest(name = "{0} without {2}")
        @MethodSource("missingFields")
        void eachMissingFieldIsReportedByName(EntityType type, String text, String removed, String field) {
            List<Violation> violations = OneRosterRules.validate(without(type, text, removed));

            assertThat(violations).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo(field);
                assertThat(violation.severity()).isEqualTo(Severity.ERROR);
                assertThat(violation.reason()).isNotBlank();
            });
        }

        @Test
        void aRoleWithoutRoleTypeIsReportedAndLeavesItsOrgWithoutPrimary() {
            List<Violation> violations = OneRosterRules.validate(without(EntityType.USER, USER, "roles/0/roleType"));

            assertThat(violations)
                    .extracting(Violation::field, Violation::severity)
                    .containsExactlyInAnyOrder(
                            tuple("roles[0].roleType", Severity.ERROR), tuple("roles", Severity.ERROR));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\\t"})
        void blankTextCountsAsMissing(String blank) {
            User user = (User) entity(EntityType.USER, json(USER.replace("\"Ada\"", "\"" + blank + "\"")));

            assertThat(OneRosterRules.errors(user)).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("givenName");
                assertThat(violation.reason()).isEqualTo("is required");
            });
        }

        @Test
        void theRoleOfTheSecondRoleIsNamedByIndex() {
            User user = user(
                    role(RoleType.PRIMARY, RoleName.TEACHER, "org-school-1"),
                    new Role(RoleType.SECONDARY, null, GuidRef.to(GuidType.ORG, "org-school-1"), null, null, null));

            assertThat(errorFields(user)).containsExactly("roles[1].role");
        }

        @Test
        void userIdsNeedATypeAndAnIdentifier() {
            ObjectNode json = json(USER);
            json.putArray("userIds")
                    .add(json("{\"type\": \"LDAP\", \"identifier\": \"ada\"}"))
                    .add(json("{\"type\": \"\", \"identifier\": \"x\"}"))
                    .add(json("{\"type\": \"stateId\"}"));

            assertThat(errorFields(entity(EntityType.USER, json)))
                    .containsExactly("userIds[1].type", "userIds[2].identifier");
        }
    }

    @Nested
    class AllAtOnce {

        @Test
        void severalMissingFieldsGiveSeveralViolations() {
            ObjectNode json = json(USER);
            for (String field : List.of("givenName", "familyName", "enabledUser", "dateLastModified")) {
                json.remove(field);
            }
            ((ObjectNode) json.get("roles").get(0)).remove("org");
            ((ArrayNode) json.get("roles"))
                    .add(json("{\"roleType\": \"secondary\", \"org\": {\"sourcedId\": \"org-2\"}}"));

            List<Violation> violations = OneRosterRules.validate(entity(EntityType.USER, json));

            assertThat(violations)
                    .extracting(Violation::field)
                    .containsExactlyInAnyOrder(
                            "dateLastModified",
                            "enabledUser",
                            "givenName",
                            "familyName",
                            "roles[0].org",
                            "roles[1].role",
                            "roles");
            assertThat(violations).allMatch(violation -> violation.severity() == Severity.ERROR);
        }

        @Test
        void anEmptyOrgReportsEverything() {
            Org org = new Org(" ", null, null, null, null, null, null, null, null);

            List<Violation> violations = OneRosterRules.validate(org);

            assertThat(violations)
                    .extracting(Violation::field, Violation::severity)
                    .containsExactlyInAnyOrder(
                            tuple("sourcedId", Severity.ERROR),
                            tuple("status", Severity.ERROR),
                            tuple("dateLastModified", Severity.ERROR),
                            tuple("name", Severity.ERROR),
                            tuple("type", Severity.ERROR),
                            tuple("identifier", Severity.WARNING));
            assertThat(OneRosterRules.errors(org)).hasSize(5);
        }

        @Test
        void anEmptyEnrollmentReportsEveryField() {
            Enrollment enrollment =
                    new Enrollment("enr-1", Status.ACTIVE, MODIFIED, null, null, null, null, null, null, null, null);

            assertThat(errorFields(enrollment)).containsExactlyInAnyOrder("user", "class", "school", "role");
        }

        @Test
        void anEmptyClassReportsEveryField() {
            RosterClass rosterClass = new RosterClass(
                    "class-1",
                    Status.ACTIVE,
                    MODIFIED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);

            assertThat(errorFields(rosterClass)).containsExactlyInAnyOrder("title", "course", "school", "terms");
        }

        @Test
        void anEmptySessionReportsEveryField() {
            AcademicSession session = new AcademicSession(
                    "s-1", Status.ACTIVE, MODIFIED, null, null, null, null, null, null, null, null, null);

            assertThat(errorFields(session))
                    .containsExactlyInAnyOrder("title", "startDate", "endDate", "type", "schoolYear");
        }
    }

    @Nested
    class PrimaryRoles {

        @Test
        void onePrimaryAndSecondariesInAnOrgIsFine() {
            User user = user(
                    role(RoleType.PRIMARY, RoleName.TEACHER, "org-school-1"),
                    role(RoleType.SECONDARY, RoleName.COUNSELOR, "org-school-1"),
                    role(RoleType.SECONDARY, RoleName.AIDE, "org-school-1"));

            assertThat(OneRosterRules.validate(user)).isEmpty();
        }

        @Test
        void noPrimaryInAnOrgIsAnError() {
            User user = user(role(RoleType.SECONDARY, RoleName.TEACHER, "org-school-1"));

            assertThat(OneRosterRules.validate(user)).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("roles");
                assertThat(violation.severity()).isEqualTo(Severity.ERROR);
                assertThat(violation.reason()).contains("exactly one primary", "org-school-1", "0");
            });
        }

        @Test
        void twoPrimariesInAnOrgIsAnError() {
            User user = user(
                    role(RoleType.PRIMARY, RoleName.TEACHER, "org-school-1"),
                    role(RoleType.PRIMARY, RoleName.PRINCIPAL, "org-school-1"));

            assertThat(OneRosterRules.validate(user)).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("roles");
                assertThat(violation.severity()).isEqualTo(Severity.ERROR);
                assertThat(violation.reason()).contains("exactly one primary", "org-school-1", "but has 2");
            });
        }

        @Test
        void onePrimaryPerOrgNotPerUser() {
            User user = user(
                    role(RoleType.PRIMARY, RoleName.TEACHER, "org-school-1"),
                    role(RoleType.PRIMARY, RoleName.TEACHER, "org-school-2"),
                    role(RoleType.SECONDARY, RoleName.AIDE, "org-school-2"));

            assertThat(OneRosterRules.validate(user)).isEmpty();
        }

        @Test
        void eachOrgIsCheckedOnItsOwn() {
            User user = user(
                    role(RoleType.PRIMARY, RoleName.TEACHER, "org-school-1"),
                    role(RoleType.SECONDARY, RoleName.TEACHER, "org-school-2"),
                    role(RoleType.PRIMARY, RoleName.AIDE, "org-school-3"),
                    role(RoleType.PRIMARY, RoleName.TEACHER, "org-school-3"));

            List<Violation> violations = OneRosterRules.errors(user);

            assertThat(violations)
                    .hasSize(2)
                    .allMatch(violation -> violation.field().equals("roles"));
            assertThat(violations)
                    .anySatisfy(violation -> assertThat(violation.reason()).contains("org-school-2"));
            assertThat(violations)
                    .anySatisfy(violation -> assertThat(violation.reason()).contains("org-school-3"));
            assertThat(violations)
                    .noneSatisfy(violation -> assertThat(violation.reason()).contains("org-school-1"));
        }

        @Test
        void aRoleTypeOutsideTheVocabularyIsNotAPrimary() {
            User user = user(role(RoleType.of("Primary"), RoleName.TEACHER, "org-school-1"));

            assertThat(errorFields(user)).containsExactlyInAnyOrder("roles[0].roleType", "roles");
        }
    }

    @Nested
    class Vocabularies {

        static Stream<Arguments> outsideTheVocabulary() {
            return Stream.of(
                    Arguments.of(EntityType.ORG, ORG, "\"type\": \"school\"", "\"type\": \"campus\"", "type", "campus"),
                    Arguments.of(
                            EntityType.ACADEMIC_SESSION,
                            ACADEMIC_SESSION,
                            "\"type\": \"term\"",
                            "\"type\": \"quarter\"",
                            "type",
                            "quarter"),
                    Arguments.of(
                            EntityType.USER,
                            USER,
                            "\"role\": \"student\"",
                            "\"role\": \"wizard\"",
                            "roles[0].role",
                            "wizard"),
                    Arguments.of(
                            EntityType.USER,
                            USER,
                            "\"role\": \"student\"",
                            "\"role\": \"ext:\"",
                            "roles[0].role",
                            "ext:"),
                    Arguments.of(
                            EntityType.ENROLLMENT,
                            ENROLLMENT,
                            "\"role\": \"student\"",
                            "\"role\": \"observer\"",
                            "role",
                            "observer"),
                    Arguments.of(
                            EntityType.ENROLLMENT,
                            ENROLLMENT,
                            "\"role\": \"student\"",
                            "\"role\": \"aide\"",
                            "role",
                            "aide"),
                    Arguments.of(
                            EntityType.CLASS,
                            CLASS,
                            "\"title\": \"Algebra I - Period 1\"",
                            "\"title\": \"Algebra I - Period 1\", \"classType\": \"lab\"",
                            "classType",
                            "lab"),
                    Arguments.of(
                            EntityType.CLASS,
                            CLASS,
                            "\"type\": \"academicSession\"",
                            "\"type\": \"semesterish\"",
                            "terms[0].type",
                            "semesterish"),
                    Arguments.of(
                            EntityType.DEMOGRAPHICS,
                            DEMOGRAPHICS,
                            "\"status\": \"active\"",
                            "\"status\": \"active\", \"sex\": \"F\"",
                            "sex",
                            "F"));
        }

        @ParameterizedTest(name = "{0}.{4} = {5}")
        @MethodSource("outsideTheVocabulary")
        void aValueOutsideTheVocabularyIsAnError(
                EntityType type, String text, String from, String to, String field, String value) {
            RosterEntity entity = entity(type, json(text.replace(from, to)));

            assertThat(OneRosterRules.validate(entity)).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo(field);
                assertThat(violation.severity()).isEqualTo(Severity.ERROR);
                assertThat(violation.reason()).contains("'" + value + "'");
            });
        }

        @Test
        void theReasonListsTheDefinedValues() {
            Org org = (Org) entity(EntityType.ORG, json(ORG.replace("\"school\"", "\"campus\"")));

            assertThat(OneRosterRules.errors(org)).singleElement().satisfies(violation -> assertThat(violation.reason())
                    .isEqualTo("must be one of [department, district, local, national, school, state]"
                            + " or an ext: extension, but was 'campus'"));
        }

        @Test
        void extensionsAreAccepted() {
            assertThat(OneRosterRules.validate(
                            entity(EntityType.ORG, json(ORG.replace("\"school\"", "\"ext:campus\"")))))
                    .isEmpty();
            assertThat(OneRosterRules.validate(entity(
                            EntityType.USER, json(USER.replace("\"role\": \"student\"", "\"role\": \"ext:tutor\"")))))
                    .isEmpty();
            assertThat(OneRosterRules.validate(
                            entity(EntityType.ENROLLMENT, json(ENROLLMENT.replace("\"student\"", "\"ext:observer\"")))))
                    .isEmpty();
            assertThat(OneRosterRules.validate(entity(
                            EntityType.ACADEMIC_SESSION,
                            json(ACADEMIC_SESSION.replace("\"term\"", "\"ext:trimester\"")))))
                    .isEmpty();
        }

        @Test
        void everyDefinedValueIsAccepted() {
            for (String type : List.of("department", "district", "local", "national", "school", "state")) {
                assertThat(OneRosterRules.validate(
                                entity(EntityType.ORG, json(ORG.replace("\"school\"", "\"" + type + "\"")))))
                        .as(type)
                        .isEmpty();
            }
            for (String type : List.of("gradingPeriod", "semester", "schoolYear", "term")) {
                assertThat(OneRosterRules.validate(entity(
                                EntityType.ACADEMIC_SESSION,
                                json(ACADEMIC_SESSION.replace("\"term\"", "\"" + type + "\"")))))
                        .as(type)
                        .isEmpty();
            }
            for (String role : List.of("administrator", "proctor", "student", "teacher")) {
                assertThat(OneRosterRules.validate(entity(
                                EntityType.ENROLLMENT, json(ENROLLMENT.replace("\"student\"", "\"" + role + "\"")))))
                        .as(role)
                        .isEmpty();
            }
        }
    }

    @Nested
    class Warnings {

        @Test
        void anOrgWithoutIdentifierIsOnlyAWarning() {
            RosterEntity org = without(EntityType.ORG, ORG, "identifier");

            assertThat(OneRosterRules.validate(org)).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("identifier");
                assertThat(violation.severity()).isEqualTo(Severity.WARNING);
            });
            assertThat(OneRosterRules.errors(org)).isEmpty();
        }

        @Test
        void aCourseWithoutCourseCodeIsOnlyAWarning() {
            RosterEntity course = without(EntityType.COURSE, COURSE, "courseCode");

            assertThat(OneRosterRules.validate(course)).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("courseCode");
                assertThat(violation.severity()).isEqualTo(Severity.WARNING);
            });
            assertThat(OneRosterRules.errors(course)).isEmpty();
        }

        @Test
        void aBlankCourseCodeIsMissingToo() {
            Course course = (Course) entity(EntityType.COURSE, json(COURSE.replace("\"MATH-101\"", "\"  \"")));

            assertThat(OneRosterRules.validate(course))
                    .extracting(Violation::field, Violation::severity)
                    .containsExactly(tuple("courseCode", Severity.WARNING));
        }
    }

    @Nested
    class Dates {

        @Test
        void anEndBeforeTheStartIsAnError() {
            AcademicSession session = (AcademicSession)
                    entity(EntityType.ACADEMIC_SESSION, json(ACADEMIC_SESSION.replace("2024-12-20", "2024-08-14")));

            assertThat(OneRosterRules.validate(session)).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("endDate");
                assertThat(violation.severity()).isEqualTo(Severity.ERROR);
                assertThat(violation.reason()).contains("startDate", "2024-08-15");
            });
        }

        @Test
        void withOneDateMissingOnlyTheMissingOneIsReported() {
            AcademicSession session = new AcademicSession(
                    "s-1",
                    Status.ACTIVE,
                    MODIFIED,
                    null,
                    "Fall",
                    LocalDate.of(2024, 8, 15),
                    null,
                    SessionType.TERM,
                    null,
                    null,
                    "2025",
                    null);

            assertThat(errorFields(session)).containsExactly("endDate");
        }
    }

    @Test
    void violationsPrintAsFieldColonReason() {
        assertThat(Violation.error("roles[0].org", "is required")).hasToString("roles[0].org: is required");
        assertThat(Violation.warning("identifier", "x").severity()).isEqualTo(Severity.WARNING);
    }
}
