package dev.rollcall.server.oneroster;

import dev.rollcall.server.support.TenantFixture;
import java.time.Instant;
import java.util.UUID;

/** A small school written into a tenant's roster tables: the ids and records the API tests read. */
final class SmallSchool {

    static final Instant EARLY = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant LATE = Instant.parse("2024-06-01T00:00:00Z");

    final UUID district = UUID.randomUUID();
    final UUID school = UUID.randomUUID();
    final UUID term = UUID.randomUUID();
    final UUID gradingPeriod = UUID.randomUUID();
    final UUID course = UUID.randomUUID();
    final UUID klass = UUID.randomUUID();
    final UUID student = UUID.randomUUID();
    final UUID student2 = UUID.randomUUID();
    final UUID teacher = UUID.randomUUID();
    final UUID studentEnrollment = UUID.randomUUID();
    final UUID student2Enrollment = UUID.randomUUID();
    final UUID teacherEnrollment = UUID.randomUUID();

    SmallSchool(TenantFixture tenant) {
        tenant.roster(
                "roster_org",
                district,
                "active",
                EARLY,
                org(district, "Springfield District", "district", null),
                "org_type",
                "district",
                "identifier",
                "D1");
        tenant.roster(
                "roster_org",
                school,
                "active",
                EARLY,
                org(school, "Springfield Elementary", "school", district),
                "org_type",
                "school",
                "identifier",
                "S1",
                "parent_id",
                district);
        tenant.roster(
                "roster_academic_session",
                term,
                "active",
                EARLY,
                """
                {"sourcedId":"%s","status":"active","title":"Fall 2024","type":"term","startDate":"2024-09-01",
                 "endDate":"2024-12-20","schoolYear":"2025","org":{"sourcedId":"%s","type":"org"}}""".formatted(term, school),
                "session_type",
                "term",
                "school_year",
                "2025");
        tenant.roster(
                "roster_academic_session",
                gradingPeriod,
                "active",
                EARLY,
                """
                {"sourcedId":"%s","status":"active","title":"Fall GP1","type":"gradingPeriod","startDate":"2024-09-01",
                 "endDate":"2024-10-15","schoolYear":"2025","parent":{"sourcedId":"%s","type":"academicSession"}}""".formatted(gradingPeriod, term),
                "session_type",
                "gradingPeriod",
                "parent_id",
                term,
                "school_year",
                "2025");
        tenant.roster(
                "roster_course",
                course,
                "active",
                EARLY,
                """
                {"sourcedId":"%s","status":"active","title":"Mathematics 3","courseCode":"MATH3","grades":["03"],
                 "org":{"sourcedId":"%s","type":"org"}}""".formatted(course, school),
                "org_id",
                school,
                "course_code",
                "MATH3");
        tenant.roster(
                "roster_class",
                klass,
                "active",
                EARLY,
                """
                {"sourcedId":"%s","status":"active","title":"Math 3 - Room 12","classCode":"M3-12","grades":["03"],
                 "course":{"sourcedId":"%s","type":"course"},"school":{"sourcedId":"%s","type":"org"},
                 "terms":[{"sourcedId":"%s","type":"academicSession"}]}""".formatted(klass, course, school, term),
                "course_id",
                course,
                "school_id",
                school,
                "class_code",
                "M3-12");
        user(tenant, student, "Ada", "Lovelace", "student", "ada@example.org", EARLY);
        user(tenant, student2, "Alan", "Turing", "student", "alan@example.org", LATE);
        user(tenant, teacher, "Grace", "Hopper", "teacher", "grace@example.org", EARLY);
        enrollment(tenant, studentEnrollment, student, "student");
        enrollment(tenant, student2Enrollment, student2, "student");
        enrollment(tenant, teacherEnrollment, teacher, "teacher");
        tenant.roster("roster_demographics", student, "active", EARLY, """
                {"sourcedId":"%s","status":"active","birthDate":"2015-03-04","sex":"female"}""".formatted(student), "user_id", student);
    }

    private static String org(UUID id, String name, String type, UUID parent) {
        String parentRef = parent == null ? "" : ",\"parent\":{\"sourcedId\":\"" + parent + "\",\"type\":\"org\"}";
        return """
                {"sourcedId":"%s","status":"active","name":"%s","type":"%s","identifier":"%s"%s}""".formatted(id, name, type, type.equals("school") ? "S1" : "D1", parentRef);
    }

    private void user(
            TenantFixture tenant, UUID id, String given, String family, String role, String email, Instant at) {
        tenant.roster(
                "roster_user",
                id,
                "active",
                at,
                """
                {"sourcedId":"%s","status":"active","enabledUser":"true","givenName":"%s","familyName":"%s",
                 "email":"%s","userIds":[{"type":"SIS","identifier":"sis-%s"}],
                 "roles":[{"roleType":"primary","role":"%s","org":{"sourcedId":"%s","type":"org"}}]}""".formatted(id, given, family, email, given.toLowerCase(java.util.Locale.ROOT), role, school),
                "email",
                email,
                "given_name",
                given,
                "family_name",
                family);
    }

    private void enrollment(TenantFixture tenant, UUID id, UUID user, String role) {
        tenant.roster(
                "roster_enrollment",
                id,
                "active",
                EARLY,
                """
                {"sourcedId":"%s","status":"active","role":"%s","user":{"sourcedId":"%s","type":"user"},
                 "class":{"sourcedId":"%s","type":"class"},"school":{"sourcedId":"%s","type":"org"}}""".formatted(id, role, user, klass, school),
                "user_id",
                user,
                "class_id",
                klass,
                "school_id",
                school,
                "role",
                role);
    }
}
