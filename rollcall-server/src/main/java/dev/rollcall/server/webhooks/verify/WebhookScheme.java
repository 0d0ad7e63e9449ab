package dev.rollcall.server.webhooks.verify;

import dev.rollcall.server.web.ApiProblem.FieldError;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The verification schemes an endpoint can use, by their API names, with the settings each takes.
 * Every scheme accepts {@code toleranceSeconds} (default 300) where the provider signs a timestamp.
 *
 * <ul>
 *   <li>{@code standard-webhooks}: secrets are {@code whsec_<base64>}; generated when not given.
 *   <li>{@code github}, {@code slack}, {@code notion}, {@code shopify}, {@code twilio}: the provider's
 *       secret (or auth token) as the provider shows it.
 *   <li>{@code stripe}: {@code header} (default {@code Stripe-Signature}).
 *   <li>{@code google-pubsub}: no secret; {@code audience} and {@code serviceAccountEmail} required,
 *       {@code jwksUrl} and {@code issuers} optional (Google's by default).
 *   <li>{@code hmac-sha256}: {@code header} required, {@code encoding} {@code hex} (default) or
 *       {@code base64}, {@code prefix} (e.g. {@code sha256=}), {@code eventIdHeader}.
 * </ul>
 */
public enum WebhookScheme {
    STANDARD_WEBHOOKS("standard-webhooks"),
    GITHUB("github"),
    SLACK("slack"),
    STRIPE("stripe"),
    NOTION("notion"),
    SHOPIFY("shopify"),
    TWILIO("twilio"),
    GOOGLE_PUBSUB("google-pubsub"),
    HMAC_SHA256("hmac-sha256");

    static final URI GOOGLE_JWKS = URI.create("https://www.googleapis.com/oauth2/v3/certs");
    static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final String apiName;

    WebhookScheme(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<WebhookScheme> fromApiName(@Nullable String name) {
        return Arrays.stream(values())
                .filter(scheme -> scheme.apiName.equals(name))
                .findFirst();
    }

    public static List<String> apiNames() {
        return Arrays.stream(values()).map(WebhookScheme::apiName).toList();
    }

    /** Whether the scheme checks a shared secret (all but {@code google-pubsub}). */
    public boolean usesSecret() {
        return this != GOOGLE_PUBSUB;
    }

    /** Every problem with {@code settings} and {@code secret} (null: generate one), field by field. */
    public List<FieldError> validate(Map<String, String> settings, @Nullable String secret) {
        List<FieldError> problems = new ArrayList<>();
        String tolerance = settings.get("toleranceSeconds");
        if (tolerance != null && !tolerance.matches("[0-9]{1,6}")) {
            problems.add(new FieldError("settings.toleranceSeconds", "must be a whole number of seconds"));
        }
        switch (this) {
            case STANDARD_WEBHOOKS -> {
                if (secret != null && !isWhsec(secret)) {
                    problems.add(new FieldError("secret", "must be 'whsec_' followed by base64 of 24 to 64 bytes"));
                }
            }
            case GOOGLE_PUBSUB -> {
                require(settings, "audience", problems);
                require(settings, "serviceAccountEmail", problems);
                if (secret != null) {
                    problems.add(new FieldError("secret", "is not used by google-pubsub (it checks Google's JWT)"));
                }
                String jwks = settings.get("jwksUrl");
                if (jwks != null && !(jwks.startsWith("https://") || jwks.startsWith("http://"))) {
                    problems.add(new FieldError("settings.jwksUrl", "must be an http(s) URL"));
                }
            }
            case HMAC_SHA256 -> {
                require(settings, "header", problems);
                String encoding = settings.getOrDefault("encoding", "hex");
                if (!encoding.equals("hex") && !encoding.equals("base64")) {
                    problems.add(new FieldError("settings.encoding", "must be 'hex' or 'base64'"));
                }
            }
            default -> {}
        }
        if (usesSecret() && this != STANDARD_WEBHOOKS && secret != null && secret.length() < 8) {
            problems.add(new FieldError("secret", "must be at least 8 characters"));
        }
        Set<String> known = Set.of(
                "toleranceSeconds",
                "header",
                "encoding",
                "prefix",
                "eventIdHeader",
                "audience",
                "serviceAccountEmail",
                "jwksUrl",
                "issuers");
        settings.keySet().stream()
                .filter(name -> !known.contains(name))
                .sorted()
                .forEach(name -> problems.add(new FieldError("settings." + name, "is not a setting of any scheme")));
        return problems;
    }

    /** The verifier for an endpoint with these settings and active secrets (newest first). */
    public WebhookVerifier verifier(Map<String, String> settings, List<String> secrets, HttpClient http, Clock clock) {
        Duration tolerance = Optional.ofNullable(settings.get("toleranceSeconds"))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                .orElse(DEFAULT_TOLERANCE);
        return switch (this) {
            case STANDARD_WEBHOOKS -> new StandardWebhooksVerifier(secrets, tolerance);
            case GITHUB -> new GitHubVerifier(secrets);
            case SLACK -> new SlackVerifier(secrets, tolerance);
            case STRIPE ->
                new StripeStyleVerifier(
                        secrets,
                        tolerance,
                        settings.getOrDefault("header", "stripe-signature").toLowerCase(Locale.ROOT));
            case NOTION -> BodyHmacVerifier.notion(secrets);
            case SHOPIFY -> BodyHmacVerifier.shopify(secrets);
            case TWILIO -> new TwilioVerifier(secrets);
            case GOOGLE_PUBSUB ->
                new GooglePubSubVerifier(
                        new JwksSource(
                                Optional.ofNullable(settings.get("jwksUrl"))
                                        .map(URI::create)
                                        .orElse(GOOGLE_JWKS),
                                http,
                                clock),
                        settings.get("audience"),
                        settings.get("serviceAccountEmail"),
                        Optional.ofNullable(settings.get("issuers"))
                                .map(issuers -> Set.of(issuers.split("\\s*,\\s*")))
                                .orElse(GooglePubSubVerifier.GOOGLE_ISSUERS),
                        tolerance);
            case HMAC_SHA256 -> {
                String eventIdHeader = settings.get("eventIdHeader");
                yield new BodyHmacVerifier(
                        secrets,
                        settings.get("header").toLowerCase(Locale.ROOT),
                        settings.getOrDefault("prefix", ""),
                        "base64".equals(settings.get("encoding"))
                                ? BodyHmacVerifier.Encoding.BASE64
                                : BodyHmacVerifier.Encoding.HEX,
                        request -> eventIdHeader == null
                                ? null
                                : request.header(eventIdHeader).orElse(null));
            }
        };
    }

    private static boolean isWhsec(String secret) {
        if (!secret.startsWith("whsec_")) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(6)).length;
            return length >= 24 && length <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(Map<String, String> settings, String name, List<FieldError> problems) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            problems.add(new FieldError("settings." + name, "is required"));
        }
    }
}
