package dev.rollcall.server.integrations;

import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/integrations}: create, read, update, delete, list, enable, disable, versions. */
@RestController
@RequestMapping("/api/v1/integrations")
@Tag(name = "Integrations", description = "Connections to upstream roster systems and their configuration history")
public class IntegrationController {

    /** A page of integrations. */
    public record IntegrationPage(List<Integration> items, long total, int limit, int offset) {}

    private final IntegrationService integrations;

    public IntegrationController(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @PostMapping
    @Operation(summary = "Create an integration; the configuration is validated against the connector's spec")
    public ResponseEntity<Integration> create(Caller caller, @RequestBody IntegrationRequest request) {
        caller.requireWriter();
        Integration created = integrations.create(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/integrations/" + created.id()))
                .body(created);
    }

    @GetMapping
    @Operation(summary = "List the tenant's integrations")
    public IntegrationPage list(
            Caller caller,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw ApiProblem.invalid(
                    "Invalid paging",
                    List.of(new ApiProblem.FieldError(
                            "limit", "must be between 1 and 1000; offset must be 0 or more")));
        }
        return new IntegrationPage(integrations.list(caller, limit, offset), integrations.count(caller), limit, offset);
    }

    @GetMapping("/{id}")
    public Integration get(Caller caller, @PathVariable UUID id) {
        return integrations.get(caller, id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace the name and configuration; a secret sent as \"********\" keeps its value")
    public Integration update(Caller caller, @PathVariable UUID id, @RequestBody IntegrationRequest request) {
        caller.requireWriter();
        return integrations.update(caller, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        integrations.delete(caller, id);
    }

    @PostMapping("/{id}/enable")
    public Integration enable(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        return integrations.setEnabled(caller, id, true);
    }

    @PostMapping("/{id}/disable")
    public Integration disable(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        return integrations.setEnabled(caller, id, false);
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "The configuration versions, oldest first")
    public List<ConfigVersion.VersionView> versions(Caller caller, @PathVariable UUID id) {
        return integrations.versions(caller, id);
    }

    @GetMapping("/{id}/versions/{version}")
    public ConfigVersion.VersionView version(Caller caller, @PathVariable UUID id, @PathVariable int version) {
        return integrations.version(caller, id, version);
    }

    @GetMapping("/{id}/versions/diff")
    @Operation(summary = "What changed between two versions; secrets show only as changed")
    public ConfigDiff diff(Caller caller, @PathVariable UUID id, @RequestParam int from, @RequestParam int to) {
        return integrations.diff(caller, id, from, to);
    }

    @PostMapping("/{id}/versions/{version}/rollback")
    @Operation(summary = "Make a new version with the configuration of an earlier one")
    public Integration rollback(Caller caller, @PathVariable UUID id, @PathVariable int version) {
        caller.requireWriter();
        return integrations.rollback(caller, id, version);
    }
}
