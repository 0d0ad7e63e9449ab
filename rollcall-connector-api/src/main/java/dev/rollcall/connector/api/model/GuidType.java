package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/** The type named by a GUID reference (OneRoster 1.2 `GUIDTypeEnum`), extensible with `ext:`. */
public record GuidType(@JsonValue String value) implements Vocabulary {

    public static final GuidType ACADEMIC_SESSION = new GuidType("academicSession");
    public static final GuidType CATEGORY = new GuidType("category");
    public static final GuidType CLASS = new GuidType("class");
    public static final GuidType COURSE = new GuidType("course");
    public static final GuidType DEMOGRAPHICS = new GuidType("demographics");
    public static final GuidType ENROLLMENT = new GuidType("enrollment");
    public static final GuidType GRADING_PERIOD = new GuidType("gradingPeriod");
    public static final GuidType LINE_ITEM = new GuidType("lineItem");
    public static final GuidType ORG = new GuidType("org");
    public static final GuidType RESOURCE = new GuidType("resource");
    public static final GuidType RESULT = new GuidType("result");
    public static final GuidType SCORE_SCALE = new GuidType("scoreScale");
    public static final GuidType STUDENT = new GuidType("student");
    public static final GuidType TEACHER = new GuidType("teacher");
    public static final GuidType TERM = new GuidType("term");
    public static final GuidType USER = new GuidType("user");
    public static final GuidType USER_PROFILE = new GuidType("userProfile");
    public static final GuidType SCHOOL = new GuidType("school");
    public static final GuidType DISTRICT = new GuidType("district");

    private static final Set<String> KNOWN = Set.of(
            "academicSession",
            "category",
            "class",
            "course",
            "demographics",
            "enrollment",
            "gradingPeriod",
            "lineItem",
            "org",
            "resource",
            "result",
            "scoreScale",
            "student",
            "teacher",
            "term",
            "user",
            "userProfile",
            "school",
            "district");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public GuidType {
        Vocabulary.requireValue("GuidType", value);
    }

    public static GuidType of(String value) {
        return new GuidType(value);
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
