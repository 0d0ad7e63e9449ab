package dev.rollcall.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard is served from the server jar at /, deep links included, without shadowing the API. */
class DashboardServingIT extends ServerTestSupport {

    private static final String APP_ROOT = "<div id=\"root\"></div>";

    @Test
    void rootAndEveryPagePathAnswerTheApp() {
        for (String path : new String[] {"/", "/integrations", "/integrations/4f1c/history", "/syncs/9", "/audit"}) {
            Api.Response page = anonymous().get(path);

            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.text()).as(path).contains(APP_ROOT);
            assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
        }
    }

    @Test
    void hashedAssetsAreServedAndCachedForAYear() {
        String index = anonymous().get("/").text();
        Matcher script = Pattern.compile("src=\"(/assets/index-[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).as("index.html names its entry script").isTrue();

        Api.Response asset = anonymous().get(script.group(1));

        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).contains("javascript");
        assertThat(asset.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(
                        value -> assertThat(value).contains("max-age=31536000").contains("immutable"));

        Api.Response gzipped = anonymous()
                .send(anonymous()
                        .request(script.group(1))
                        .header("Accept-Encoding", "gzip")
                        .GET());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void aMissingFileIsA404ProblemNotTheApp() {
        for (String path : new String[] {"/assets/missing.js", "/favicon-missing.ico"}) {
            Api.Response missing = anonymous().get(path);

            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void serverPathsKeepTheirOwnAnswers() {
        Api.Response api = api().get("/api/v1/nothing-here");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.json().path("detail").asString()).isEqualTo("There is no endpoint GET /api/v1/nothing-here");

        assertThat(anonymous().get("/api/v1/integrations").status()).isEqualTo(401);

        for (String path : new String[] {"/actuator/nothing-here", "/v3/nothing-here", "/webhooks", "/swagger-ui/x"}) {
            Api.Response response = anonymous().get(path);
            assertThat(response.status()).as(path).isBetween(400, 499);
            assertThat(response.text()).as(path).doesNotContain(APP_ROOT);
        }
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous().get("/swagger-ui/index.html").text()).containsIgnoringCase("swagger");
        assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(200);
    }
}
