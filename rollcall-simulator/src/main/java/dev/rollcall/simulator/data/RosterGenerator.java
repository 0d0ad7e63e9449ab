package dev.rollcall.simulator.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deterministic OneRoster 1.2 roster of any {@link Scale}. Every record is computed on demand from
 * (seed, scale, collection, index) alone: nothing is stored per record, the same inputs give
 * byte-identical JSON on every JVM, and records can be generated concurrently from any thread.
 *
 * <h2>Layout</h2>
 *
 * <ul>
 *   <li>{@code orgs}: index 0 is the district, then one org per school.
 *   <li>{@code academicSessions}: the school year, its two terms (fall, spring) and four grading
 *       periods (two per term).
 *   <li>{@code courses}: per school, four subjects for each grade it teaches, then a homeroom course.
 *   <li>{@code classes}: the same number per school; each grade has the school's next classes in
 *       order; the first class of the two lowest grades is a homeroom.
 *   <li>{@code users}: the same number per school: students (grade by grade), teachers,
 *       administrators, then guardians, each guardian the agent of one student.
 *   <li>{@code enrollments}: per class, its teacher, then a fixed number of students of the class's
 *       grade and school, all different.
 *   <li>{@code demographics}: one per student; its sourcedId is the student's.
 * </ul>
 *
 * <p>sourcedIds are a type prefix and the 1-based number of the record, zero-padded so that their
 * lexicographic order is the index order: {@code org-00001} is index 0 of {@code orgs}.
 */
public final class RosterGenerator {

    /** The collections, in the order a sync applies them. */
    public static final List<String> COLLECTIONS =
            List.of("orgs", "academicSessions", "courses", "classes", "users", "enrollments", "demographics");

    private static final int ORGS = 0;
    private static final int SESSIONS = 1;
    private static final int COURSES = 2;
    private static final int CLASSES = 3;
    private static final int USERS = 4;
    private static final int ENROLLMENTS = 5;
    private static final int DEMOGRAPHICS = 6;

    private static final String[] PREFIX = {"org-", "as-", "crs-", "cls-", "usr-", "enr-", "usr-"};
    private static final int[] WIDTH = {5, 4, 6, 6, 7, 8, 7};
    private static final String[] PATH = {
        "/orgs/", "/academicSessions/", "/courses/", "/classes/", "/users/", "/enrollments/", "/demographics/"
    };

    private static final int SUBJECTS = 4;
    private static final String[] SUBJECT_NAMES = {"English Language Arts", "Mathematics", "Science", "Social Studies"};
    private static final String[] SUBJECT_CODES = {"ELA", "MATH", "SCI", "SS"};
    private static final String[] GRADES = {"KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"
    };
    private static final String[] GRADE_TITLES = {"K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};
    private static final String[] COUNTRIES = {"MX", "IN", "CN", "PH", "VN", "SV", "CU", "KR", "NG", "CA"};

    private static final String[] FEMALE_KEYS = Names.keys(Names.FEMALE);
    private static final String[] MALE_KEYS = Names.keys(Names.MALE);
    private static final String[] FAMILY_KEYS = Names.keys(Names.FAMILY);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final long seed;
    private final Scale scale;
    private final Instant baseTime;
    private final String modified;

    private final int schools;
    private final int studentsPerSchool;
    private final int teachersPerSchool;
    private final int administratorsPerSchool;
    private final int guardiansPerSchool;
    private final int usersPerSchool;
    private final int classesPerSchool;
    private final int studentsPerClass;
    private final int enrollmentsPerClass;
    private final int guardianStride;

    private final int[] counts = new int[COLLECTIONS.size()];

    /** Per school: its lowest grade (0 = kindergarten), how many grades, its first course index. */
    private final int[] firstGrade;

    private final int[] gradeCount;
    private final int[] courseOffset;
    private final String[] schoolIds;
    private final String[] schoolNames;
    private final String[] schoolIdentifiers;

    private final String districtId;
    private final String districtName;
    private final String districtIdentifier;
    private final String emailDomain;

    private final int startYear;
    private final String[] sessionStart = new String[7];
    private final String[] sessionEnd = new String[7];

    public RosterGenerator(long seed, Scale scale, Instant baseTime) {
        this.seed = seed;
        this.scale = Objects.requireNonNull(scale, "scale");
        this.baseTime = Objects.requireNonNull(baseTime, "baseTime");
        this.modified = TIMESTAMP.format(baseTime);

        schools = scale.schools();
        studentsPerSchool = scale.studentsPerSchool();
        teachersPerSchool = scale.teachersPerSchool();
        administratorsPerSchool = scale.administratorsPerSchool();
        guardiansPerSchool = scale.guardiansPerSchool();
        usersPerSchool = scale.usersPerSchool();
        classesPerSchool = scale.classesPerSchool();
        studentsPerClass = scale.studentsPerClass();
        enrollmentsPerClass = 1 + studentsPerClass;
        guardianStride = guardiansPerSchool == 0 ? 0 : studentsPerSchool / guardiansPerSchool;

        SplittableRandom district = new SplittableRandom(mix(seed, 100, 0));
        String town = Names.TOWNS[district.nextInt(Names.TOWNS.length)];
        int schoolNameOffset = district.nextInt(Names.SCHOOLS.length);
        districtId = id(ORGS, 0);
        districtName = town + " Unified School District";
        districtIdentifier = "48" + digits(district.nextInt(100_000), 5);
        emailDomain = "@" + Names.key(town) + ".example.edu";

        firstGrade = new int[schools];
        gradeCount = new int[schools];
        courseOffset = new int[schools + 1];
        schoolIds = new String[schools];
        schoolNames = new String[schools];
        schoolIdentifiers = new String[schools];
        for (int s = 0; s < schools; s++) {
            int kind = schools == 1 ? 3 : s % 4; // 0, 1: elementary, 2: middle, 3: high
            String kindName;
            if (kind <= 1) {
                firstGrade[s] = 0;
                gradeCount[s] = 6;
                kindName = " Elementary School";
            } else if (kind == 2) {
                firstGrade[s] = 6;
                gradeCount[s] = 3;
                kindName = " Middle School";
            } else {
                firstGrade[s] = 9;
                gradeCount[s] = 4;
                kindName = " High School";
            }
            courseOffset[s + 1] = courseOffset[s] + gradeCount[s] * SUBJECTS + 1;
            schoolIds[s] = id(ORGS, s + 1);
            schoolNames[s] = Names.SCHOOLS[(schoolNameOffset + s) % Names.SCHOOLS.length] + kindName;
            schoolIdentifiers[s] = districtIdentifier + digits(s + 1, 5);
            if (studentsPerClass > studentsPerSchool / gradeCount[s]) {
                throw new IllegalStateException("a grade of " + scale + " has fewer students than a class");
            }
        }

        counts[ORGS] = 1 + schools;
        counts[SESSIONS] = 7;
        counts[COURSES] = courseOffset[schools];
        counts[CLASSES] = schools * classesPerSchool;
        counts[USERS] = schools * usersPerSchool;
        counts[ENROLLMENTS] = counts[CLASSES] * enrollmentsPerClass;
        counts[DEMOGRAPHICS] = schools * studentsPerSchool;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] >= POWERS[WIDTH[c]]) {
                throw new IllegalStateException(COLLECTIONS.get(c) + " do not fit their sourcedIds");
            }
        }

        ZonedDateTime base = baseTime.atZone(ZoneOffset.UTC);
        startYear = base.getMonthValue() >= 7 ? base.getYear() : base.getYear() - 1;
        int y = startYear;
        int n = y + 1;
        setSession(0, LocalDate.of(y, 8, 15), LocalDate.of(n, 6, 12));
        setSession(1, LocalDate.of(y, 8, 15), LocalDate.of(y, 12, 19));
        setSession(2, LocalDate.of(n, 1, 6), LocalDate.of(n, 6, 12));
        setSession(3, LocalDate.of(y, 8, 15), LocalDate.of(y, 10, 17));
        setSession(4, LocalDate.of(y, 10, 20), LocalDate.of(y, 12, 19));
        setSession(5, LocalDate.of(n, 1, 6), LocalDate.of(n, 3, 20));
        setSession(6, LocalDate.of(n, 3, 23), LocalDate.of(n, 6, 12));
    }

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private void setSession(int index, LocalDate start, LocalDate end) {
        sessionStart[index] = start.toString();
        sessionEnd[index] = end.toString();
    }

    public Scale scale() {
        return scale;
    }

    public long seed() {
        return seed;
    }

    public Instant baseTime() {
        return baseTime;
    }

    /**
     * How many records the collection has.
     *
     * @throws IllegalArgumentException when the collection is none of {@link #COLLECTIONS}
     */
    public int count(String collection) {
        return counts[ordinal(collection)];
    }

    /**
     * A new, mutable JSON object: record {@code index} of the collection in the OneRoster 1.2 binding.
     *
     * @throws IllegalArgumentException when the collection is none of {@link #COLLECTIONS}
     * @throws IndexOutOfBoundsException when the index is not below {@link #count(String)}
     */
    public ObjectNode record(String collection, int index) {
        int c = ordinal(collection);
        Objects.checkIndex(index, counts[c]);
        return switch (c) {
            case ORGS -> org(index);
            case SESSIONS -> session(index);
            case COURSES -> course(index);
            case CLASSES -> rosterClass(index);
            case USERS -> user(index);
            case ENROLLMENTS -> enrollment(index);
            default -> demographics(index);
        };
    }

    /**
     * The sourcedId of record {@code index} of the collection.
     *
     * @throws IllegalArgumentException when the collection is none of {@link #COLLECTIONS}
     * @throws IndexOutOfBoundsException when the index is not below {@link #count(String)}
     */
    public String sourcedId(String collection, int index) {
        int c = ordinal(collection);
        Objects.checkIndex(index, counts[c]);
        return c == DEMOGRAPHICS ? id(USERS, studentUser(index)) : id(c, index);
    }

    /**
     * The index of the record of the collection with this sourcedId, or empty when the collection has
     * no such record. Parses the id; takes constant time.
     *
     * @throws IllegalArgumentException when the collection is none of {@link #COLLECTIONS}
     */
    public OptionalInt indexOf(String collection, @Nullable String sourcedId) {
        int c = ordinal(collection);
        if (sourcedId == null) {
            return OptionalInt.empty();
        }
        String prefix = PREFIX[c];
        int width = WIDTH[c];
        if (sourcedId.length() != prefix.length() + width || !sourcedId.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        int number = 0;
        for (int i = prefix.length(); i < sourcedId.length(); i++) {
            char digit = sourcedId.charAt(i);
            if (digit < '0' || digit > '9') {
                return OptionalInt.empty();
            }
            number = number * 10 + (digit - '0');
        }
        int index = number - 1;
        if (c == DEMOGRAPHICS) {
            if (index < 0 || index >= counts[USERS] || index % usersPerSchool >= studentsPerSchool) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(index / usersPerSchool * studentsPerSchool + index % usersPerSchool);
        }
        return index >= 0 && index < counts[c] ? OptionalInt.of(index) : OptionalInt.empty();
    }

    private static int ordinal(String collection) {
        return switch (collection) {
            case "orgs" -> ORGS;
            case "academicSessions" -> SESSIONS;
            case "courses" -> COURSES;
            case "classes" -> CLASSES;
            case "users" -> USERS;
            case "enrollments" -> ENROLLMENTS;
            case "demographics" -> DEMOGRAPHICS;
            case null -> throw new IllegalArgumentException("collection must not be null; valid are " + COLLECTIONS);
            default ->
                throw new IllegalArgumentException("unknown collection '" + collection + "'; valid are " + COLLECTIONS);
        };
    }

    // ---------------------------------------------------------------- orgs

    private ObjectNode org(int index) {
        ObjectNode node = header(id(ORGS, index));
        if (index == 0) {
            node.put("name", districtName);
            node.put("type", "district");
            node.put("identifier", districtIdentifier);
            ArrayNode children = node.putArray("children");
            for (int s = 0; s < schools; s++) {
                children.add(ref(ORGS, schoolIds[s], "org"));
            }
        } else {
            int s = index - 1;
            node.put("name", schoolNames[s]);
            node.put("type", "school");
            node.put("identifier", schoolIdentifiers[s]);
            node.set("parent", ref(ORGS, districtId, "org"));
        }
        return node;
    }

    // ---------------------------------------------------------------- academic sessions

    private ObjectNode session(int index) {
        ObjectNode node = header(id(SESSIONS, index));
        String year = startYear + "-" + (startYear + 1);
        switch (index) {
            case 0 -> {
                node.put("title", year);
                node.put("type", "schoolYear");
            }
            case 1 -> {
                node.put("title", "Fall " + startYear);
                node.put("type", "term");
            }
            case 2 -> {
                node.put("title", "Spring " + (startYear + 1));
                node.put("type", "term");
            }
            default -> {
                node.put("title", "Quarter " + (index - 2) + " " + year);
                node.put("type", "gradingPeriod");
            }
        }
        node.put("startDate", sessionStart[index]);
        node.put("endDate", sessionEnd[index]);
        if (index == 1 || index == 2) {
            node.set("parent", ref(SESSIONS, id(SESSIONS, 0), "academicSession"));
        } else if (index >= 3) {
            node.set("parent", ref(SESSIONS, id(SESSIONS, index <= 4 ? 1 : 2), "term"));
        }
        if (index <= 2) {
            int first = index == 0 ? 1 : index == 1 ? 3 : 5;
            String type = index == 0 ? "term" : "gradingPeriod";
            node.putArray("children")
                    .add(ref(SESSIONS, id(SESSIONS, first), type))
                    .add(ref(SESSIONS, id(SESSIONS, first + 1), type));
        }
        node.put("schoolYear", Integer.toString(startYear + 1));
        node.set("org", ref(ORGS, districtId, "org"));
        return node;
    }

    // ---------------------------------------------------------------- courses

    private int schoolOfCourse(int course) {
        int low = 0;
        int high = schools - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (courseOffset[mid] <= course) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private ObjectNode course(int index) {
        int s = schoolOfCourse(index);
        int local = index - courseOffset[s];
        ObjectNode node = header(id(COURSES, index));
        if (local == gradeCount[s] * SUBJECTS) {
            node.put("title", "Homeroom");
            node.set("schoolYear", ref(SESSIONS, id(SESSIONS, 0), "academicSession"));
            node.put("courseCode", "HR");
            ArrayNode grades = node.putArray("grades");
            for (int q = 0; q < gradeCount[s]; q++) {
                grades.add(GRADES[firstGrade[s] + q]);
            }
            node.putArray("subjects").add("Homeroom");
        } else {
            int grade = firstGrade[s] + local / SUBJECTS;
            int subject = local % SUBJECTS;
            node.put("title", SUBJECT_NAMES[subject] + " " + GRADE_TITLES[grade]);
            node.set("schoolYear", ref(SESSIONS, id(SESSIONS, 0), "academicSession"));
            node.put("courseCode", SUBJECT_CODES[subject] + GRADES[grade]);
            node.putArray("grades").add(GRADES[grade]);
            node.putArray("subjects").add(SUBJECT_NAMES[subject]);
        }
        node.set("org", ref(ORGS, schoolIds[s], "org"));
        return node;
    }

    // ---------------------------------------------------------------- classes

    /** The first local class of grade {@code q} of a school with {@code grades} grades. */
    private int firstClassOfGrade(int q, int grades) {
        return (q * classesPerSchool + grades - 1) / grades;
    }

    private ObjectNode rosterClass(int index) {
        int s = index / classesPerSchool;
        int k = index % classesPerSchool;
        int g = gradeCount[s];
        int q = k * g / classesPerSchool;
        int m = k - firstClassOfGrade(q, g);
        int grade = firstGrade[s] + q;
        boolean homeroom = q < 2 && m == 0;
        ObjectNode node = header(id(CLASSES, index));
        String subjectName;
        String period;
        int course;
        if (homeroom) {
            node.put("title", "Homeroom " + GRADE_TITLES[grade]);
            node.put("classCode", "HR" + GRADES[grade]);
            node.put("classType", "homeroom");
            subjectName = "Homeroom";
            period = "HR";
            course = courseOffset[s] + g * SUBJECTS;
        } else {
            int mm = q < 2 ? m - 1 : m;
            int subject = mm % SUBJECTS;
            int section = mm / SUBJECTS + 1;
            node.put("title", SUBJECT_NAMES[subject] + " " + GRADE_TITLES[grade] + " - Section " + section);
            node.put("classCode", SUBJECT_CODES[subject] + GRADES[grade] + "-" + digits(section, 2));
            node.put("classType", "scheduled");
            subjectName = SUBJECT_NAMES[subject];
            period = Integer.toString(mm % 7 + 1);
            course = courseOffset[s] + q * SUBJECTS + subject;
        }
        node.put("location", "Room " + (100 + k));
        node.putArray("grades").add(GRADES[grade]);
        node.putArray("subjects").add(subjectName);
        node.set("course", ref(COURSES, id(COURSES, course), "course"));
        node.set("school", ref(ORGS, schoolIds[s], "org"));
        int terms = termsOfClass(index);
        ArrayNode termRefs = node.putArray("terms");
        if (terms != 1) {
            termRefs.add(ref(SESSIONS, id(SESSIONS, 1), "term"));
        }
        if (terms != 0) {
            termRefs.add(ref(SESSIONS, id(SESSIONS, 2), "term"));
        }
        node.putArray("periods").add(period);
        return node;
    }

    /** 0: the fall term, 1: the spring term, 2: both. */
    private int termsOfClass(int index) {
        int s = index / classesPerSchool;
        int k = index % classesPerSchool;
        int g = gradeCount[s];
        int q = k * g / classesPerSchool;
        int m = k - firstClassOfGrade(q, g);
        if (q < 2) {
            if (m == 0) {
                return 2;
            }
            m--;
        }
        return (m / SUBJECTS + q) % 3;
    }

    // ---------------------------------------------------------------- users

    private record Person(boolean female, int given, int family, int middle) {}

    private Person person(int user) {
        SplittableRandom random = new SplittableRandom(mix(seed, USERS, user));
        boolean female = random.nextBoolean();
        int given = random.nextInt(female ? Names.FEMALE.length : Names.MALE.length);
        int family = random.nextInt(Names.FAMILY.length);
        int middle = random.nextInt(100) < 60 ? random.nextInt(female ? Names.FEMALE.length : Names.MALE.length) : -1;
        return new Person(female, given, family, middle);
    }

    private ObjectNode user(int index) {
        int s = index / usersPerSchool;
        int u = index % usersPerSchool;
        int teachersFrom = studentsPerSchool;
        int administratorsFrom = teachersFrom + teachersPerSchool;
        int guardiansFrom = administratorsFrom + administratorsPerSchool;
        Person person = person(index);
        SplittableRandom random = new SplittableRandom(mix(seed, USERS + 16, index));
        int family = person.family;
        int agent = -1;
        if (u >= guardiansFrom) {
            agent = s * usersPerSchool + (u - guardiansFrom) * guardianStride;
            family = person(agent).family;
        } else if (u < teachersFrom
                && guardianStride > 0
                && u % guardianStride == 0
                && u / guardianStride < guardiansPerSchool) {
            agent = s * usersPerSchool + guardiansFrom + u / guardianStride;
        }
        String[] givenNames = person.female ? Names.FEMALE : Names.MALE;
        String givenName = givenNames[person.given];
        String givenKey = (person.female ? FEMALE_KEYS : MALE_KEYS)[person.given];
        String number = Integer.toString(index + 1);
        String username = givenKey + "." + FAMILY_KEYS[family] + number;
        String identifier = (u < teachersFrom ? "S" : u < guardiansFrom ? "E" : "G") + digits(index + 1, 7);

        ObjectNode node = header(id(USERS, index));
        node.put("enabledUser", random.nextInt(100) < 2 ? "false" : "true");
        node.put("username", username);
        node.putArray("userIds")
                .add(NODES.objectNode().put("type", "LDAP").put("identifier", username))
                .add(NODES.objectNode().put("type", "SIS").put("identifier", identifier));
        node.put("givenName", givenName);
        node.put("familyName", Names.FAMILY[family]);
        if (person.middle >= 0) {
            node.put("middleName", givenNames[person.middle]);
        }
        String nickname = (person.female ? Names.FEMALE_NICK : Names.MALE_NICK)[person.given];
        if (random.nextInt(100) < 40 && nickname != null) {
            node.put("preferredFirstName", nickname);
        }
        ArrayNode roles = node.putArray("roles");
        ObjectNode school = ref(ORGS, schoolIds[s], "org");
        if (u < teachersFrom) {
            roles.add(role("primary", "student", school));
        } else if (u < administratorsFrom) {
            int teacher = u - teachersFrom;
            roles.add(role("primary", "teacher", school));
            if (teacher % 10 == 3) {
                roles.add(role("secondary", "proctor", ref(ORGS, schoolIds[s], "org")));
            } else if (teacher % 10 == 7) {
                // OneRoster: exactly one primary role per org, so a district role is primary there.
                roles.add(role("primary", "teacher", ref(ORGS, districtId, "org")));
            }
        } else if (u < guardiansFrom) {
            roles.add(role("primary", "siteAdministrator", school));
            if (s == 0 && u == administratorsFrom) {
                roles.add(role("primary", "districtAdministrator", ref(ORGS, districtId, "org")));
            }
        } else {
            roles.add(role("primary", "guardian", school));
        }
        node.set("primaryOrg", ref(ORGS, schoolIds[s], "org"));
        node.put("identifier", identifier);
        node.put("userMasterIdentifier", masterIdentifier(index));
        node.put("email", username + emailDomain);
        if (agent >= 0) {
            node.putArray("agents").add(ref(USERS, id(USERS, agent), "user"));
        }
        if (u < teachersFrom) {
            node.putArray("grades").add(GRADES[firstGrade[s] + u * gradeCount[s] / studentsPerSchool]);
        }
        if (u >= guardiansFrom) {
            String phone = "555-01" + digits(random.nextInt(100), 2);
            node.put("phone", phone);
            node.put("sms", phone);
        }
        return node;
    }

    private static ObjectNode role(String roleType, String role, ObjectNode org) {
        ObjectNode node = NODES.objectNode();
        node.put("roleType", roleType);
        node.put("role", role);
        node.set("org", org);
        return node;
    }

    private String masterIdentifier(int user) {
        SplittableRandom random = new SplittableRandom(mix(seed, USERS + 32, user));
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    // ---------------------------------------------------------------- enrollments

    private ObjectNode enrollment(int index) {
        int classIndex = index / enrollmentsPerClass;
        int slot = index % enrollmentsPerClass;
        int s = classIndex / classesPerSchool;
        int k = classIndex % classesPerSchool;
        int user;
        if (slot == 0) {
            user = s * usersPerSchool + studentsPerSchool + k % teachersPerSchool;
        } else {
            int g = gradeCount[s];
            int q = k * g / classesPerSchool;
            int m = k - firstClassOfGrade(q, g);
            int low = (q * studentsPerSchool + g - 1) / g;
            int high = ((q + 1) * studentsPerSchool + g - 1) / g;
            int size = high - low;
            int student = low + (int) (((long) m * studentsPerClass + slot - 1) % size);
            user = s * usersPerSchool + student;
        }
        ObjectNode node = header(id(ENROLLMENTS, index));
        node.set("user", ref(USERS, id(USERS, user), "user"));
        node.set("class", ref(CLASSES, id(CLASSES, classIndex), "class"));
        node.set("school", ref(ORGS, schoolIds[s], "org"));
        node.put("role", slot == 0 ? "teacher" : "student");
        node.put("primary", slot == 0 ? "true" : "false");
        int terms = termsOfClass(classIndex);
        node.put("beginDate", sessionStart[terms == 1 ? 2 : 1]);
        node.put("endDate", sessionEnd[terms == 0 ? 1 : 2]);
        return node;
    }

    // ---------------------------------------------------------------- demographics

    private int studentUser(int demographics) {
        return demographics / studentsPerSchool * usersPerSchool + demographics % studentsPerSchool;
    }

    private ObjectNode demographics(int index) {
        int s = index / studentsPerSchool;
        int student = index % studentsPerSchool;
        int user = studentUser(index);
        Person person = person(user);
        SplittableRandom random = new SplittableRandom(mix(seed, DEMOGRAPHICS, index));
        int grade = firstGrade[s] + student * gradeCount[s] / studentsPerSchool;
        // Five on the first of September of the kindergarten year.
        LocalDate born = LocalDate.of(startYear - grade - 6, 9, 2).plusDays(random.nextInt(365));
        int race = random.nextInt(100);
        boolean hispanic = random.nextInt(100) < 27;
        int abroad = random.nextInt(100);

        ObjectNode node = header(id(USERS, user));
        node.put("birthDate", born.toString());
        node.put("sex", random.nextInt(200) == 0 ? "unspecified" : person.female ? "female" : "male");
        node.put("americanIndianOrAlaskaNative", flag(race < 1));
        node.put("asian", flag(race >= 1 && race < 7));
        node.put("blackOrAfricanAmerican", flag(race >= 7 && race < 22));
        node.put("nativeHawaiianOrOtherPacificIslander", flag(race == 22));
        node.put("white", flag(race >= 27));
        node.put("demographicRaceTwoOrMoreRaces", flag(race >= 23 && race < 27));
        node.put("hispanicOrLatinoEthnicity", flag(hispanic));
        node.put("countryOfBirthCode", abroad < 92 ? "US" : COUNTRIES[abroad % COUNTRIES.length]);
        return node;
    }

    private static String flag(boolean value) {
        return value ? "true" : "false";
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode header(String sourcedId) {
        ObjectNode node = NODES.objectNode();
        node.put("sourcedId", sourcedId);
        node.put("status", "active");
        node.put("dateLastModified", modified);
        return node;
    }

    private static ObjectNode ref(int collection, String sourcedId, String type) {
        ObjectNode node = NODES.objectNode();
        node.put("href", PATH[collection] + sourcedId);
        node.put("sourcedId", sourcedId);
        node.put("type", type);
        return node;
    }

    /** The sourcedId of record {@code index} of a collection other than demographics. */
    private static String id(int collection, int index) {
        String prefix = PREFIX[collection];
        int length = prefix.length();
        char[] chars = new char[length + WIDTH[collection]];
        prefix.getChars(0, length, chars, 0);
        int number = index + 1;
        for (int i = chars.length - 1; i >= length; i--) {
            chars[i] = (char) ('0' + number % 10);
            number /= 10;
        }
        return new String(chars);
    }

    private static String digits(int value, int width) {
        char[] chars = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            chars[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new String(chars);
    }

    /** A well-spread 64-bit seed for one record's random stream. */
    static long mix(long seed, int stream, long index) {
        long z = stafford(seed + 0x9E37_79B9_7F4A_7C15L * (stream + 1));
        return stafford(z ^ (index * 0xBF58_476D_1CE4_E5B9L + 0x632B_E59B_D9B4_E019L));
    }

    private static long stafford(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
