package dev.rollcall.simulator.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How big the generated roster is. Every school of a scale has the same number of users and classes,
 * so that a record's position follows from its index by arithmetic alone.
 *
 * <table>
 *   <caption>Sizes</caption>
 *   <tr><th>scale</th><th>schools</th><th>users</th><th>classes</th><th>enrollments</th></tr>
 *   <tr><td>SMALL</td><td>1</td><td>300</td><td>30</td><td>1,380</td></tr>
 *   <tr><td>SCHOOL</td><td>1</td><td>1,500</td><td>100</td><td>7,100</td></tr>
 *   <tr><td>DISTRICT</td><td>20</td><td>20,000</td><td>2,000</td><td>200,000</td></tr>
 *   <tr><td>LARGE</td><td>50</td><td>100,000</td><td>5,000</td><td>1,000,000</td></tr>
 * </table>
 */
public enum Scale {
    SMALL(1, 268, 24, 4, 4, 30, 45),
    SCHOOL(1, 1_370, 100, 15, 15, 100, 70),
    DISTRICT(20, 910, 70, 10, 10, 100, 99),
    LARGE(50, 1_880, 80, 20, 20, 100, 199);

    private final int schools;
    private final int studentsPerSchool;
    private final int teachersPerSchool;
    private final int administratorsPerSchool;
    private final int guardiansPerSchool;
    private final int classesPerSchool;
    private final int studentsPerClass;

    Scale(
            int schools,
            int studentsPerSchool,
            int teachersPerSchool,
            int administratorsPerSchool,
            int guardiansPerSchool,
            int classesPerSchool,
            int studentsPerClass) {
        this.schools = schools;
        this.studentsPerSchool = studentsPerSchool;
        this.teachersPerSchool = teachersPerSchool;
        this.administratorsPerSchool = administratorsPerSchool;
        this.guardiansPerSchool = guardiansPerSchool;
        this.classesPerSchool = classesPerSchool;
        this.studentsPerClass = studentsPerClass;
    }

    /**
     * The scale named {@code s}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the valid values when {@code s} is none of them
     */
    public static Scale parse(String s) {
        String wanted = s == null ? "" : s.trim();
        for (Scale scale : values()) {
            if (scale.name().equalsIgnoreCase(wanted)) {
                return scale;
            }
        }
        throw new IllegalArgumentException("unknown scale '" + s + "'; valid scales are "
                + Arrays.stream(values())
                        .map(scale -> scale.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }

    int schools() {
        return schools;
    }

    int studentsPerSchool() {
        return studentsPerSchool;
    }

    int teachersPerSchool() {
        return teachersPerSchool;
    }

    int administratorsPerSchool() {
        return administratorsPerSchool;
    }

    int guardiansPerSchool() {
        return guardiansPerSchool;
    }

    int usersPerSchool() {
        return studentsPerSchool + teachersPerSchool + administratorsPerSchool + guardiansPerSchool;
    }

    int classesPerSchool() {
        return classesPerSchool;
    }

    /** Student enrollments per class; every class also has one teacher enrollment. */
    int studentsPerClass() {
        return studentsPerClass;
    }
}
