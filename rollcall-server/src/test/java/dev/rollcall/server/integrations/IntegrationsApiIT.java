package dev.rollcall.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The integrations API over real HTTP against the real server and its embedded PostgreSQL. */
@ExtendWith(OutputCaptureExtension.class)
class IntegrationsApiIT extends ServerTestSupport {

    private static final String API_KEY = "sk_live_SECRET_a1b2c3d4e5f6";
    private static final String ROTATED_KEY = "sk_live_ROTATED_z9y8x7w6";

    @Autowired
    JdbcClient jdbc;

    private final List<Api.Response> responses = new ArrayList<>();

    private Api.Response record(Api.Response response) {
        responses.add(response);
        return response;
    }

    private static Map<String, Object> validConfig(String apiKey) {
        Map<String, Object> config = new LinkedHashMap<>();
        // The secret first: Spring MVC's debug log of a request body is cut at 100 characters.
        config.put("apiKey", apiKey);
        config.put("baseUrl", "https://sis.example.org/ims/oneroster/rostering/v1p2");
        config.put("pageSize", 500);
        return config;
    }

    private static Map<String, Object> body(String name, Map<String, Object> config) {
        return Map.of("name", name, "connector", "test", "config", config);
    }

    private JsonNode create(String name) {
        Api.Response created = record(api().post("/api/v1/integrations", body(name, validConfig(API_KEY))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json();
    }

    @Test
    void createReadUpdateDelete() {
        JsonNode created = create("Springfield SIS " + UUID.randomUUID());
        String id = created.path("id").asString();
        assertThat(created.path("connector").asString()).isEqualTo("test");
        assertThat(created.path("enabled").asBoolean()).isTrue();
        assertThat(created.path("version").asInt()).isEqualTo(1);
        assertThat(created.path("config").path("apiKey").asString()).isEqualTo("********");
        assertThat(created.path("config").path("pageSize").asInt()).isEqualTo(500);

        Api.Response read = record(api().get("/api/v1/integrations/" + id));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("name").asString())
                .isEqualTo(created.path("name").asString());

        Api.Response list = record(api().get("/api/v1/integrations"));
        assertThat(list.json().path("items").findValuesAsString("id")).contains(id);

        // Send back what was read (secret masked) with one change: the secret keeps its value.
        Map<String, Object> config = validConfig("********");
        config.put("pageSize", 1000);
        Api.Response updated = record(api().put("/api/v1/integrations/" + id, body("Renamed " + id, config)));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().path("version").asInt()).isEqualTo(2);
        assertThat(updated.json().path("config").path("pageSize").asInt()).isEqualTo(1000);

        Api.Response diff = record(api().get("/api/v1/integrations/" + id + "/versions/diff?from=1&to=2"));
        assertThat(diff.json().path("changes").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "config.pageSize");

        // The same body again changes nothing and makes no version.
        Api.Response unchanged = record(api().put("/api/v1/integrations/" + id, body("Renamed " + id, config)));
        assertThat(unchanged.json().path("version").asInt()).isEqualTo(2);

        // A new secret is a change, shown masked in the diff.
        Api.Response rotated =
                record(api().put("/api/v1/integrations/" + id, body("Renamed " + id, validConfig(ROTATED_KEY))));
        assertThat(rotated.json().path("version").asInt()).isEqualTo(3);
        Api.Response secretDiff = record(api().get("/api/v1/integrations/" + id + "/versions/diff?from=2&to=3"));
        JsonNode secretChange = findChange(secretDiff.json(), "config.apiKey");
        assertThat(secretChange.path("kind").asString()).isEqualTo("CHANGED");
        assertThat(secretChange.path("before").asString()).isEqualTo("********");
        assertThat(secretChange.path("after").asString()).isEqualTo("********");

        Api.Response versions = record(api().get("/api/v1/integrations/" + id + "/versions"));
        assertThat(versions.json().findValuesAsString("change")).containsExactly("created", "updated", "updated");

        // Roll back to version 1: a new version 4 with version 1's name and configuration.
        Api.Response rolledBack = record(api().post("/api/v1/integrations/" + id + "/versions/1/rollback", null));
        assertThat(rolledBack.status()).as(rolledBack.text()).isEqualTo(200);
        assertThat(rolledBack.json().path("version").asInt()).isEqualTo(4);
        assertThat(rolledBack.json().path("name").asString())
                .isEqualTo(created.path("name").asString());
        assertThat(rolledBack.json().path("config").path("pageSize").asInt()).isEqualTo(500);
        Api.Response noDiff = record(api().get("/api/v1/integrations/" + id + "/versions/diff?from=1&to=4"));
        assertThat(noDiff.json().path("changes")).isEmpty();

        Api.Response disabled = record(api().post("/api/v1/integrations/" + id + "/disable", null));
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        Api.Response enabled = record(api().post("/api/v1/integrations/" + id + "/enable", null));
        assertThat(enabled.json().path("enabled").asBoolean()).isTrue();

        assertThat(record(api().delete("/api/v1/integrations/" + id)).status()).isEqualTo(204);
        Api.Response gone = record(api().get("/api/v1/integrations/" + id));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");

        Api.Response audit = record(api().get("/api/v1/audit?targetType=integration&targetId=" + id));
        assertThat(audit.json().findValuesAsString("action"))
                .containsExactly(
                        "integration.deleted",
                        "integration.enabled",
                        "integration.disabled",
                        "integration.rolled-back",
                        "integration.updated",
                        "integration.updated",
                        "integration.created");
        assertThat(audit.json().get(0).path("actor").asString()).contains("bootstrap-admin");
    }

    @Test
    void badConfigGetsOne400NamingEveryBadField() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("baseUrl", "ftp://not-http");
        config.put("apiKey", 12345);
        config.put("pageSize", 5000);
        config.put("auth", "oauth2");
        config.put("timeout", "soon");
        config.put("colour", "blue");
        Api.Response response =
                record(api().post("/api/v1/integrations", Map.of("name", " ", "connector", "test", "config", config)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Map<String, String> errors = errors(response.json());
        assertThat(errors)
                .containsOnlyKeys(
                        "name",
                        "config.baseUrl",
                        "config.apiKey",
                        "config.pageSize",
                        "config.timeout",
                        "config.colour",
                        "config.tokenUrl");
        assertThat(errors.get("name")).isEqualTo("is required");
        assertThat(errors.get("config.pageSize")).isEqualTo("must be between 1 and 3000, but was 5000");
        assertThat(errors.get("config.baseUrl")).contains("http or https");
        assertThat(errors.get("config.tokenUrl")).isEqualTo("is required when auth is oauth2");
        assertThat(response.json().path("detail").asString()).isEqualTo("The integration has 7 invalid fields");

        Api.Response missing = record(api().post("/api/v1/integrations", Map.of("name", "x")));
        assertThat(errors(missing.json())).containsOnlyKeys("connector");

        Api.Response unknown = record(
                api().post("/api/v1/integrations", Map.of("name", "x", "connector", "nope", "config", Map.of())));
        assertThat(errors(unknown.json()).get("connector")).contains("'nope' is not an installed connector");
    }

    @Test
    void namesAreUniquePerTenantUntilDeleted() {
        String name = "Unique " + UUID.randomUUID();
        String id = create(name).path("id").asString();

        Api.Response duplicate =
                record(api().post("/api/v1/integrations", body(name.toUpperCase(), validConfig(API_KEY))));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(errors(duplicate.json())).containsKey("name");

        api().delete("/api/v1/integrations/" + id);
        assertThat(create(name).path("name").asString()).isEqualTo(name);
    }

    @Test
    void anotherTenantSeesNothingAndAViewerChangesNothing() {
        String id = create("Tenant A " + UUID.randomUUID()).path("id").asString();
        UUID otherTenant = UUID.randomUUID();
        jdbc.sql("insert into tenant (id, slug, name) values (:id, :slug, 'Other')")
                .param("id", otherTenant)
                .param("slug", "other-" + otherTenant.toString().substring(0, 8))
                .update();
        String otherToken = insertToken(otherTenant, "admin");
        Api other = api().withToken(otherToken);

        assertThat(other.get("/api/v1/integrations/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/integrations").json().path("items")).isEmpty();
        assertThat(other.post("/api/v1/integrations/" + id + "/disable", null).status())
                .isEqualTo(404);

        Api viewer = api().withToken(insertToken(otherTenant, "viewer"));
        Api.Response forbidden = record(viewer.post("/api/v1/integrations", body("V", validConfig(API_KEY))));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
    }

    private String insertToken(UUID tenant, String role) {
        String token = "it-" + role + "-" + UUID.randomUUID();
        jdbc.sql("""
                        insert into api_token (id, tenant_id, name, role, token_sha256)
                        values (:id, :tenant, :name, :role, :hash)
                        """)
                .param("id", UUID.randomUUID())
                .param("tenant", tenant)
                .param("name", role)
                .param("role", role)
                .param("hash", sha256(token))
                .update();
        return token;
    }

    /**
     * After every test: a secret appears in no response, no log line (the web and JDBC layers log at
     * debug and trace level here), and nowhere in the database in clear.
     */
    @AfterEach
    void secretsAreNowhere(CapturedOutput output) {
        for (Api.Response response : responses) {
            assertThat(response.text()).doesNotContain(API_KEY).doesNotContain(ROTATED_KEY);
        }
        assertThat(output.getAll()).doesNotContain(API_KEY).doesNotContain(ROTATED_KEY);
        List<String> tables = jdbc.sql("select tablename from pg_tables where schemaname = 'public'")
                .query(String.class)
                .list();
        assertThat(tables).contains("integration_credential", "audit_log");
        for (String table : tables) {
            String dump = String.join(
                    "\n",
                    jdbc.sql("select t::text from " + table + " t")
                            .query(String.class)
                            .list());
            assertThat(dump).as(table).doesNotContain(API_KEY).doesNotContain(ROTATED_KEY);
        }
        long credentials = jdbc.sql("select count(*) from integration_credential")
                .query(Long.class)
                .single();
        assertThat(credentials).isPositive();
    }

    private static JsonNode findChange(JsonNode diff, String field) {
        for (JsonNode change : diff.path("changes")) {
            if (change.path("field").asString().equals(field)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + field + " in " + diff);
    }

    private static Map<String, String> errors(JsonNode problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (JsonNode error : problem.path("errors")) {
            errors.put(error.path("field").asString(), error.path("reason").asString());
        }
        return errors;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
