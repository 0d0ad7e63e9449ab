package dev.rollcall.server.oneroster;

import java.util.Set;
import java.util.UUID;

/**
 * Who is reading the OneRoster API: the OAuth client behind the bearer token, its tenant and the
 * scopes the token was issued with. Every read is scoped by {@link #tenantId()}.
 */
public record OneRosterClient(UUID tenantId, UUID clientId, String name, Set<OAuthScope> scopes) {

    static final String REQUEST_ATTRIBUTE = OneRosterClient.class.getName();

    public OneRosterClient {
        scopes = Set.copyOf(scopes);
    }

    /** How the client appears in the audit log. */
    public String actor() {
        return "oauth-client:" + name + " (" + clientId + ")";
    }

    /** Whether the token's scopes let it read demographics ({@code demographics}) or the other collections. */
    public boolean mayRead(boolean demographics) {
        return scopes.stream().anyMatch(scope -> scope.covers(demographics));
    }
}
