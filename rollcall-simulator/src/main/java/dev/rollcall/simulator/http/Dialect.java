package dev.rollcall.simulator.http;

import java.util.Arrays;
import java.util.Locale;

/** How the simulator talks: which real servers it behaves like. */
public enum Dialect {
    /** The 1EdTech OneRoster 1.2 rostering binding as written: paging in headers, string booleans. */
    STANDARD("standard", "/ims/oneroster/rostering/v1p2", Integer.MAX_VALUE, false, false, Integer.MAX_VALUE),
    /** TimeBack: paging in the body, max limit 3,000, JSON booleans, the {@code @} in-list filter, two predicates. */
    TIMEBACK("timeback", "/ims/oneroster/rostering/v1p2", 3000, true, true, 2),
    /**
     * A OneRoster 1.1 provider: {@code /ims/oneroster/v1p1} paths, users with a single {@code role}
     * and {@code orgs} instead of {@code roles[]}, OAuth 1.0a signed requests.
     */
    ONEROSTER_1_1("oneroster-1.1", "/ims/oneroster/v1p1", Integer.MAX_VALUE, false, false, Integer.MAX_VALUE);

    private final String flag;
    private final String basePath;
    private final int maxLimit;
    private final boolean timebackStyle;
    private final boolean inListFilter;
    private final int maxPredicates;

    Dialect(
            String flag,
            String basePath,
            int maxLimit,
            boolean timebackStyle,
            boolean inListFilter,
            int maxPredicates) {
        this.flag = flag;
        this.basePath = basePath;
        this.maxLimit = maxLimit;
        this.timebackStyle = timebackStyle;
        this.inListFilter = inListFilter;
        this.maxPredicates = maxPredicates;
    }

    public String flag() {
        return flag;
    }

    public String basePath() {
        return basePath;
    }

    /** The largest page the server hands out, whatever {@code limit} asks. */
    public int maxLimit() {
        return maxLimit;
    }

    /** Paging in the body, JSON booleans, the flat imsx error object. */
    public boolean timebackStyle() {
        return timebackStyle;
    }

    /** TimeBack's POST/PUT/DELETE on the rostering collections. */
    public boolean writable() {
        return this == TIMEBACK;
    }

    /** OneRoster 1.1: 1.1 record shapes and OAuth 1.0a signed requests instead of bearer tokens. */
    public boolean oneRoster11() {
        return this == ONEROSTER_1_1;
    }

    public boolean inListFilter() {
        return inListFilter;
    }

    public int maxPredicates() {
        return maxPredicates;
    }

    public static Dialect parse(String value) {
        return Arrays.stream(values())
                .filter(dialect -> dialect.flag.equals(value.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--dialect must be one of "
                        + Arrays.stream(values()).map(Dialect::flag).toList() + ", but was '" + value + "'"));
    }
}
