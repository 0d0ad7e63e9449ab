package dev.rollcall.connector.oneroster.contract;

import dev.rollcall.connector.api.ConnectorContext;
import dev.rollcall.connector.api.json.CanonicalJson;
import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.testkit.ContractFixture;
import dev.rollcall.connector.testkit.ExpectedDataset;
import dev.rollcall.gateway.GatewaySettings;
import dev.rollcall.gateway.Gateways;
import dev.rollcall.gateway.IntegrationGateway;
import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.http.Dialect;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator, started in-process on a free port, reached over real HTTP through the real
 * gateway (test settings: short backoffs). Faults, when given, are set through the simulator's
 * admin API after start, as an operator would.
 */
final class SimulatorFixture implements ContractFixture {

    private static final HttpClient ADMIN = HttpClient.newHttpClient();

    private final Simulator simulator;
    private final IntegrationGateway gateway;
    private final ConnectorContext context;
    private final String profile;
    private final List<EntityType> streams;
    private final Map<String, Object> overrides;

    /**
     * @param faults the body of {@code PUT /admin/faults}, or null for none
     * @param overrides config fields added to the working configuration (e.g. a short read timeout)
     */
    SimulatorFixture(
            Dialect dialect, String profile, List<EntityType> streams, String faults, Map<String, Object> overrides) {
        this.simulator =
                Simulator.start(Simulator.Options.defaults().withPort(0).withDialect(dialect));
        this.gateway = Gateways.builder()
                .integration("contract")
                .settings(Gateways.testSettings()
                        .withRetry(new GatewaySettings.Retry(
                                8,
                                Duration.ofMillis(5),
                                Duration.ofMillis(50),
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(30))))
                .build();
        this.context = ConnectorContext.of("tenant-1", "contract", Clock.systemUTC(), gateway);
        this.profile = profile;
        this.streams = List.copyOf(streams);
        this.overrides = Map.copyOf(overrides);
        if (faults != null) {
            admin("PUT", "/admin/faults", faults);
        }
    }

    Simulator simulator() {
        return simulator;
    }

    @Override
    public ConnectorContext context() {
        return context;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("profile", profile);
        config.put("baseUrl", simulator.baseUrl().toString());
        if (!profile.equals("oneroster-1.1")) {
            config.put("tokenUrl", "/oauth2/token");
        }
        config.put("clientId", "demo");
        config.put("clientSecret", "demo-secret");
        config.put("streams", streams.stream().map(EntityType::collection).toList());
        config.putAll(overrides);
        return config;
    }

    @Override
    public Map<String, Object> configWithBadCredentials() {
        Map<String, Object> config = config();
        config.put("clientSecret", "not-the-secret");
        return config;
    }

    @Override
    public InvalidConfig invalidConfig() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("profile", "oneroster-1.2");
        raw.put("baseUrl", "ftp://example.org");
        raw.put("pageSize", 0);
        raw.put("pathPrefix", "no-slash");
        raw.put("parallelPages", 99);
        raw.put("color", "blue");
        return new InvalidConfig(
                raw, Set.of("baseUrl", "pageSize", "pathPrefix", "parallelPages", "color", "clientId", "clientSecret"));
    }

    @Override
    public ExpectedDataset expected() {
        Map<String, Map<String, Checksum>> expected = new LinkedHashMap<>();
        for (EntityType type : streams) {
            Map<String, Checksum> records = new LinkedHashMap<>();
            simulator
                    .roster()
                    .forEach(
                            type.collection(),
                            record -> records.put(
                                    record.path("sourcedId").asString(),
                                    CanonicalJson.checksum(RosterJson.read(type, record))));
            expected.put(type.collection(), records);
        }
        return new ExpectedDataset(expected);
    }

    @Override
    public Optional<Changes> change() {
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Set<String>> changed = new LinkedHashMap<>();
        Map<String, Set<String>> deleted = new LinkedHashMap<>();
        for (EntityType type : streams) {
            String collection = type.collection();
            Set<String> ids = new HashSet<>(simulator.roster().update(collection, 3));
            List<String> softDeleted = simulator.roster().softDelete(collection, 2);
            ids.addAll(softDeleted);
            ids.addAll(simulator.roster().add(collection, 1));
            changed.put(collection, ids);
            deleted.put(collection, Set.copyOf(softDeleted));
        }
        return Optional.of(new Changes(since, changed, deleted));
    }

    @Override
    public Optional<String> injectBadRecord(String stream) {
        EntityType type = EntityType.fromCollection(stream).orElseThrow();
        ObjectNode record = simulator.roster().at(stream, 0).deepCopy();
        String id = "zz-contract-bad-" + stream;
        record.put("sourcedId", id);
        switch (type) {
            case ORG -> record.remove("name");
            case ACADEMIC_SESSION, COURSE, CLASS -> record.remove("title");
            case USER -> record.putArray("roles");
            case ENROLLMENT -> record.remove("user");
            case DEMOGRAPHICS -> record.put("sex", "not-a-sex");
        }
        simulator.roster().put(stream, record);
        return Optional.of(id);
    }

    /** How many rostering requests the simulator has answered (or left hanging) so far. */
    long requestsServed() {
        return RosterJson.mapper()
                .readTree(admin("GET", "/admin/stats", ""))
                .path("requests")
                .asLong();
    }

    private String admin(String method, String path, String json) {
        try {
            HttpResponse<String> response = ADMIN.send(
                    HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                            .method(
                                    method,
                                    json.isEmpty()
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(json))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        simulator.close();
        gateway.close();
    }
}
