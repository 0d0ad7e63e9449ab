package dev.rollcall.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SmallRosterIntegrityTest {

    private final RosterGenerator small = Rosters.generator(Scale.SMALL);

    @Test
    void everySmallRecordPassesOneRosterRules() {
        List<String> errors = new ArrayList<>();
        for (String collection : RosterGenerator.COLLECTIONS) {
            for (int index = 0; index < small.count(collection); index++) {
                errors.addAll(Rosters.errors(small, collection, index));
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void samplesOfTheOtherScalesPassOneRosterRules() {
        List<String> errors = new ArrayList<>();
        for (Scale scale : List.of(Scale.SCHOOL, Scale.DISTRICT, Scale.LARGE)) {
            RosterGenerator generator = Rosters.generator(scale);
            for (String collection : RosterGenerator.COLLECTIONS) {
                for (int index : Rosters.sample(generator, collection, 300)) {
                    errors.addAll(Rosters.errors(generator, collection, index));
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void everyReferenceResolvesToARecordOfTheRightCollection() {
        List<String> problems = new ArrayList<>();
        for (String collection : RosterGenerator.COLLECTIONS) {
            for (int index = 0; index < small.count(collection); index++) {
                ObjectNode record = small.record(collection, index);
                checkAllReferences(small, record, record.get("sourcedId").asString(), problems);
                switch (collection) {
                    case "orgs" -> {
                        expect(small, record, "parent", "orgs", problems);
                        record.path("children").forEach(ref -> expectRef(small, ref, "orgs", "children", problems));
                    }
                    case "academicSessions" -> {
                        expect(small, record, "parent", "academicSessions", problems);
                        expect(small, record, "org", "orgs", problems);
                        record.path("children")
                                .forEach(ref -> expectRef(small, ref, "academicSessions", "children", problems));
                    }
                    case "courses" -> {
                        expect(small, record, "org", "orgs", problems);
                        expect(small, record, "schoolYear", "academicSessions", problems);
                    }
                    case "classes" -> {
                        expect(small, record, "course", "courses", problems);
                        expect(small, record, "school", "orgs", problems);
                        record.path("terms")
                                .forEach(ref -> expectRef(small, ref, "academicSessions", "terms", problems));
                    }
                    case "users" -> {
                        record.path("roles")
                                .forEach(role -> expectRef(small, role.get("org"), "orgs", "role", problems));
                        expect(small, record, "primaryOrg", "orgs", problems);
                        record.path("agents").forEach(ref -> expectRef(small, ref, "users", "agents", problems));
                    }
                    case "enrollments" -> {
                        expect(small, record, "user", "users", problems);
                        expect(small, record, "class", "classes", problems);
                        expect(small, record, "school", "orgs", problems);
                    }
                    default -> {}
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void referencesAreConsistent() {
        // session parents and children mirror each other
        for (int index = 0; index < small.count("academicSessions"); index++) {
            JsonNode session = small.record("academicSessions", index);
            for (JsonNode child : session.path("children")) {
                JsonNode childSession = record(small, "academicSessions", child);
                assertThat(childSession.get("parent").get("sourcedId").asString())
                        .isEqualTo(session.get("sourcedId").asString());
                assertThat(childSession.get("startDate").asString())
                        .isGreaterThanOrEqualTo(session.get("startDate").asString());
                assertThat(childSession.get("endDate").asString())
                        .isLessThanOrEqualTo(session.get("endDate").asString());
            }
        }
        // a class's course is of the class's school; its terms are terms
        for (int index = 0; index < small.count("classes"); index++) {
            JsonNode rosterClass = small.record("classes", index);
            JsonNode course = record(small, "courses", rosterClass.get("course"));
            assertThat(course.get("org").get("sourcedId"))
                    .isEqualTo(rosterClass.get("school").get("sourcedId"));
            assertThat(record(small, "orgs", rosterClass.get("school"))
                            .get("type")
                            .asString())
                    .isEqualTo("school");
            for (JsonNode term : rosterClass.get("terms")) {
                assertThat(record(small, "academicSessions", term).get("type").asString())
                        .isEqualTo("term");
            }
        }
        // enrollments: the school is the class's, the student's grade is the class's
        for (int index = 0; index < small.count("enrollments"); index++) {
            JsonNode enrollment = small.record("enrollments", index);
            JsonNode rosterClass = record(small, "classes", enrollment.get("class"));
            JsonNode user = record(small, "users", enrollment.get("user"));
            assertThat(enrollment.get("school")).isEqualTo(rosterClass.get("school"));
            assertThat(user.get("primaryOrg").get("sourcedId"))
                    .isEqualTo(rosterClass.get("school").get("sourcedId"));
            String role = enrollment.get("role").asString();
            assertThat(user.get("roles").get(0).get("role").asString()).isEqualTo(role);
            if (role.equals("student")) {
                assertThat(user.get("grades")).isEqualTo(rosterClass.get("grades"));
            }
        }
        // agents point both ways
        for (int index = 0; index < small.count("users"); index++) {
            JsonNode user = small.record("users", index);
            for (JsonNode agent : user.path("agents")) {
                JsonNode other = record(small, "users", agent);
                assertThat(other.get("agents").get(0).get("sourcedId")).isEqualTo(user.get("sourcedId"));
                assertThat(other.get("familyName")).isEqualTo(user.get("familyName"));
            }
        }
        // the district lists every school
        assertThat(small.record("orgs", 0).get("children")).hasSize(small.count("orgs") - 1);
    }

    @Test
    void noUserIsTwiceInAClass() {
        for (Scale scale : List.of(Scale.SMALL, Scale.SCHOOL)) {
            RosterGenerator generator = Rosters.generator(scale);
            Set<String> pairs = new HashSet<>();
            Map<String, Integer> classesPerStudent = new HashMap<>();
            for (int index = 0; index < generator.count("enrollments"); index++) {
                JsonNode enrollment = generator.record("enrollments", index);
                String user = enrollment.get("user").get("sourcedId").asString();
                String pair =
                        user + "|" + enrollment.get("class").get("sourcedId").asString();
                assertThat(pairs.add(pair)).as("%s %s", scale, pair).isTrue();
                if (enrollment.get("role").asString().equals("student")) {
                    classesPerStudent.merge(user, 1, Integer::sum);
                }
            }
            // every student is in several classes
            assertThat(classesPerStudent).hasSize(generator.count("demographics"));
            if (scale == Scale.SMALL) {
                assertThat(classesPerStudent.values()).allMatch(classes -> classes >= 4);
            }
        }
    }

    @Test
    void userAttributesAreUnique() {
        Set<String> emails = new HashSet<>();
        Set<String> identifiers = new HashSet<>();
        Set<String> usernames = new HashSet<>();
        Set<String> masters = new HashSet<>();
        Map<String, Integer> roles = new HashMap<>();
        int disabled = 0;
        for (int index = 0; index < small.count("users"); index++) {
            JsonNode user = small.record("users", index);
            assertThat(emails.add(user.get("email").asString())).isTrue();
            assertThat(identifiers.add(user.get("identifier").asString())).isTrue();
            assertThat(usernames.add(user.get("username").asString())).isTrue();
            assertThat(masters.add(user.get("userMasterIdentifier").asString())).isTrue();
            assertThat(user.get("email").asString()).matches("[a-z]+\\.[a-z]+[0-9]+@[a-z]+\\.example\\.edu");
            assertThat(user.get("enabledUser").isString()).isTrue();
            if (user.get("enabledUser").asString().equals("false")) {
                disabled++;
            }
            roles.merge(user.get("roles").get(0).get("role").asString(), 1, Integer::sum);
            assertThat(user.get("sourcedId").asString())
                    .doesNotContain(user.get("givenName").asString());
        }
        assertThat(disabled).isBetween(1, 30);
        assertThat(roles.get("student")).isBetween(250, 290);
        assertThat(roles.get("teacher")).isBetween(20, 30);
        assertThat(roles.get("siteAdministrator")).isBetween(2, 10);
    }

    @Test
    void demographicsMatchTheirStudents() {
        for (int index = 0; index < small.count("demographics"); index++) {
            JsonNode demographics = small.record("demographics", index);
            String id = demographics.get("sourcedId").asString();
            JsonNode user = small.record("users", small.indexOf("users", id).orElseThrow());
            assertThat(user.get("roles").get(0).get("role").asString()).isEqualTo("student");
            String grade = user.get("grades").get(0).asString();
            int gradeNumber = grade.equals("KG") ? 0 : Integer.parseInt(grade);
            int born = Integer.parseInt(demographics.get("birthDate").asString().substring(0, 4));
            assertThat(2025 - gradeNumber - born).isBetween(5, 6);
            assertThat(demographics.get("white").asString()).isIn("true", "false");
        }
    }

    private static JsonNode record(RosterGenerator generator, String collection, JsonNode ref) {
        return generator.record(
                collection,
                generator.indexOf(collection, ref.get("sourcedId").asString()).orElseThrow());
    }

    private static void expect(
            RosterGenerator generator, JsonNode record, String field, String collection, List<String> problems) {
        if (record.has(field)) {
            expectRef(generator, record.get(field), collection, record.get("sourcedId") + "." + field, problems);
        }
    }

    private static void expectRef(
            RosterGenerator generator, JsonNode ref, String collection, String where, List<String> problems) {
        String id = ref.get("sourcedId").asString();
        if (generator.indexOf(collection, id).isEmpty()) {
            problems.add(where + " -> " + id + " is not in " + collection);
        }
        if (!ref.get("href").asString().equals("/" + collection + "/" + id)) {
            problems.add(where + " href " + ref.get("href") + " is not /" + collection + "/" + id);
        }
    }

    /** Every object with an href anywhere in the record names an existing record. */
    private static void checkAllReferences(
            RosterGenerator generator, JsonNode node, String where, List<String> problems) {
        if (node.isObject() && node.has("href")) {
            String[] parts = node.get("href").asString().split("/");
            if (parts.length != 3
                    || !RosterGenerator.COLLECTIONS.contains(parts[1])
                    || generator.indexOf(parts[1], parts[2]).isEmpty()
                    || !parts[2].equals(node.get("sourcedId").asString())) {
                problems.add(where + ": dangling " + node);
            }
        }
        if (node.isContainer()) {
            node.forEach(child -> checkAllReferences(generator, child, where, problems));
        }
    }
}
