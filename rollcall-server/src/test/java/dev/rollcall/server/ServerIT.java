package dev.rollcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import org.junit.jupiter.api.Test;

/** The server's front: health, metrics, OpenAPI, authentication, problem details, request ids. */
class ServerIT extends ServerTestSupport {

    @Test
    void healthIsUpAndIncludesTheDatabase() {
        Api.Response health = anonymous().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("db").path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreServed() {
        Api.Response metrics = anonymous().get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void openApiDocumentAndItsUiAreServed() {
        Api.Response document = anonymous().get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("paths").has("/api/v1/integrations")).isTrue();
        assertThat(document.json().path("components").path("securitySchemes").has("bearer"))
                .isTrue();

        Api.Response ui =
                anonymous().send(anonymous().request("/swagger-ui/index.html").GET());
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.text()).containsIgnoringCase("swagger");
    }

    @Test
    void apiWithoutTokenIs401ProblemJson() {
        Api.Response response = anonymous().get("/api/v1/integrations");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("urn:rollcall:problem:unauthorized");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void apiWithWrongOrMalformedTokenIs401() {
        assertThat(api().withToken("not-the-token-0123456789")
                        .get("/api/v1/integrations")
                        .status())
                .isEqualTo(401);
        Api.Response basic = anonymous()
                .send(anonymous()
                        .request("/api/v1/integrations")
                        .header("Authorization", "Basic YTpi")
                        .GET());
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.contentType()).startsWith("application/problem+json");
    }

    @Test
    void everyUnknownApiPathIsAlso401WithoutToken() {
        assertThat(anonymous().get("/api/v1/does-not-exist").status()).isEqualTo(401);
        assertThat(anonymous().post("/api/v1/integrations", "{}").status()).isEqualTo(401);
    }

    @Test
    void unknownPathWithTokenIs404ProblemJson() {
        Api.Response response = api().get("/api/v1/does-not-exist");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("urn:rollcall:problem:not-found");
        assertThat(response.json().path("detail").asString())
                .isEqualTo("There is no endpoint GET /api/v1/does-not-exist");
    }

    @Test
    void requestIdIsTakenFromTheCallerOrMadeAndEchoed() {
        Api.Response given = api().send(api().request("/api/v1/integrations")
                .header("X-Request-Id", "trace-abc.123")
                .GET());
        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("trace-abc.123");

        Api.Response made = anonymous().get("/api/v1/integrations");
        String requestId = made.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(made.json().path("requestId").asString()).isEqualTo(requestId);

        Api.Response unsafe = api().send(api().request("/api/v1/integrations")
                .header("X-Request-Id", "bad id<script>")
                .GET());
        assertThat(unsafe.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(value -> assertThat(value).matches("[0-9a-f-]{36}"));
    }

    @Test
    void malformedJsonIs400ProblemJson() {
        Api.Response response = api().post("/api/v1/integrations", "{not json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).startsWith("The request body is not valid");
    }

    @Test
    void connectorsAreListedWithTheirConfigSpec() {
        Api.Response response = api().get("/api/v1/connectors/test");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("configFields").findValuesAsString("name"))
                .contains("baseUrl", "apiKey", "pageSize");
        assertThat(api().get("/api/v1/connectors/nope").status()).isEqualTo(404);
    }
}
