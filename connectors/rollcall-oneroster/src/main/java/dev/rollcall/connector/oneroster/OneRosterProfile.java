package dev.rollcall.connector.oneroster;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How one family of OneRoster servers behaves, as data (loaded by {@link OneRosterProfiles} from a
 * JSON resource). Every field can be overridden per integration through the connector's config.
 *
 * @param name the profile's name, e.g. {@code timeback}
 * @param description what servers it is for, for people
 * @param version {@code 1.1} or {@code 1.2}: 1.1 users carry one {@code role} instead of {@code
 *     roles[]}
 * @param environments base and token URLs by environment ({@code production}, {@code staging});
 *     empty for a standard that has no fixed host
 * @param auth how requests are authenticated
 * @param clientAuth where OAuth 2 client credentials go
 * @param scope the scopes to ask for (space-separated), or null for none
 * @param oauth1Method the OAuth 1.0a signature method, {@code HMAC-SHA256} or {@code HMAC-SHA1}
 * @param pathPrefix the rostering base path, e.g. {@code /ims/oneroster/rostering/v1p2}
 * @param trailingSlash whether collection paths end with {@code /} ({@code /users/}), as TimeBack
 *     writes them
 * @param paging where the server says how many records there are
 * @param totalField the body field holding the total when paging is in the body ({@code
 *     totalCount}, or {@code total} on TimeBack's platform)
 * @param defaultPageSize what the server hands out when no {@code limit} is given
 * @param maxPageSize the largest page the server is documented to hand out; Rollcall never asks for
 *     more
 * @param booleans how booleans are written ({@code "true"} strings per the binding, or JSON booleans)
 * @param maxFilterPredicates how many predicates a filter may hold
 * @param inListFilter whether the {@code @} (in-list) filter operator is supported
 * @param writes whether the server accepts writes (POST with a wrapper body, PUT, soft DELETE)
 * @param classRosterWrites whether enrollments are created through {@code POST
 *     classes/{id}/students|teachers}
 */
public record OneRosterProfile(
        String name,
        String description,
        String version,
        Map<String, Endpoints> environments,
        AuthKind auth,
        ClientAuth clientAuth,
        @Nullable String scope,
        String oauth1Method,
        String pathPrefix,
        boolean trailingSlash,
        Paging paging,
        String totalField,
        int defaultPageSize,
        int maxPageSize,
        BooleanStyle booleans,
        int maxFilterPredicates,
        boolean inListFilter,
        boolean writes,
        boolean classRosterWrites) {

    /**
     * Where one environment of the server lives.
     *
     * @param tokenUrl absolute, or a path resolved against {@code baseUrl} (e.g. {@code /auth/1.0/token})
     */
    public record Endpoints(
            @Nullable String baseUrl, @Nullable String tokenUrl) {}

    /** How requests are authenticated. */
    public enum AuthKind {
        OAUTH2,
        OAUTH1,
        NONE
    }

    /** Where OAuth 2 client credentials go. */
    public enum ClientAuth {
        BASIC,
        FORM
    }

    /** Where the server says how many records a collection holds. */
    public enum Paging {
        /** {@code X-Total-Count} and {@code Link} headers, as the 1EdTech binding says. */
        HEADERS,
        /** {@code totalCount}/{@code pageCount} in the body, as TimeBack does. */
        BODY
    }

    /** How booleans such as {@code enabledUser} are written. */
    public enum BooleanStyle {
        /** {@code "true"}/{@code "false"}, as the binding says. */
        STRING,
        /** JSON {@code true}/{@code false}, as TimeBack does. */
        JSON
    }

    public OneRosterProfile {
        Objects.requireNonNull(name, "name");
        environments = Map.copyOf(environments);
    }

    /** The endpoints of an environment, when the profile knows it. */
    public Optional<Endpoints> environment(String environment) {
        return Optional.ofNullable(environments.get(environment));
    }
}
