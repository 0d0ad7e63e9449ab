package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.AcademicSession;
import dev.rollcall.connector.api.model.Course;
import dev.rollcall.connector.api.model.Enrollment;
import dev.rollcall.connector.api.model.Org;
import dev.rollcall.connector.api.model.RosterClass;
import dev.rollcall.connector.api.model.User;
import java.time.Instant;

/** Small OneRoster records for the engine's tests, written as the JSON a server sends. */
public final class Records {

    public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Records() {}

    public static Org district(String id, Instant modified) {
        return RosterJson.read(Org.class, """
                {"sourcedId":"%s","status":"active","dateLastModified":"%s","name":"District %s",
                 "type":"district","identifier":"D-%s"}""".formatted(id, modified, id, id));
    }

    public static Org school(String id, String parent, Instant modified) {
        return RosterJson.read(Org.class, """
                {"sourcedId":"%s","status":"active","dateLastModified":"%s","name":"School %s","type":"school",
                 "identifier":"S-%s","parent":{"sourcedId":"%s","type":"org","href":"https://sis/orgs/%s"}}""".formatted(id, modified, id, id, parent, parent));
    }

    public static AcademicSession term(String id, Instant modified) {
        return RosterJson.read(AcademicSession.class, """
                {"sourcedId":"%s","status":"active","dateLastModified":"%s","title":"Term %s","type":"term",
                 "startDate":"2025-01-01","endDate":"2025-06-30","schoolYear":"2025"}""".formatted(id, modified, id));
    }

    public static Course course(String id, String org, Instant modified) {
        return RosterJson.read(Course.class, """
                {"sourcedId":"%s","status":"active","dateLastModified":"%s","title":"Course %s","courseCode":"C-%s",
                 "org":{"sourcedId":"%s","type":"org"}}""".formatted(id, modified, id, id, org));
    }

    public static RosterClass rosterClass(String id, String course, String school, String term, Instant modified) {
        return RosterJson.read(RosterClass.class, """
                {"sourcedId":"%s","status":"active","dateLastModified":"%s","title":"Class %s","classType":"scheduled",
                 "course":{"sourcedId":"%s","type":"course"},"school":{"sourcedId":"%s","type":"org"},
                 "terms":[{"sourcedId":"%s","type":"academicSession"}]}""".formatted(id, modified, id, course, school, term));
    }

    public static User user(String id, String org, String email, Instant modified) {
        return user(id, org, email, "Given", modified);
    }

    public static User user(String id, String org, String email, String givenName, Instant modified) {
        return RosterJson.read(User.class, """
                {"sourcedId":"%s","status":"active","dateLastModified":"%s","enabledUser":"true",
                 "givenName":"%s","familyName":"Family %s","email":"%s",
                 "roles":[{"roleType":"primary","role":"student","org":{"sourcedId":"%s","type":"org"}}]}""".formatted(id, modified, givenName, id, email, org));
    }

    public static User deletedUser(String id, String org, Instant modified) {
        return RosterJson.read(User.class, """
                {"sourcedId":"%s","status":"tobedeleted","dateLastModified":"%s","enabledUser":"false",
                 "givenName":"Gone","familyName":"Gone",
                 "roles":[{"roleType":"primary","role":"student","org":{"sourcedId":"%s","type":"org"}}]}""".formatted(id, modified, org));
    }

    public static Enrollment enrollment(String id, String user, String rosterClass, String school, Instant modified) {
        return RosterJson.read(Enrollment.class, """
                {"sourcedId":"%s","status":"active","dateLastModified":"%s","role":"student",
                 "user":{"sourcedId":"%s","type":"user"},"class":{"sourcedId":"%s","type":"class"},
                 "school":{"sourcedId":"%s","type":"org"}}""".formatted(id, modified, user, rosterClass, school));
    }
}
