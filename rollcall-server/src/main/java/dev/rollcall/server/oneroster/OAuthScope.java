package dev.rollcall.server.oneroster;

import java.util.Arrays;
import java.util.Optional;

/**
 * The OneRoster 1.2 rostering scopes. {@link #ROSTER} covers every endpoint; {@link #ROSTER_CORE}
 * every endpoint but demographics; {@link #ROSTER_DEMOGRAPHICS} only demographics. Both the full
 * 1EdTech URI and the short name are accepted; the URI is what is stored and issued.
 */
public enum OAuthScope {
    ROSTER("roster.readonly"),
    ROSTER_CORE("roster-core.readonly"),
    ROSTER_DEMOGRAPHICS("roster-demographics.readonly");

    /** The prefix of every OneRoster 1.2 scope URI. */
    public static final String PREFIX = "https://purl.imsglobal.org/spec/or/v1p2/scope/";

    private final String shortName;

    OAuthScope(String shortName) {
        this.shortName = shortName;
    }

    public String shortName() {
        return shortName;
    }

    /** The full 1EdTech scope URI. */
    public String uri() {
        return PREFIX + shortName;
    }

    /** The scope named by {@code value}, its URI or its short name; empty when it is neither. */
    public static Optional<OAuthScope> parse(String value) {
        String name = value.strip();
        String shortName = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        return Arrays.stream(values())
                .filter(scope -> scope.shortName.equals(shortName))
                .findFirst();
    }

    /** Whether a token with this scope may read demographics ({@code demographics}) or the rest. */
    public boolean covers(boolean demographics) {
        return this == ROSTER || (demographics ? this == ROSTER_DEMOGRAPHICS : this == ROSTER_CORE);
    }
}
