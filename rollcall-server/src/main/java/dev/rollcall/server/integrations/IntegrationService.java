package dev.rollcall.server.integrations;

import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.config.ConfigSpec;
import dev.rollcall.connector.api.config.ConfigValidation;
import dev.rollcall.connector.api.config.Secret;
import dev.rollcall.engine.ConnectorCatalog;
import dev.rollcall.server.audit.AuditLog;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.ApiProblem.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and removes integrations. Every configuration change is validated against the
 * connector's spec (all problems in one answer), stored as a new version with its secrets encrypted,
 * and written to the audit log with secrets masked, in one transaction.
 */
@Service
public class IntegrationService {

    static final int MAX_NAME_LENGTH = 200;

    private final IntegrationStore store;
    private final IntegrationSecrets secrets;
    private final ConnectorCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    IntegrationService(
            IntegrationStore store, IntegrationSecrets secrets, ConnectorCatalog catalog, AuditLog audit, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Integration get(Caller caller, UUID id) {
        return view(existing(caller, id));
    }

    /**
     * The integration's current configuration with its secrets, validated, for opening a connector.
     * Not for API answers.
     *
     * @throws ApiProblem 404 when the tenant has no such integration
     */
    @Transactional(readOnly = true)
    public ResolvedIntegration resolve(UUID tenantId, UUID id) {
        IntegrationStore.Row row =
                store.find(tenantId, id).orElseThrow(() -> ApiProblem.notFound("Integration", id.toString()));
        Map<String, @Nullable Object> config = new LinkedHashMap<>(row.config());
        config.putAll(secrets.load(tenantId, id, row.version()));
        ConfigValidation validation = spec(row.connector()).validate(config);
        return new ResolvedIntegration(
                tenantId,
                id,
                row.name(),
                row.connector(),
                row.enabled(),
                row.version(),
                validation
                        .validConfig()
                        .orElseThrow(() -> new IllegalStateException("the stored configuration of integration " + id
                                + " version " + row.version() + " is no longer valid: " + validation.problems())));
    }

    @Transactional(readOnly = true)
    public List<Integration> list(Caller caller, int limit, int offset) {
        return store.list(caller.tenantId(), limit, offset).stream()
                .map(IntegrationService::view)
                .toList();
    }

    @Transactional(readOnly = true)
    public long count(Caller caller) {
        return store.count(caller.tenantId());
    }

    @Transactional
    public Integration create(Caller caller, IntegrationRequest request) {
        List<FieldError> problems = new ArrayList<>();
        String name = checkName(request.name(), problems);
        Optional<ConnectorFactory> factory = connector(request.connector(), problems);
        Map<String, @Nullable Object> config = request.config() == null ? Map.of() : request.config();
        factory.ifPresent(found -> validate(found.descriptor().configSpec(), config, problems));
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        if (store.nameTaken(caller.tenantId(), Objects.requireNonNull(name), new UUID(0, 0))) {
            throw nameTaken(name);
        }
        UUID id = UUID.randomUUID();
        ConfigSpec spec = factory.orElseThrow().descriptor().configSpec();
        store.insert(caller.tenantId(), id, Objects.requireNonNull(name), Objects.requireNonNull(request.connector()));
        ConfigVersion version = saveVersion(caller, id, 1, name, spec, config, "created");
        Integration created = view(store.find(caller.tenantId(), id).orElseThrow());
        audit.record(caller, "integration.created", "integration", id.toString(), null, version.view());
        return created;
    }

    @Transactional
    public Integration update(Caller caller, UUID id, IntegrationRequest request) {
        IntegrationStore.Row current = store.findForUpdate(caller.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Integration", id.toString()));
        List<FieldError> problems = new ArrayList<>();
        String name = checkName(request.name(), problems);
        if (request.connector() != null && !request.connector().equals(current.connector())) {
            problems.add(new FieldError(
                    "connector",
                    "cannot change (it is '" + current.connector() + "'); create a new integration instead"));
        }
        ConfigSpec spec = spec(current.connector());
        Map<String, String> storedSecrets = secrets.load(caller.tenantId(), id, current.version());
        Map<String, @Nullable Object> config =
                unmaskSecrets(request.config() == null ? Map.of() : request.config(), spec, storedSecrets, problems);
        validate(spec, config, problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        if (store.nameTaken(caller.tenantId(), Objects.requireNonNull(name), id)) {
            throw nameTaken(name);
        }
        Map<String, Object> plain = plainValues(spec, config);
        Map<String, String> secretValues = secretValues(spec, config);
        if (Objects.equals(name, current.name())
                && plain.equals(current.config())
                && secretValues.equals(storedSecrets)) {
            return view(current); // nothing changed: no new version
        }
        ConfigVersion before =
                store.version(caller.tenantId(), id, current.version()).orElseThrow();
        ConfigVersion after =
                saveVersion(caller, id, current.version() + 1, Objects.requireNonNull(name), spec, config, "updated");
        audit.record(caller, "integration.updated", "integration", id.toString(), before.view(), after.view());
        return view(store.find(caller.tenantId(), id).orElseThrow());
    }

    @Transactional
    public Integration setEnabled(Caller caller, UUID id, boolean enabled) {
        IntegrationStore.Row current = store.findForUpdate(caller.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Integration", id.toString()));
        if (current.enabled() != enabled) {
            store.setEnabled(caller.tenantId(), id, enabled);
            audit.record(
                    caller,
                    enabled ? "integration.enabled" : "integration.disabled",
                    "integration",
                    id.toString(),
                    Map.of("enabled", current.enabled()),
                    Map.of("enabled", enabled));
        }
        return view(store.find(caller.tenantId(), id).orElseThrow());
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        IntegrationStore.Row current = store.findForUpdate(caller.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Integration", id.toString()));
        store.markDeleted(caller.tenantId(), id);
        audit.record(caller, "integration.deleted", "integration", id.toString(), view(current), null);
    }

    @Transactional(readOnly = true)
    public List<ConfigVersion.VersionView> versions(Caller caller, UUID id) {
        existing(caller, id);
        return store.versions(caller.tenantId(), id).stream()
                .map(ConfigVersion::view)
                .toList();
    }

    @Transactional(readOnly = true)
    public ConfigVersion.VersionView version(Caller caller, UUID id, int version) {
        existing(caller, id);
        return storedVersion(caller, id, version).view();
    }

    /** The differences between two versions; a secret shows as changed without its values. */
    @Transactional(readOnly = true)
    public ConfigDiff diff(Caller caller, UUID id, int from, int to) {
        existing(caller, id);
        ConfigVersion before = storedVersion(caller, id, from);
        ConfigVersion after = storedVersion(caller, id, to);
        Map<String, String> secretsBefore = secrets.load(caller.tenantId(), id, from);
        Map<String, String> secretsAfter = secrets.load(caller.tenantId(), id, to);
        List<ConfigDiff.Change> changes = new ArrayList<>();
        if (!before.name().equals(after.name())) {
            changes.add(new ConfigDiff.Change("name", ConfigDiff.Kind.CHANGED, before.name(), after.name()));
        }
        Set<String> fields = new TreeSet<>();
        fields.addAll(before.config().keySet());
        fields.addAll(after.config().keySet());
        fields.addAll(secretsBefore.keySet());
        fields.addAll(secretsAfter.keySet());
        for (String field : fields) {
            boolean secret = secretsBefore.containsKey(field) || secretsAfter.containsKey(field);
            Object was = secret ? secretsBefore.get(field) : before.config().get(field);
            Object is = secret ? secretsAfter.get(field) : after.config().get(field);
            if (Objects.equals(was, is)) {
                continue;
            }
            ConfigDiff.Kind kind = was == null
                    ? ConfigDiff.Kind.ADDED
                    : is == null ? ConfigDiff.Kind.REMOVED : ConfigDiff.Kind.CHANGED;
            changes.add(new ConfigDiff.Change(
                    "config." + field,
                    kind,
                    was == null ? null : secret ? Secret.MASK : was,
                    is == null ? null : secret ? Secret.MASK : is));
        }
        return new ConfigDiff(from, to, changes);
    }

    /** Makes a new version whose configuration is that of {@code version}. */
    @Transactional
    public Integration rollback(Caller caller, UUID id, int version) {
        IntegrationStore.Row current = store.findForUpdate(caller.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Integration", id.toString()));
        ConfigVersion target = storedVersion(caller, id, version);
        ConfigSpec spec = spec(current.connector());
        Map<String, @Nullable Object> config = new LinkedHashMap<>(target.config());
        config.putAll(secrets.load(caller.tenantId(), id, version));
        List<FieldError> problems = new ArrayList<>();
        validate(spec, config, problems);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(
                    "Version " + version + " is no longer a valid configuration for connector '" + current.connector()
                            + "'",
                    problems);
        }
        if (store.nameTaken(caller.tenantId(), target.name(), id)) {
            throw nameTaken(target.name());
        }
        ConfigVersion before =
                store.version(caller.tenantId(), id, current.version()).orElseThrow();
        ConfigVersion after = saveVersion(
                caller, id, current.version() + 1, target.name(), spec, config, "rolled back to version " + version);
        audit.record(caller, "integration.rolled-back", "integration", id.toString(), before.view(), after.view());
        return view(store.find(caller.tenantId(), id).orElseThrow());
    }

    private ConfigVersion saveVersion(
            Caller caller,
            UUID id,
            int number,
            String name,
            ConfigSpec spec,
            Map<String, @Nullable Object> config,
            String change) {
        Map<String, String> secretValues = secretValues(spec, config);
        ConfigVersion version = new ConfigVersion(
                id,
                number,
                name,
                plainValues(spec, config),
                List.copyOf(new TreeSet<>(secretValues.keySet())),
                change,
                caller.actor(),
                clock.instant());
        store.insertVersion(caller.tenantId(), version);
        secrets.store(caller.tenantId(), id, number, secretValues);
        store.setCurrentVersion(caller.tenantId(), id, name, number);
        return version;
    }

    private IntegrationStore.Row existing(Caller caller, UUID id) {
        return store.find(caller.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("Integration", id.toString()));
    }

    private ConfigVersion storedVersion(Caller caller, UUID id, int version) {
        return store.version(caller.tenantId(), id, version)
                .orElseThrow(() -> ApiProblem.notFound("Version", version + " of integration " + id));
    }

    private ConfigSpec spec(String connector) {
        return catalog.find(connector)
                .map(factory -> factory.descriptor().configSpec())
                .orElseThrow(() -> new IllegalStateException(
                        "connector '" + connector + "' of a stored integration is not installed"));
    }

    private static @Nullable String checkName(@Nullable String name, List<FieldError> problems) {
        if (name == null || name.isBlank()) {
            problems.add(new FieldError("name", "is required"));
            return null;
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldError(
                    "name", "must be at most " + MAX_NAME_LENGTH + " characters, but was " + trimmed.length()));
            return null;
        }
        return trimmed;
    }

    private Optional<ConnectorFactory> connector(@Nullable String type, List<FieldError> problems) {
        if (type == null || type.isBlank()) {
            problems.add(new FieldError("connector", "is required; installed connectors are " + catalog.types()));
            return Optional.empty();
        }
        Optional<ConnectorFactory> factory = catalog.find(type);
        if (factory.isEmpty()) {
            problems.add(new FieldError(
                    "connector", "'" + type + "' is not an installed connector; installed are " + catalog.types()));
        }
        return factory;
    }

    private static void validate(ConfigSpec spec, Map<String, @Nullable Object> config, List<FieldError> problems) {
        ConfigValidation validation = spec.validate(config);
        validation
                .problems()
                .forEach(problem -> problems.add(new FieldError("config." + problem.field(), problem.reason())));
    }

    /** Replaces each secret sent back masked with its stored value. */
    private static Map<String, @Nullable Object> unmaskSecrets(
            Map<String, @Nullable Object> config,
            ConfigSpec spec,
            Map<String, String> stored,
            List<FieldError> problems) {
        Map<String, @Nullable Object> result = new LinkedHashMap<>(config);
        for (String field : spec.secretFields()) {
            if (Secret.MASK.equals(config.get(field))) {
                String value = stored.get(field);
                if (value == null) {
                    problems.add(
                            new FieldError("config." + field, "is masked, but no value is stored; send the secret"));
                    result.remove(field);
                } else {
                    result.put(field, value);
                }
            }
        }
        return result;
    }

    private static Map<String, Object> plainValues(ConfigSpec spec, Map<String, @Nullable Object> config) {
        Set<String> secretFields = new LinkedHashSet<>(spec.secretFields());
        Map<String, Object> plain = new LinkedHashMap<>();
        config.forEach((field, value) -> {
            if (value != null && !secretFields.contains(field)) {
                plain.put(field, value);
            }
        });
        return plain;
    }

    private static Map<String, String> secretValues(ConfigSpec spec, Map<String, @Nullable Object> config) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : spec.secretFields()) {
            if (config.get(field) instanceof String value && !value.isBlank()) {
                values.put(field, value);
            }
        }
        return values;
    }

    private static ApiProblem invalid(List<FieldError> problems) {
        return ApiProblem.invalid(
                "The integration has " + problems.size()
                        + (problems.size() == 1 ? " invalid field" : " invalid fields"),
                problems);
    }

    private static ApiProblem nameTaken(String name) {
        return ApiProblem.conflict(
                "An integration named '" + name + "' already exists",
                List.of(new FieldError("name", "is already used by another integration")));
    }

    static Integration view(IntegrationStore.Row row) {
        return new Integration(
                row.id(),
                row.name(),
                row.connector(),
                row.enabled(),
                row.version(),
                IntegrationSecrets.masked(row.config(), row.secretFields()),
                row.createdAt(),
                row.updatedAt());
    }
}
