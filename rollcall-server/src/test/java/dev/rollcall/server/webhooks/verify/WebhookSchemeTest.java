package dev.rollcall.server.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import dev.rollcall.server.webhooks.verify.Verification.Failure;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each scheme against its provider's published example or its official library's output. The
 * library vectors were produced with the npm packages {@code standardwebhooks} 1.1.1, {@code
 * @octokit/webhooks-methods} 6.0.0 (GitHub's), {@code stripe} 23.1.0 ({@code
 * webhooks.generateTestHeaderString}) and {@code twilio} 6.2.0 ({@code getExpectedTwilioSignature});
 * Slack's and GitHub's are the examples in their documentation. Notion and Shopify publish the
 * algorithm but no vector and no verifying library on npm; theirs were computed with Node's crypto
 * following their documentation.
 */
class WebhookSchemeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static WebhookVerifier verifier(WebhookScheme scheme, Map<String, String> settings, String... secrets) {
        return scheme.verifier(settings, List.of(secrets), HTTP, Clock.systemUTC());
    }

    static WebhookRequest request(String url, String body, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i].toLowerCase(Locale.ROOT), List.of(headers[i + 1]));
        }
        return new WebhookRequest(url, map, body.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class StandardWebhooks {

        private final WebhookVerifier verifier =
                verifier(WebhookScheme.STANDARD_WEBHOOKS, Map.of(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        private final Instant sent = Instant.ofEpochSecond(1614265330);

        private WebhookRequest example(String signature, String body) {
            return request(
                    "https://rollcall.example/webhooks/x",
                    body,
                    "webhook-id",
                    "msg_p5jXN8AQM9LWM0D4loKWxJek",
                    "webhook-timestamp",
                    "1614265330",
                    "webhook-signature",
                    signature);
        }

        @Test
        void acceptsTheSpecExample() {
            Verification result = verifier.verify(
                    example("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "{\"test\": 2432232314}"), sent);
            assertThat(result.valid()).isTrue();
            assertThat(result.eventId()).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
            assertThat(result.sentAt()).isEqualTo(sent);
        }

        @Test
        void acceptsAnyOfSeveralSignaturesAndSecrets() {
            WebhookVerifier rotating = verifier(
                    WebhookScheme.STANDARD_WEBHOOKS,
                    Map.of(),
                    "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            String both = "v1,bm90IGl0 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
            assertThat(rotating.verify(example(both, "{\"test\": 2432232314}"), sent)
                            .valid())
                    .isTrue();
        }

        @Test
        void rejectsAChangedBodyAStaleTimestampAndMissingHeaders() {
            String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
            assertThat(verifier.verify(example(signature, "{\"test\": 2432232315}"), sent)
                            .failure())
                    .isEqualTo(Failure.BAD_SIGNATURE);
            assertThat(verifier.verify(example(signature, "{\"test\": 2432232314}"), sent.plus(Duration.ofMinutes(6)))
                            .failure())
                    .isEqualTo(Failure.STALE_TIMESTAMP);
            assertThat(verifier.verify(example(signature, "{\"test\": 2432232314}"), sent.minus(Duration.ofMinutes(6)))
                            .failure())
                    .isEqualTo(Failure.STALE_TIMESTAMP);
            assertThat(verifier.verify(request("https://x/", "{}"), sent).failure())
                    .isEqualTo(Failure.MISSING_SIGNATURE);
        }
    }

    @Test
    void gitHubDocumentationExample() {
        WebhookVerifier verifier = verifier(WebhookScheme.GITHUB, Map.of(), "It's a Secret to Everybody");
        String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        Verification ok = verifier.verify(
                request("https://x/", "Hello, World!", "X-Hub-Signature-256", signature, "X-GitHub-Delivery", "d-1"),
                Instant.now());
        assertThat(ok.valid()).isTrue();
        assertThat(ok.eventId()).isEqualTo("d-1");
        assertThat(verifier.verify(
                                request("https://x/", "Hello, World?", "X-Hub-Signature-256", signature), Instant.now())
                        .failure())
                .isEqualTo(Failure.BAD_SIGNATURE);
    }

    @Test
    void slackDocumentationExample() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        WebhookRequest request = request(
                "https://x/",
                body,
                "X-Slack-Request-Timestamp",
                "1531420618",
                "X-Slack-Signature",
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
        WebhookVerifier verifier = verifier(WebhookScheme.SLACK, Map.of(), "8f742231b10e8888abcd99yyyzzz85a5");
        assertThat(verifier.verify(request, Instant.ofEpochSecond(1531420618 + 60))
                        .valid())
                .isTrue();
        assertThat(verifier.verify(request, Instant.ofEpochSecond(1531420618 + 301))
                        .failure())
                .isEqualTo(Failure.STALE_TIMESTAMP);
    }

    @Test
    void stripeLibraryOutput() {
        String body = "{\"id\":\"evt_1\",\"object\":\"event\"}";
        String header = "t=1700000000,v1=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd";
        WebhookVerifier verifier = verifier(WebhookScheme.STRIPE, Map.of(), "whsec_test_secret");
        Verification ok = verifier.verify(
                request("https://x/", body, "Stripe-Signature", header), Instant.ofEpochSecond(1700000100));
        assertThat(ok.valid()).isTrue();
        assertThat(ok.eventId()).isEqualTo("evt_1");
        assertThat(verifier.verify(
                                request(
                                        "https://x/",
                                        body,
                                        "Stripe-Signature",
                                        header.replace("t=1700000000", "t=1700000001")),
                                Instant.ofEpochSecond(1700000100))
                        .failure())
                .isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(verifier.verify(
                                request("https://x/", body, "Stripe-Signature", "v1=abc"),
                                Instant.ofEpochSecond(1700000100))
                        .failure())
                .isEqualTo(Failure.MALFORMED);
    }

    @Test
    void twilioLibraryOutputForAFormBody() {
        String body =
                "CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212";
        WebhookVerifier verifier = verifier(WebhookScheme.TWILIO, Map.of(), "12345");
        WebhookRequest request = request(
                "https://mycompany.com/myapp.php?foo=1&bar=2",
                body,
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Twilio-Signature",
                "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(verifier.verify(request, Instant.now()).valid()).isTrue();
        WebhookRequest withPort = request(
                "https://mycompany.com:443/myapp.php?foo=1&bar=2",
                body,
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Twilio-Signature",
                "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(verifier.verify(withPort, Instant.now()).valid()).isTrue();
        WebhookRequest changed = request(
                "https://mycompany.com/myapp.php?foo=1&bar=2",
                body.replace("1234&", "1235&"),
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Twilio-Signature",
                "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(verifier.verify(changed, Instant.now()).valid()).isFalse();
    }

    @Test
    void twilioLibraryOutputForAJsonBody() {
        String url =
                "https://mycompany.com/myapp?bodySHA256=a772a9f0b421a725dd28185c14d23c9fb336040b13ebb41ea57a981d780d48d8";
        WebhookVerifier verifier = verifier(WebhookScheme.TWILIO, Map.of(), "12345");
        assertThat(verifier.verify(
                                request(
                                        url,
                                        "{\"event\":\"roster.changed\"}",
                                        "X-Twilio-Signature",
                                        "978SKCoB6IDPT6TCwIBduEd/1YI="),
                                Instant.now())
                        .valid())
                .isTrue();
        assertThat(verifier.verify(
                                request(
                                        url,
                                        "{\"event\":\"roster.changeD\"}",
                                        "X-Twilio-Signature",
                                        "978SKCoB6IDPT6TCwIBduEd/1YI="),
                                Instant.now())
                        .valid())
                .isFalse();
    }

    @Test
    void notionAndShopifyFollowTheirDocumentedAlgorithm() {
        WebhookVerifier notion =
                verifier(WebhookScheme.NOTION, Map.of(), "secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl");
        assertThat(notion.verify(
                                request(
                                        "https://x/",
                                        "{\"type\":\"page.created\"}",
                                        "X-Notion-Signature",
                                        "sha256=9e541e93dd25d43ce3c23990bb40f52ca1a2bf46b678f1e3f17a9d153366b856"),
                                Instant.now())
                        .valid())
                .isTrue();
        WebhookVerifier shopify = verifier(WebhookScheme.SHOPIFY, Map.of(), "shpss_example_secret");
        Verification ok = shopify.verify(
                request(
                        "https://x/",
                        "{\"id\":820982911946154508,\"email\":\"jon@doe.ca\"}",
                        "X-Shopify-Hmac-Sha256",
                        "eK8jF8h6llcMI63HcDTj3O1SEe7OcrXYnwTTbUATE2I=",
                        "X-Shopify-Webhook-Id",
                        "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
                Instant.now());
        assertThat(ok.valid()).isTrue();
        assertThat(ok.eventId()).isEqualTo("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
    }

    @Test
    void genericHmacUsesItsConfiguredHeaderEncodingAndPrefix() {
        Map<String, String> settings =
                Map.of("header", "X-Signature", "encoding", "hex", "prefix", "sha256=", "eventIdHeader", "X-Event-Id");
        // Same key and body as GitHub's documentation example, so the expected value is published.
        WebhookVerifier verifier = verifier(WebhookScheme.HMAC_SHA256, settings, "It's a Secret to Everybody");
        Verification ok = verifier.verify(
                request(
                        "https://x/",
                        "Hello, World!",
                        "X-Signature",
                        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                        "X-Event-Id",
                        "e-7"),
                Instant.now());
        assertThat(ok.valid()).isTrue();
        assertThat(ok.eventId()).isEqualTo("e-7");
    }

    @Test
    void settingsProblemsAreAllListed() {
        assertThat(WebhookScheme.GOOGLE_PUBSUB.validate(Map.of("jwksUrl", "ftp://x", "colour", "red"), "s3cret!!"))
                .extracting(error -> error.field())
                .containsExactlyInAnyOrder(
                        "settings.audience",
                        "settings.serviceAccountEmail",
                        "secret",
                        "settings.jwksUrl",
                        "settings.colour");
        assertThat(WebhookScheme.STANDARD_WEBHOOKS.validate(Map.of(), "not-whsec"))
                .extracting(error -> error.field())
                .containsExactly("secret");
        assertThat(WebhookScheme.HMAC_SHA256.validate(Map.of("encoding", "base32"), "longenough"))
                .extracting(error -> error.field())
                .containsExactlyInAnyOrder("settings.header", "settings.encoding");
        assertThat(WebhookScheme.fromApiName("github")).contains(WebhookScheme.GITHUB);
        assertThat(WebhookScheme.fromApiName("gitlab")).isEmpty();
    }
}
