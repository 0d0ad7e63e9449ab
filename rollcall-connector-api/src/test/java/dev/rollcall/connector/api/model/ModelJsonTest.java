package dev.rollcall.connector.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.json.CanonicalJson;
import dev.rollcall.connector.api.json.RosterJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of the canonical model, fed with records shaped as in the 1EdTech OneRoster 1.2
 * rostering REST binding (JSON), one record each, without the {@code {"user": …}} envelope.
 */
class ModelJsonTest {

    private static final String BASE = "https://sis.example.edu/ims/oneroster/rostering/v1p2";

    static final String ORG = """
            {
              "sourcedId": "org-school-1",
              "status": "active",
              "dateLastModified": "2024-07-01T12:30:00Z",
              "metadata": { "ncesId": "060123401234", "enrollmentCap": 1200 },
              "name": "Springfield High School",
              "type": "school",
              "identifier": "SHS-001",
              "parent": { "href": "%1$s/orgs/org-district-1", "sourcedId": "org-district-1", "type": "org" },
              "children": [
                { "href": "%1$s/orgs/org-dept-math", "sourcedId": "org-dept-math", "type": "org" }
              ]
            }
            """.formatted(BASE);

    static final String ACADEMIC_SESSION = """
            {
              "sourcedId": "term-2024-fall",
              "status": "active",
              "dateLastModified": "2024-06-15T08:00:00.123Z",
              "title": "Fall 2024",
              "startDate": "2024-08-15",
              "endDate": "2024-12-20",
              "type": "term",
              "parent": { "href": "%1$s/academicSessions/sy-2025", "sourcedId": "sy-2025", "type": "academicSession" },
              "children": [
                { "href": "%1$s/gradingPeriods/gp-2024-q1", "sourcedId": "gp-2024-q1", "type": "academicSession" },
                { "href": "%1$s/gradingPeriods/gp-2024-q2", "sourcedId": "gp-2024-q2", "type": "academicSession" }
              ],
              "schoolYear": "2025",
              "org": { "href": "%1$s/orgs/org-district-1", "sourcedId": "org-district-1", "type": "org" }
            }
            """.formatted(BASE);

    static final String COURSE = """
            {
              "sourcedId": "course-alg1",
              "status": "active",
              "dateLastModified": "2024-06-15T08:00:00Z",
              "metadata": {},
              "title": "Algebra I",
              "schoolYear": { "href": "%1$s/academicSessions/sy-2025", "sourcedId": "sy-2025", "type": "academicSession" },
              "courseCode": "MATH-101",
              "grades": ["09", "10"],
              "subjects": ["Mathematics"],
              "org": { "href": "%1$s/orgs/org-district-1", "sourcedId": "org-district-1", "type": "org" },
              "subjectCodes": ["02052"],
              "resources": [ { "href": "%1$s/resources/res-alg1-book", "sourcedId": "res-alg1-book", "type": "resource" } ]
            }
            """.formatted(BASE);

    static final String CLASS = """
            {
              "sourcedId": "class-alg1-p1",
              "status": "active",
              "dateLastModified": "2024-06-15T08:00:00Z",
              "title": "Algebra I - Period 1",
              "classCode": "ALG1-P1",
              "classType": "scheduled",
              "location": "Room 204",
              "grades": ["09"],
              "subjects": ["Mathematics"],
              "course": { "href": "%1$s/courses/course-alg1", "sourcedId": "course-alg1", "type": "course" },
              "school": { "href": "%1$s/schools/org-school-1", "sourcedId": "org-school-1", "type": "org" },
              "terms": [ { "href": "%1$s/terms/term-2024-fall", "sourcedId": "term-2024-fall", "type": "academicSession" } ],
              "subjectCodes": ["02052"],
              "periods": ["1", "2"]
            }
            """.formatted(BASE);

    static final String USER = """
            {
              "sourcedId": "user-0001",
              "status": "active",
              "dateLastModified": "2024-06-15T08:00:00Z",
              "metadata": { "homeroom": "H12", "lunch": { "plan": "free", "balance": 12.5 } },
              "userMasterIdentifier": "SMS-000123",
              "username": "ada.lovelace",
              "userIds": [
                { "type": "LDAP", "identifier": "alovelace" },
                { "type": "stateId", "identifier": "CA-99887766" }
              ],
              "enabledUser": "true",
              "givenName": "Ada",
              "familyName": "Lovelace",
              "middleName": "Augusta",
              "preferredFirstName": "Ada",
              "preferredLastName": "King",
              "pronouns": "she/her",
              "roles": [
                {
                  "roleType": "primary",
                  "role": "student",
                  "org": { "href": "%1$s/orgs/org-school-1", "sourcedId": "org-school-1", "type": "org" },
                  "userProfile": "profile-lms",
                  "beginDate": "2024-08-15",
                  "endDate": "2025-06-10"
                },
                {
                  "roleType": "secondary",
                  "role": "aide",
                  "org": { "href": "%1$s/orgs/org-school-1", "sourcedId": "org-school-1", "type": "org" }
                }
              ],
              "userProfiles": [
                {
                  "profileId": "profile-lms",
                  "profileType": "lms",
                  "vendorId": "vendor-1",
                  "applicationId": "app-lms",
                  "description": "The district LMS",
                  "credentials": [ { "type": "sso", "username": "ada.lovelace" } ]
                }
              ],
              "primaryOrg": { "href": "%1$s/orgs/org-school-1", "sourcedId": "org-school-1", "type": "org" },
              "identifier": "123456",
              "email": "ada.lovelace@example.edu",
              "sms": "+15555550100",
              "phone": "+15555550101",
              "agents": [ { "href": "%1$s/users/user-0002", "sourcedId": "user-0002", "type": "user" } ],
              "grades": ["09"],
              "resources": [ { "sourcedId": "res-alg1-book", "type": "resource" } ]
            }
            """.formatted(BASE);

    static final String ENROLLMENT = """
            {
              "sourcedId": "enr-0001",
              "status": "active",
              "dateLastModified": "2024-06-15T08:00:00Z",
              "user": { "href": "%1$s/users/user-0001", "sourcedId": "user-0001", "type": "user" },
              "class": { "href": "%1$s/classes/class-alg1-p1", "sourcedId": "class-alg1-p1", "type": "class" },
              "school": { "href": "%1$s/schools/org-school-1", "sourcedId": "org-school-1", "type": "org" },
              "role": "student",
              "primary": "false",
              "beginDate": "2024-08-15",
              "endDate": "2024-12-20"
            }
            """.formatted(BASE);

    static final String DEMOGRAPHICS = """
            {
              "sourcedId": "user-0001",
              "status": "active",
              "dateLastModified": "2024-06-15T08:00:00Z",
              "birthDate": "2009-03-14",
              "sex": "female",
              "americanIndianOrAlaskaNative": "false",
              "asian": "false",
              "blackOrAfricanAmerican": "true",
              "nativeHawaiianOrOtherPacificIslander": "false",
              "white": "true",
              "demographicRaceTwoOrMoreRaces": "true",
              "hispanicOrLatinoEthnicity": "false",
              "countryOfBirthCode": "US",
              "stateOfBirthAbbreviation": "CA",
              "cityOfBirth": "Oakland",
              "publicSchoolResidenceStatus": "01652"
            }
            """;

    static Stream<Arguments> everyEntity() {
        return Stream.of(
                Arguments.of(EntityType.ORG, ORG),
                Arguments.of(EntityType.ACADEMIC_SESSION, ACADEMIC_SESSION),
                Arguments.of(EntityType.COURSE, COURSE),
                Arguments.of(EntityType.CLASS, CLASS),
                Arguments.of(EntityType.USER, USER),
                Arguments.of(EntityType.ENROLLMENT, ENROLLMENT),
                Arguments.of(EntityType.DEMOGRAPHICS, DEMOGRAPHICS));
    }

    private static JsonNode tree(String json) {
        return RosterJson.mapper().readTree(json);
    }

    @SuppressWarnings("unchecked")
    private static <T extends RosterEntity> T read(EntityType type, String json) {
        return (T) RosterJson.read(type, tree(json));
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.rollcall.connector.api.model.ModelJsonTest#everyEntity")
        void readsIntoItsRecordType(EntityType type, String json) {
            RosterEntity entity = RosterJson.read(type, tree(json));

            assertThat(entity).isInstanceOf(type.recordType());
            assertThat(entity.entityType()).isEqualTo(type);
            assertThat(entity.status()).isEqualTo(Status.ACTIVE);
            assertThat(entity.dateLastModified()).isNotNull();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.rollcall.connector.api.model.ModelJsonTest#everyEntity")
        void writesBackTheSameJson(EntityType type, String json) {
            RosterEntity entity = RosterJson.read(type, tree(json));

            JsonNode written = RosterJson.toTree(entity);

            // Same content; the only spelling change allowed is ".123Z" kept as is and "{}" dropped.
            ObjectNode expected = (ObjectNode) tree(json);
            if (expected.path("metadata").isEmpty()) {
                expected.remove("metadata");
            }
            assertThat(CanonicalJson.toCanonicalString(written)).isEqualTo(CanonicalJson.toCanonicalString(expected));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.rollcall.connector.api.model.ModelJsonTest#everyEntity")
        void readsBackWhatItWrites(EntityType type, String json) {
            RosterEntity entity = RosterJson.read(type, tree(json));

            String written = RosterJson.mapper().writeValueAsString(entity);
            RosterEntity again = RosterJson.read(type.recordType(), written);

            assertThat(again).isEqualTo(entity);
            assertThat(CanonicalJson.checksum(again)).isEqualTo(CanonicalJson.checksum(entity));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.rollcall.connector.api.model.ModelJsonTest#everyEntity")
        void aRealisticRecordPassesTheRules(EntityType type, String json) {
            RosterEntity entity = RosterJson.read(type, tree(json));

            assertThat(OneRosterRules.validate(entity)).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.rollcall.connector.api.model.ModelJsonTest#everyEntity")
        void writesNoModelInternals(EntityType type, String json) {
            JsonNode written = RosterJson.toTree(RosterJson.read(type, tree(json)));

            assertThat(written.has("entityType")).isFalse();
            assertThat(written.toString()).doesNotContain("\"valid\"", "\"extension\"", "knownValues", "classRef");
        }

        @Test
        void collectionNamesMapToEntityTypes() {
            assertThat(EntityType.fromCollection("academicSessions")).contains(EntityType.ACADEMIC_SESSION);
            assertThat(EntityType.fromCollection("classes")).contains(EntityType.CLASS);
            assertThat(EntityType.fromCollection("teachers")).isEmpty();
            for (EntityType type : EntityType.values()) {
                assertThat(EntityType.fromCollection(type.collection())).contains(type);
            }
        }
    }

    @Nested
    class Fields {

        @Test
        void orgFields() {
            Org org = read(EntityType.ORG, ORG);

            assertThat(org.name()).isEqualTo("Springfield High School");
            assertThat(org.type()).isEqualTo(OrgType.SCHOOL);
            assertThat(org.identifier()).isEqualTo("SHS-001");
            assertThat(org.parent())
                    .isEqualTo(new GuidRef(BASE + "/orgs/org-district-1", "org-district-1", GuidType.ORG));
            assertThat(org.children()).extracting(GuidRef::sourcedId).containsExactly("org-dept-math");
            assertThat(org.metadata()).containsEntry("ncesId", "060123401234").containsEntry("enrollmentCap", 1200);
            assertThat(org.dateLastModified()).isEqualTo(Instant.parse("2024-07-01T12:30:00Z"));
        }

        @Test
        void academicSessionFields() {
            AcademicSession session = read(EntityType.ACADEMIC_SESSION, ACADEMIC_SESSION);

            assertThat(session.startDate()).isEqualTo(LocalDate.of(2024, 8, 15));
            assertThat(session.endDate()).isEqualTo(LocalDate.of(2024, 12, 20));
            assertThat(session.type()).isEqualTo(SessionType.TERM);
            assertThat(session.schoolYear()).isEqualTo("2025");
            assertThat(session.children()).hasSize(2);
            assertThat(session.dateLastModified()).isEqualTo(Instant.parse("2024-06-15T08:00:00.123Z"));
            assertThat(RosterJson.toTree(session).get("startDate").stringValue())
                    .isEqualTo("2024-08-15");
        }

        @Test
        void courseFields() {
            Course course = read(EntityType.COURSE, COURSE);

            assertThat(course.schoolYear()).extracting(GuidRef::sourcedId).isEqualTo("sy-2025");
            assertThat(course.courseCode()).isEqualTo("MATH-101");
            assertThat(course.grades()).containsExactly("09", "10");
            assertThat(course.subjectCodes()).containsExactly("02052");
            assertThat(course.resources()).extracting(GuidRef::type).containsExactly(GuidType.RESOURCE);
            assertThat(course.metadata()).isEmpty();
        }

        @Test
        void classFields() {
            RosterClass rosterClass = read(EntityType.CLASS, CLASS);

            assertThat(rosterClass.classType()).isEqualTo(ClassType.SCHEDULED);
            assertThat(rosterClass.course().sourcedId()).isEqualTo("course-alg1");
            assertThat(rosterClass.school().sourcedId()).isEqualTo("org-school-1");
            assertThat(rosterClass.terms()).extracting(GuidRef::sourcedId).containsExactly("term-2024-fall");
            assertThat(rosterClass.periods()).containsExactly("1", "2");
            assertThat(rosterClass.resources()).isEmpty();
        }

        @Test
        void userFields() {
            User user = read(EntityType.USER, USER);

            assertThat(user.enabledUser()).isTrue();
            assertThat(user.userIds())
                    .containsExactly(new UserId("LDAP", "alovelace"), new UserId("stateId", "CA-99887766"));
            assertThat(user.roles()).hasSize(2);
            Role primary = user.roles().get(0);
            assertThat(primary.roleType()).isEqualTo(RoleType.PRIMARY);
            assertThat(primary.role()).isEqualTo(RoleName.STUDENT);
            assertThat(primary.org().sourcedId()).isEqualTo("org-school-1");
            assertThat(primary.userProfile()).isEqualTo("profile-lms");
            assertThat(primary.beginDate()).isEqualTo(LocalDate.of(2024, 8, 15));
            assertThat(user.roles().get(1).roleType()).isEqualTo(RoleType.SECONDARY);
            assertThat(user.roles().get(1).role()).isEqualTo(RoleName.AIDE);
            assertThat(user.userProfiles()).singleElement().satisfies(profile -> {
                assertThat(profile.profileId()).isEqualTo("profile-lms");
                assertThat(profile.credentials()).containsExactly(Map.of("type", "sso", "username", "ada.lovelace"));
            });
            assertThat(user.primaryOrg().sourcedId()).isEqualTo("org-school-1");
            assertThat(user.agents()).extracting(GuidRef::type).containsExactly(GuidType.USER);
            assertThat(user.pronouns()).isEqualTo("she/her");
            assertThat(user.metadata().get("lunch"))
                    .isEqualTo(Map.of("plan", "free", "balance", new BigDecimal("12.5")));
        }

        @Test
        void enrollmentClassKeyIsClassRef() {
            Enrollment enrollment = read(EntityType.ENROLLMENT, ENROLLMENT);

            assertThat(enrollment.classRef())
                    .isEqualTo(new GuidRef(BASE + "/classes/class-alg1-p1", "class-alg1-p1", GuidType.CLASS));
            assertThat(enrollment.user().sourcedId()).isEqualTo("user-0001");
            assertThat(enrollment.school().sourcedId()).isEqualTo("org-school-1");
            assertThat(enrollment.role()).isEqualTo(EnrollmentRole.STUDENT);
            assertThat(enrollment.primary()).isFalse();
            assertThat(enrollment.endDate()).isEqualTo(LocalDate.of(2024, 12, 20));

            JsonNode written = RosterJson.toTree(enrollment);
            assertThat(written.get("class").get("sourcedId").stringValue()).isEqualTo("class-alg1-p1");
            assertThat(written.has("classRef")).isFalse();
            assertThat(written.get("primary").isString()).isTrue();
            assertThat(written.get("primary").stringValue()).isEqualTo("false");
        }

        @Test
        void demographicsBooleansAreStringsOnTheWire() {
            Demographics demographics = read(EntityType.DEMOGRAPHICS, DEMOGRAPHICS);

            assertThat(demographics.birthDate()).isEqualTo(LocalDate.of(2009, 3, 14));
            assertThat(demographics.sex()).isEqualTo(Sex.FEMALE);
            assertThat(demographics.americanIndianOrAlaskaNative()).isFalse();
            assertThat(demographics.blackOrAfricanAmerican()).isTrue();
            assertThat(demographics.white()).isTrue();
            assertThat(demographics.demographicRaceTwoOrMoreRaces()).isTrue();
            assertThat(demographics.hispanicOrLatinoEthnicity()).isFalse();
            assertThat(demographics.publicSchoolResidenceStatus()).isEqualTo("01652");

            JsonNode written = RosterJson.toTree(demographics);
            assertThat(written.get("asian").isString()).isTrue();
            assertThat(written.get("asian").stringValue()).isEqualTo("false");
            assertThat(written.get("white").stringValue()).isEqualTo("true");
        }

        @Test
        void demographicsBooleansAlsoReadFromJsonBooleans() {
            Demographics demographics = read(
                    EntityType.DEMOGRAPHICS,
                    DEMOGRAPHICS
                            .replace("\"white\": \"true\"", "\"white\": true")
                            .replace("\"asian\": \"false\"", "\"asian\": false"));

            assertThat(demographics).isEqualTo(read(EntityType.DEMOGRAPHICS, DEMOGRAPHICS));
        }

        @Test
        void absentOptionalFieldsAreNullAndAbsentCollectionsEmpty() {
            User user = read(EntityType.USER, """
                    {"sourcedId": "u-2", "status": "active", "dateLastModified": "2024-01-01T00:00:00Z"}
                    """);

            assertThat(user.enabledUser()).isNull();
            assertThat(user.givenName()).isNull();
            assertThat(user.metadata()).isEmpty();
            assertThat(user.roles()).isEmpty();
            assertThat(user.userIds()).isEmpty();
            assertThat(user.userProfiles()).isEmpty();
            assertThat(user.agents()).isEmpty();
            assertThat(user.grades()).isEmpty();
            assertThat(user.resources()).isEmpty();
            assertThat(RosterJson.toTree(user).propertyNames())
                    .containsExactlyInAnyOrder("sourcedId", "status", "dateLastModified");
        }

        @Test
        void aReferenceMayCarryOnlyItsSourcedId() {
            Enrollment enrollment = read(EntityType.ENROLLMENT, """
                    {"sourcedId": "enr-2", "status": "active", "dateLastModified": "2024-01-01T00:00:00Z",
                     "user": {"sourcedId": "user-0001"}, "class": {"sourcedId": "class-1"},
                     "school": {"sourcedId": "org-school-1"}, "role": "teacher"}
                    """);

            assertThat(enrollment.classRef()).isEqualTo(new GuidRef(null, "class-1", null));
            assertThat(RosterJson.toTree(enrollment).get("class").toString()).isEqualTo("{\"sourcedId\":\"class-1\"}");
        }

        @Test
        void aReferenceWithoutSourcedIdIsRejected() {
            assertThatThrownBy(() -> read(EntityType.ENROLLMENT, """
                            {"sourcedId": "enr-3", "status": "active", "class": {"href": "/classes/x", "type": "class"}}
                            """))
                    .isInstanceOf(JacksonException.class)
                    .hasMessageContaining("sourcedId");
            assertThatThrownBy(() -> new GuidRef("/x", " ", null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class StatusValues {

        @ParameterizedTest
        @ValueSource(strings = {"inactive", "tobedeleted", "toBeDeleted", "INACTIVE", " tobedeleted "})
        void inactiveAndToBeDeletedMeanTheSame(String wire) {
            Org org = read(EntityType.ORG, ORG.replace("\"status\": \"active\"", "\"status\": \"" + wire + "\""));

            assertThat(org.status()).isEqualTo(Status.TO_BE_DELETED);
            assertThat(RosterJson.toTree(org).get("status").stringValue()).isEqualTo("tobedeleted");
        }

        @Test
        void activeIsWrittenAsActive() {
            assertThat(RosterJson.toTree(read(EntityType.ORG, ORG))
                            .get("status")
                            .stringValue())
                    .isEqualTo("active");
            assertThat(Status.fromWire("Active")).isEqualTo(Status.ACTIVE);
        }

        @Test
        void anUnknownStatusIsRejected() {
            assertThatThrownBy(() ->
                            read(EntityType.ORG, ORG.replace("\"status\": \"active\"", "\"status\": \"deleted\"")))
                    .isInstanceOf(JacksonException.class)
                    .hasMessageContaining("deleted");
            assertThatThrownBy(() -> Status.fromWire("deleted"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'deleted'");
        }
    }

    @Nested
    class EnabledUser {

        @ParameterizedTest
        @ValueSource(strings = {"true", "\"true\"", "\"TRUE\"", "\" True \""})
        void readsTrueFromABooleanOrAString(String wire) {
            User user = read(EntityType.USER, USER.replace("\"enabledUser\": \"true\"", "\"enabledUser\": " + wire));

            assertThat(user.enabledUser()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "\"false\"", "\"False\""})
        void readsFalseFromABooleanOrAString(String wire) {
            User user = read(EntityType.USER, USER.replace("\"enabledUser\": \"true\"", "\"enabledUser\": " + wire));

            assertThat(user.enabledUser()).isFalse();
            assertThat(RosterJson.toTree(user).get("enabledUser").stringValue()).isEqualTo("false");
        }

        @Test
        void isWrittenAsTheStringTrue() {
            User user = read(EntityType.USER, USER.replace("\"enabledUser\": \"true\"", "\"enabledUser\": true"));

            JsonNode written = RosterJson.toTree(user);

            assertThat(written.get("enabledUser").isString()).isTrue();
            assertThat(written.get("enabledUser").stringValue()).isEqualTo("true");
            assertThat(RosterJson.mapper().writeValueAsString(user)).contains("\"enabledUser\":\"true\"");
        }

        @Test
        void nullIsAbsent() {
            User user = read(EntityType.USER, USER.replace("\"enabledUser\": \"true\"", "\"enabledUser\": null"));

            assertThat(user.enabledUser()).isNull();
            assertThat(RosterJson.toTree(user).has("enabledUser")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"yes\"", "1", "\"\""})
        void anythingElseIsRejectedNamingTheField(String wire) {
            assertThatThrownBy(() -> read(
                            EntityType.USER, USER.replace("\"enabledUser\": \"true\"", "\"enabledUser\": " + wire)))
                    .isInstanceOf(JacksonException.class)
                    .hasMessageContaining("enabledUser");
        }
    }

    @Nested
    class Tolerance {

        @Test
        void unknownFieldsAreIgnored() {
            ObjectNode json = (ObjectNode) tree(USER);
            json.put("favouriteColour", "teal");
            json.putObject("x-vendor").put("shard", 7).putArray("tags").add("a");
            ((ObjectNode) json.get("roles").get(0)).put("unknownRoleField", true);
            ((ObjectNode) json.get("primaryOrg")).put("name", "Springfield High School");

            User user = (User) RosterJson.read(EntityType.USER, json);

            assertThat(user).isEqualTo(read(EntityType.USER, USER));
            assertThat(RosterJson.toTree(user).toString())
                    .doesNotContain("favouriteColour", "x-vendor", "unknownRoleField");
        }

        @Test
        void absentAndEmptyGiveTheSameBytes() {
            User withEmpties = read(EntityType.USER, """
                    {"sourcedId": "u-3", "status": "active", "dateLastModified": "2024-01-01T00:00:00Z",
                     "metadata": {}, "roles": [], "userIds": [], "agents": [], "grades": [], "givenName": null}
                    """);
            User bare = read(EntityType.USER, """
                    {"sourcedId": "u-3", "status": "active", "dateLastModified": "2024-01-01T00:00:00Z"}
                    """);

            assertThat(withEmpties).isEqualTo(bare);
            assertThat(CanonicalJson.toCanonicalBytes(withEmpties)).isEqualTo(CanonicalJson.toCanonicalBytes(bare));
        }

        @Test
        void falsyMetadataValuesSurviveTheRoundTrip() {
            Org org = read(
                    EntityType.ORG, ORG.replace("\"enrollmentCap\": 1200", "\"enrollmentCap\": 0, \"charter\": false"));

            JsonNode metadata = RosterJson.toTree(org).get("metadata");

            assertThat(metadata.get("enrollmentCap").intValue()).isZero();
            assertThat(metadata.get("charter").booleanValue()).isFalse();
            assertThat(CanonicalJson.checksum(org))
                    .isNotEqualTo(CanonicalJson.checksum(RosterJson.read(EntityType.ORG, tree(ORG))));
        }

        @Test
        void timestampsWithAnOffsetAreTheSameInstant() {
            Org utc = read(EntityType.ORG, ORG);
            Org millis = read(EntityType.ORG, ORG.replace("2024-07-01T12:30:00Z", "2024-07-01T12:30:00.000Z"));

            Org offset = read(EntityType.ORG, ORG.replace("2024-07-01T12:30:00Z", "2024-07-01T14:30:00+02:00"));

            assertThat(millis.dateLastModified()).isEqualTo(utc.dateLastModified());
            assertThat(offset.dateLastModified()).isEqualTo(utc.dateLastModified());
            assertThat(CanonicalJson.checksum(millis)).isEqualTo(CanonicalJson.checksum(utc));
            assertThat(CanonicalJson.checksum(offset)).isEqualTo(CanonicalJson.checksum(utc));
        }

        @Test
        void metadataMayHoldJsonNulls() {
            Org org = read(EntityType.ORG, ORG.replace("\"ncesId\": \"060123401234\"", "\"ncesId\": null"));

            assertThat(org.metadata()).containsKey("ncesId");
            assertThat(org.metadata().get("ncesId")).isNull();
        }

        @Test
        void collectionsAreImmutableCopies() {
            List<String> grades = new ArrayList<>(List.of("09"));
            Map<String, Object> metadata = new HashMap<>(Map.of("k", "v"));
            Course course =
                    new Course("c-1", Status.ACTIVE, null, metadata, "T", null, "C", grades, null, null, null, null);

            grades.add("10");
            metadata.put("k2", "v2");

            assertThat(course.grades()).containsExactly("09");
            assertThat(course.metadata()).containsOnlyKeys("k");
            assertThat(course.subjects()).isEmpty();
            assertThatThrownBy(() -> course.grades().add("11")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> course.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Vocabularies {

        @Test
        void extensionValuesAreKeptAndValid() {
            User user = read(EntityType.USER, USER.replace("\"role\": \"aide\"", "\"role\": \"ext:tutor\""));

            RoleName role = user.roles().get(1).role();
            assertThat(role.value()).isEqualTo("ext:tutor");
            assertThat(role.isExtension()).isTrue();
            assertThat(role.isValid()).isTrue();
            assertThat(RosterJson.toTree(user).get("roles").get(1).get("role").stringValue())
                    .isEqualTo("ext:tutor");
            assertThat(OneRosterRules.errors(user)).isEmpty();
        }

        @Test
        void unknownValuesAreKeptButInvalid() {
            User user = read(EntityType.USER, USER.replace("\"role\": \"aide\"", "\"role\": \"wizard\""));

            RoleName role = user.roles().get(1).role();
            assertThat(role.value()).isEqualTo("wizard");
            assertThat(role.isExtension()).isFalse();
            assertThat(role.isValid()).isFalse();
            assertThat(RosterJson.toTree(user).get("roles").get(1).get("role").stringValue())
                    .isEqualTo("wizard");
            assertThat(OneRosterRules.errors(user)).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("roles[1].role");
                assertThat(violation.reason()).contains("'wizard'");
            });
        }

        @Test
        void everyVocabularyKeepsWhatItReads() {
            assertThat(read(EntityType.ORG, ORG.replace("\"type\": \"school\"", "\"type\": \"ext:campus\""))
                            .toString())
                    .contains("ext:campus");
            Org org = read(EntityType.ORG, ORG.replace("\"type\": \"school\"", "\"type\": \"ext:campus\""));
            assertThat(org.type()).isEqualTo(OrgType.of("ext:campus"));
            assertThat(org.type().isValid()).isTrue();

            AcademicSession session = read(
                    EntityType.ACADEMIC_SESSION,
                    ACADEMIC_SESSION.replace("\"type\": \"term\"", "\"type\": \"quarter\""));
            assertThat(session.type().value()).isEqualTo("quarter");
            assertThat(session.type().isValid()).isFalse();

            Enrollment enrollment = read(
                    EntityType.ENROLLMENT, ENROLLMENT.replace("\"role\": \"student\"", "\"role\": \"ext:observer\""));
            assertThat(enrollment.role().isValid()).isTrue();

            Demographics demographics = read(EntityType.DEMOGRAPHICS, DEMOGRAPHICS.replace("\"female\"", "\"F\""));
            assertThat(demographics.sex().value()).isEqualTo("F");
            assertThat(demographics.sex().isValid()).isFalse();
        }

        @Test
        void vocabularyValuesAreCaseSensitive() {
            assertThat(RoleName.of("Student").isValid()).isFalse();
            assertThat(RoleName.of("student")).isEqualTo(RoleName.STUDENT);
        }

        @Test
        void aBareExtPrefixIsNotAnExtension() {
            assertThat(OrgType.of("ext:").isExtension()).isFalse();
            assertThat(OrgType.of("ext:").isValid()).isFalse();
            assertThat(OrgType.of("ext:x").isValid()).isTrue();
        }

        @Test
        void blankVocabularyValuesAreRejected() {
            assertThatThrownBy(() -> RoleName.of(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> read(EntityType.ORG, ORG.replace("\"type\": \"school\"", "\"type\": \"\"")))
                    .isInstanceOf(JacksonException.class);
        }

        @Test
        void administratorFromOneRoster11IsAKnownRole() {
            assertThat(RoleName.of("administrator").isValid()).isTrue();
        }
    }

    @Nested
    class Credentials {

        @Test
        void passwordsAreDroppedWhenRead() {
            User user = read(
                    EntityType.USER,
                    USER.replace(
                            "\"credentials\": [ { \"type\": \"sso\", \"username\": \"ada.lovelace\" } ]",
                            "\"credentials\": [ { \"type\": \"password\", \"username\": \"ada.lovelace\", \"password\": \"hunter2\" },"
                                    + " { \"type\": \"pin\", \"password\": \"pin-7391\" } ]"));

            List<Map<String, Object>> credentials = user.userProfiles().get(0).credentials();

            assertThat(credentials)
                    .containsExactly(Map.of("type", "password", "username", "ada.lovelace"), Map.of("type", "pin"));
            String written = RosterJson.mapper().writeValueAsString(user);
            assertThat(written).doesNotContain("hunter2", "pin-7391", "\"password\":");
            assertThat(written).contains("\"username\":\"ada.lovelace\"");
        }

        @Test
        void passwordsAreDroppedWhenConstructedWithoutTouchingTheCaller() {
            Map<String, Object> credential = new LinkedHashMap<>();
            credential.put("type", "password");
            credential.put("username", "ada");
            credential.put("password", "hunter2");

            UserProfile profile = new UserProfile("p-1", "lms", null, "app", null, List.of(credential));

            assertThat(profile.credentials()).containsExactly(Map.of("type", "password", "username", "ada"));
            assertThat(profile.toString()).doesNotContain("hunter2");
            assertThat(credential).containsKey("password");
            assertThatThrownBy(() -> profile.credentials().get(0).put("password", "x"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(new UserProfile("p-2", null, null, null, null, null).credentials())
                    .isEmpty();
        }
    }
}
