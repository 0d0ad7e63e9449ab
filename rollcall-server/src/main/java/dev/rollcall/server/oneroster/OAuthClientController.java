package dev.rollcall.server.oneroster;

import dev.rollcall.server.audit.AuditLog;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/oauth-clients}: the OAuth clients that may read the tenant's roster through the
 * OneRoster API. Creating and revoking need an admin token and are audited; the secret is in the
 * 201 answer and nowhere else, ever.
 */
@RestController
@RequestMapping("/api/v1/oauth-clients")
@Tag(name = "OAuth clients", description = "Client credentials for Rollcall's OneRoster 1.2 API")
public class OAuthClientController {

    /** What {@code POST} takes: a name and the OneRoster scopes (URIs or short names). */
    public record CreateRequest(
            @Nullable String name, @Nullable List<String> scopes) {}

    /** What {@code POST} answers: the client and, this once, its secret. */
    public record CreatedClient(
            UUID clientId, String clientSecret, String name, List<String> scopes, Instant createdAt, String tokenUrl) {}

    private final OAuthClients clients;
    private final AuditLog audit;
    private final Clock clock;

    public OAuthClientController(OAuthClients clients, AuditLog audit, Clock clock) {
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Create an OAuth client; the answer is the only place its secret is shown")
    public ResponseEntity<CreatedClient> create(Caller caller, @RequestBody CreateRequest request) {
        caller.requireAdmin();
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            errors.add(new ApiProblem.FieldError("name", "is required"));
        } else if (name.length() > 200) {
            errors.add(new ApiProblem.FieldError("name", "must be at most 200 characters"));
        }
        Set<OAuthScope> scopes = EnumSet.noneOf(OAuthScope.class);
        if (request.scopes() == null || request.scopes().isEmpty()) {
            errors.add(new ApiProblem.FieldError("scopes", "needs at least one of " + knownScopes()));
        } else {
            for (int i = 0; i < request.scopes().size(); i++) {
                String value = request.scopes().get(i);
                if (value == null || OAuthScope.parse(value).isEmpty()) {
                    errors.add(new ApiProblem.FieldError(
                            "scopes[" + i + "]",
                            "is not a OneRoster 1.2 rostering scope; use one of " + knownScopes()));
                } else {
                    scopes.add(OAuthScope.parse(value).orElseThrow());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The OAuth client is not valid", errors);
        }
        OAuthClients.Created created = clients.create(caller.tenantId(), name, scopes, caller.actor(), clock.instant());
        OAuthClients.Client client = created.client();
        audit.record(
                caller,
                "oauth-client.created",
                "oauth-client",
                client.clientId().toString(),
                null,
                Map.of("name", client.name(), "scopes", client.scopes()));
        return ResponseEntity.created(URI.create("/api/v1/oauth-clients/" + client.clientId()))
                .body(new CreatedClient(
                        client.clientId(),
                        created.clientSecret(),
                        client.name(),
                        client.scopes(),
                        client.createdAt(),
                        "/oauth2/token"));
    }

    @GetMapping
    @Operation(summary = "List the tenant's OAuth clients (revoked ones included, without secrets)")
    public List<OAuthClients.Client> list(Caller caller) {
        return clients.list(caller.tenantId());
    }

    @GetMapping("/{clientId}")
    public OAuthClients.Client get(Caller caller, @PathVariable UUID clientId) {
        return clients.get(caller.tenantId(), clientId)
                .orElseThrow(() -> ApiProblem.notFound("OAuth client", clientId.toString()));
    }

    @DeleteMapping("/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    @Operation(summary = "Revoke an OAuth client; its tokens stop working at once")
    public void revoke(Caller caller, @PathVariable UUID clientId) {
        caller.requireAdmin();
        OAuthClients.Client client = get(caller, clientId);
        if (clients.revoke(caller.tenantId(), clientId, clock.instant())) {
            audit.record(
                    caller,
                    "oauth-client.revoked",
                    "oauth-client",
                    clientId.toString(),
                    Map.of("name", client.name(), "scopes", client.scopes()),
                    null);
        }
    }

    private static List<String> knownScopes() {
        return java.util.Arrays.stream(OAuthScope.values()).map(OAuthScope::uri).toList();
    }
}
