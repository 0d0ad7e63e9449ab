package dev.rollcall.server.security;

import dev.rollcall.server.web.ApiProblem;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * Who is calling: the API token's tenant, id, name and role. Every data access is scoped by {@link
 * #tenantId()}. A controller gets it as a method parameter.
 */
public record Caller(UUID tenantId, UUID tokenId, String name, Role role) {

    static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public enum Role {
        ADMIN,
        OPERATOR,
        VIEWER
    }

    /** How the caller appears in the audit log. */
    public String actor() {
        return "token:" + name + " (" + tokenId + ")";
    }

    /** Fails with 403 unless the caller may change things (admin or operator). */
    public void requireWriter() {
        if (role == Role.VIEWER) {
            throw new ApiProblem(
                    HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "A viewer token cannot change anything", List.of());
        }
    }

    /** Fails with 403 unless the caller is an admin. */
    public void requireAdmin() {
        if (role != Role.ADMIN) {
            throw new ApiProblem(
                    HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "This needs an admin token", List.of());
        }
    }
}
