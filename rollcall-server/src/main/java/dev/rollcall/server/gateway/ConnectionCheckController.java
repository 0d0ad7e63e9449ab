package dev.rollcall.server.gateway;

import dev.rollcall.connector.api.CheckResult;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.config.ConfigValidation;
import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.engine.ConnectorCatalog;
import dev.rollcall.gateway.IntegrationGateway;
import dev.rollcall.server.audit.AuditLog;
import dev.rollcall.server.connectors.ConnectorRuntime;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.ApiProblem.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connection doctor: opens the connector and answers its {@link CheckResult} (status and
 * findings, each failure with what to do about it). For a stored integration, or for a
 * configuration not saved yet (validated against the connector's spec first: a 400 lists every
 * field problem). Operators and admins only; each check uses the credentials and is audited as
 * {@code credentials.used}.
 */
@RestController
@Tag(name = "Connection doctor", description = "Test a connection and its credentials")
public class ConnectionCheckController {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCheckController.class);

    /** A configuration to check before it is saved. {@link #toString()} names its fields, never values. */
    public record CheckRequest(@Nullable Map<String, @Nullable Object> config) {
        @Override
        public String toString() {
            return "CheckRequest[config fields=" + (config == null ? "[]" : config.keySet()) + "]";
        }
    }

    private final ConnectorRuntime runtime;
    private final ConnectorCatalog catalog;
    private final IntegrationGateways gateways;
    private final AuditLog audit;

    ConnectionCheckController(
            ConnectorRuntime runtime, ConnectorCatalog catalog, IntegrationGateways gateways, AuditLog audit) {
        this.runtime = runtime;
        this.catalog = catalog;
        this.gateways = gateways;
        this.audit = audit;
    }

    @PostMapping("/api/v1/integrations/{id}/check")
    @Operation(summary = "Check a stored integration's connection and credentials")
    public CheckResult checkIntegration(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        CheckResult result;
        try (Connector connector = runtime.open(caller.tenantId(), id)) {
            result = check(connector);
        } catch (ConnectorException e) {
            result = cannotOpen(e);
        }
        audit.record(caller, "credentials.used", "integration", id.toString(), null, auditEntry(result));
        return result;
    }

    @PostMapping("/api/v1/connectors/{type}/check")
    @Operation(summary = "Check a configuration that is not saved yet; it is validated against the connector's spec")
    public CheckResult checkConfiguration(
            Caller caller, @PathVariable String type, @RequestBody(required = false) @Nullable CheckRequest request) {
        caller.requireWriter();
        ConnectorFactory factory = catalog.find(type).orElseThrow(() -> ApiProblem.notFound("Connector", type));
        Map<String, @Nullable Object> values =
                request == null || request.config() == null ? Map.of() : request.config();
        ConfigValidation validation = factory.descriptor().configSpec().validate(values);
        if (!validation.problems().isEmpty()) {
            List<FieldError> problems = validation.problems().stream()
                    .map(problem -> new FieldError("config." + problem.field(), problem.reason()))
                    .toList();
            throw ApiProblem.invalid(
                    "The configuration has " + problems.size()
                            + (problems.size() == 1 ? " invalid field" : " invalid fields"),
                    problems);
        }
        ConnectorConfig config = validation.validConfig().orElseThrow();
        String checkId = "check-" + UUID.randomUUID();
        CheckResult result;
        try (IntegrationGateway gateway =
                        gateways.transientGateway(caller.tenantId().toString(), checkId, config);
                Connector connector = runtime.open(caller.tenantId(), checkId, type, config, gateway)) {
            result = check(connector);
        } catch (ConnectorException e) {
            result = cannotOpen(e);
        }
        audit.record(caller, "credentials.used", "connector", type, null, auditEntry(result));
        return result;
    }

    private static CheckResult check(Connector connector) {
        try {
            return connector.check();
        } catch (RuntimeException e) {
            log.warn("the connector's check failed unexpectedly", e);
            return CheckResult.of(List.of(new CheckResult.Finding(
                    "connector",
                    CheckResult.Status.FAILED,
                    "the connector's check failed unexpectedly (" + e.getClass().getSimpleName()
                            + "); see the server log")));
        }
    }

    private static CheckResult cannotOpen(ConnectorException e) {
        return CheckResult.of(List.of(
                new CheckResult.Finding("connector", CheckResult.Status.FAILED, e.kind() + ": " + e.getMessage())));
    }

    private static Map<String, Object> auditEntry(CheckResult result) {
        return Map.of(
                "purpose",
                "connection check",
                "status",
                result.status().name(),
                "failed",
                result.findings().stream()
                        .filter(finding -> finding.status() == CheckResult.Status.FAILED)
                        .map(CheckResult.Finding::name)
                        .toList());
    }
}
