package dev.rollcall.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.rollcall.simulator.data.RosterGenerator;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import dev.rollcall.simulator.http.Faults;
import dev.rollcall.simulator.http.SimulatorHttp;
import dev.rollcall.simulator.http.TokenService;
import dev.rollcall.simulator.webhook.RetryPolicy;
import dev.rollcall.simulator.webhook.WebhookDispatcher;
import dev.rollcall.simulator.webhook.WebhookSubscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A OneRoster 1.2 server with generated data: runnable alone ({@code java -jar
 * rollcall-simulator.jar --help}) or embedded in tests and in Rollcall's demo ({@link #start}).
 */
public final class Simulator implements AutoCloseable {

    /**
     * How to run the simulator; every field has a flag but {@code webhookRetry}.
     *
     * @param webhookUrl a webhook subscription to every event made at start, or null for none
     * @param webhookSecret its {@code whsec_} secret, or null to generate one (printed at start)
     * @param webhookRetry how webhook deliveries are retried
     */
    public record Options(
            String host,
            int port,
            Scale scale,
            long seed,
            Dialect dialect,
            String clientId,
            String clientSecret,
            Duration tokenLifetime,
            Instant baseTime,
            Faults faults,
            @Nullable String webhookUrl,
            @Nullable String webhookSecret,
            RetryPolicy webhookRetry) {

        public static final Instant DEFAULT_BASE_TIME = Instant.parse("2025-08-01T00:00:00Z");

        public static Options defaults() {
            return new Options(
                    "127.0.0.1",
                    9090,
                    Scale.SMALL,
                    42,
                    Dialect.STANDARD,
                    "demo",
                    "demo-secret",
                    Duration.ofHours(1),
                    DEFAULT_BASE_TIME,
                    Faults.NONE,
                    null,
                    null,
                    RetryPolicy.DEFAULT);
        }

        public Options withHost(String value) {
            return new Options(
                    value,
                    port,
                    scale,
                    seed,
                    dialect,
                    clientId,
                    clientSecret,
                    tokenLifetime,
                    baseTime,
                    faults,
                    webhookUrl,
                    webhookSecret,
                    webhookRetry);
        }

        public Options withPort(int value) {
            return new Options(
                    host,
                    value,
                    scale,
                    seed,
                    dialect,
                    clientId,
                    clientSecret,
                    tokenLifetime,
                    baseTime,
                    faults,
                    webhookUrl,
                    webhookSecret,
                    webhookRetry);
        }

        public Options withScale(Scale value) {
            return new Options(
                    host,
                    port,
                    value,
                    seed,
                    dialect,
                    clientId,
                    clientSecret,
                    tokenLifetime,
                    baseTime,
                    faults,
                    webhookUrl,
                    webhookSecret,
                    webhookRetry);
        }

        public Options withDialect(Dialect value) {
            return new Options(
                    host,
                    port,
                    scale,
                    seed,
                    value,
                    clientId,
                    clientSecret,
                    tokenLifetime,
                    baseTime,
                    faults,
                    webhookUrl,
                    webhookSecret,
                    webhookRetry);
        }

        public Options withSeed(long value) {
            return new Options(
                    host,
                    port,
                    scale,
                    value,
                    dialect,
                    clientId,
                    clientSecret,
                    tokenLifetime,
                    baseTime,
                    faults,
                    webhookUrl,
                    webhookSecret,
                    webhookRetry);
        }

        public Options withClient(String id, String secret) {
            return new Options(
                    host,
                    port,
                    scale,
                    seed,
                    dialect,
                    id,
                    secret,
                    tokenLifetime,
                    baseTime,
                    faults,
                    webhookUrl,
                    webhookSecret,
                    webhookRetry);
        }

        public Options withTokenLifetime(Duration value) {
            return new Options(
                    host,
                    port,
                    scale,
                    seed,
                    dialect,
                    clientId,
                    clientSecret,
                    value,
                    baseTime,
                    faults,
                    webhookUrl,
                    webhookSecret,
                    webhookRetry);
        }

        public Options withFaults(Faults value) {
            return new Options(
                    host,
                    port,
                    scale,
                    seed,
                    dialect,
                    clientId,
                    clientSecret,
                    tokenLifetime,
                    baseTime,
                    value,
                    webhookUrl,
                    webhookSecret,
                    webhookRetry);
        }

        /** A webhook subscription to every event from the start; a null secret has one generated. */
        public Options withWebhook(@Nullable String url, @Nullable String secret) {
            return new Options(
                    host,
                    port,
                    scale,
                    seed,
                    dialect,
                    clientId,
                    clientSecret,
                    tokenLifetime,
                    baseTime,
                    faults,
                    url,
                    secret,
                    webhookRetry);
        }

        public Options withWebhookRetry(RetryPolicy value) {
            return new Options(
                    host,
                    port,
                    scale,
                    seed,
                    dialect,
                    clientId,
                    clientSecret,
                    tokenLifetime,
                    baseTime,
                    faults,
                    webhookUrl,
                    webhookSecret,
                    value);
        }

        /** Parses command-line flags; every problem is reported at once. */
        public static Options parse(String... args) {
            Options options = defaults();
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (flag.contains("=")) {
                    value = flag.substring(flag.indexOf('=') + 1);
                    flag = flag.substring(0, flag.indexOf('='));
                } else {
                    i++;
                }
                if (value == null) {
                    problems.add(flag + " needs a value");
                    continue;
                }
                try {
                    options = switch (flag) {
                        case "--host" -> options.withHost(value);
                        case "--port" -> options.withPort(Integer.parseInt(value));
                        case "--scale" -> options.withScale(Scale.parse(value));
                        case "--seed" -> options.withSeed(Long.parseLong(value));
                        case "--dialect" -> options.withDialect(Dialect.parse(value));
                        case "--client-id" -> options.withClient(value, options.clientSecret);
                        case "--client-secret" -> options.withClient(options.clientId, value);
                        case "--token-lifetime" -> options.withTokenLifetime(Duration.ofSeconds(Long.parseLong(value)));
                        case "--fault" -> options.withFaults(options.faults.with(value));
                        case "--webhook-url" -> options.withWebhook(value, options.webhookSecret);
                        case "--webhook-secret" -> options.withWebhook(options.webhookUrl, value);
                        default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
                    };
                } catch (IllegalArgumentException e) {
                    problems.add(flag + ": " + e.getMessage());
                }
            }
            if (options.webhookSecret != null && options.webhookUrl == null) {
                problems.add("--webhook-secret: needs --webhook-url");
            }
            if (options.webhookUrl != null) {
                WebhookDispatcher.problems(options.webhookUrl, List.of("*"), options.webhookSecret).stream()
                        .map(problem -> "--webhook-" + problem)
                        .forEach(problems::add);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", problems));
            }
            return options;
        }
    }

    static final String USAGE = """
            Usage: java -jar rollcall-simulator.jar [flags]

            A OneRoster server with generated, deterministic roster data.

              --port N               port to listen on (default 9090; 0 picks a free one)
              --host ADDRESS         address to bind (default 127.0.0.1)
              --scale NAME           small (~300 users) | school | district (~20,000 users) | large (100,000 users,
                                     1,000,000 enrollments); default small
              --seed N               data seed; the same seed and scale give byte-identical answers (default 42)
              --dialect NAME         standard (1EdTech 1.2 binding) | timeback (paging in the body, JSON booleans,
                                     the @ filter, search, writes) | oneroster-1.1 (/ims/oneroster/v1p1, a single
                                     role per user, OAuth 1.0a signed requests); default standard
              --client-id ID         OAuth client id, the OAuth 1.0a consumer key in 1.1 (default demo)
              --client-secret S      OAuth client secret, the consumer secret in 1.1 (default demo-secret)
              --token-lifetime S     token lifetime in seconds (default 3600)
              --fault NAME=VALUE     a fault, repeatable: latencyMillis, throttleShare, retryAfterSeconds,
                                     errorShare, errorStatus, hangShare, malformedShare, truncatedShare, pageMax,
                                     shiftEveryPage, revokeAfter (revoke every token after N API requests)
              --webhook-url URL      subscribe URL to every event (Standard Webhooks, signed)
              --webhook-secret S     its secret, whsec_<base64>; generated and printed when absent
              --help                 this text

            Endpoints: POST /oauth2/token; GET <base>/... (base /ims/oneroster/rostering/v1p2, or /ims/oneroster/v1p1);
            timeback writes: POST <base>/{collection} {"user":{...}}, PUT|DELETE <base>/{collection}/{id},
            POST <base>/classes/{id}/students|teachers {"enrollment":{"user":{"sourcedId":...}}}.
            Admin (no auth, bind to loopback): POST /admin/changes, PUT|GET /admin/faults, POST /admin/tokens/revoke,
            GET /admin/stats, POST|GET /admin/webhooks, DELETE /admin/webhooks/{id},
            GET /admin/webhooks/{id}/deliveries.
            """;

    private final HttpServer server;
    private final SimulatedRoster roster;
    private final SimulatorHttp http;
    private final WebhookDispatcher webhooks;
    private final Options options;

    private Simulator(
            HttpServer server,
            SimulatedRoster roster,
            SimulatorHttp http,
            WebhookDispatcher webhooks,
            Options options) {
        this.server = server;
        this.roster = roster;
        this.http = http;
        this.webhooks = webhooks;
        this.options = options;
    }

    /**
     * Starts a simulator that serves until {@link #close}; with a {@code webhookUrl}, subscribes it
     * to every event first.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static Simulator start(Options options) {
        Clock clock = Clock.systemUTC();
        RosterGenerator generator = new RosterGenerator(options.seed(), options.scale(), options.baseTime());
        SimulatedRoster roster = new SimulatedRoster(generator, clock);
        TokenService tokens =
                new TokenService(options.clientId(), options.clientSecret(), options.tokenLifetime(), clock);
        WebhookDispatcher webhooks = new WebhookDispatcher(options.webhookRetry(), clock);
        roster.onChange(webhooks::publish);
        String webhookUrl = options.webhookUrl();
        if (webhookUrl != null) {
            webhooks.subscribe(webhookUrl, List.of("*"), options.webhookSecret());
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 256);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            SimulatorHttp http =
                    SimulatorHttp.install(server, roster, tokens, options.dialect(), options.faults(), webhooks, clock);
            server.start();
            return new Simulator(server, roster, http, webhooks, options);
        } catch (IOException e) {
            webhooks.close();
            throw new UncheckedIOException("could not listen on " + options.host() + ":" + options.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUrl() {
        return URI.create("http://" + options.host() + ":" + port());
    }

    public URI rosteringUrl() {
        return URI.create(baseUrl() + options.dialect().basePath());
    }

    public Options options() {
        return options;
    }

    public SimulatedRoster roster() {
        return roster;
    }

    /** Sets the faults for the requests that follow (token revocation counts from now). */
    public void faults(Faults faults) {
        http.faults(faults);
    }

    /** The webhook subscriptions and their deliveries. */
    public WebhookDispatcher webhooks() {
        return webhooks;
    }

    @Override
    public void close() {
        server.stop(0);
        webhooks.close();
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Run with --help for the flags.");
            System.exit(2);
            return;
        }
        Simulator simulator = start(options);
        System.out.println("Rollcall simulator (" + options.dialect().flag() + ", "
                + options.scale().name().toLowerCase()
                + ", seed " + options.seed() + ") at " + simulator.rosteringUrl() + "; token at " + simulator.baseUrl()
                + "/oauth2/token (client " + options.clientId() + ")");
        for (WebhookSubscription subscription : simulator.webhooks().subscriptions()) {
            if (options.webhookSecret() == null) {
                // Generated for this run: the receiver needs it to check signatures.
                System.out.println("Webhooks to " + subscription.url() + " signed with " + subscription.secret());
            } else {
                System.out.println("Webhooks to " + subscription.url() + " signed with the given secret");
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }
}
