package dev.rollcall.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.rollcall.simulator.data.RosterGenerator;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import dev.rollcall.simulator.http.Faults;
import dev.rollcall.simulator.http.SimulatorHttp;
import dev.rollcall.simulator.http.TokenService;
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

/**
 * A OneRoster 1.2 server with generated data: runnable alone ({@code java -jar
 * rollcall-simulator.jar --help}) or embedded in tests and in Rollcall's demo ({@link #start}).
 */
public final class Simulator implements AutoCloseable {

    /** How to run the simulator; every field has a flag. */
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
            Faults faults) {

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
                    Faults.NONE);
        }

        public Options withPort(int value) {
            return new Options(
                    host, value, scale, seed, dialect, clientId, clientSecret, tokenLifetime, baseTime, faults);
        }

        public Options withScale(Scale value) {
            return new Options(
                    host, port, value, seed, dialect, clientId, clientSecret, tokenLifetime, baseTime, faults);
        }

        public Options withDialect(Dialect value) {
            return new Options(host, port, scale, seed, value, clientId, clientSecret, tokenLifetime, baseTime, faults);
        }

        public Options withSeed(long value) {
            return new Options(
                    host, port, scale, value, dialect, clientId, clientSecret, tokenLifetime, baseTime, faults);
        }

        public Options withTokenLifetime(Duration value) {
            return new Options(host, port, scale, seed, dialect, clientId, clientSecret, value, baseTime, faults);
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
                        case "--host" ->
                            new Options(
                                    value,
                                    options.port,
                                    options.scale,
                                    options.seed,
                                    options.dialect,
                                    options.clientId,
                                    options.clientSecret,
                                    options.tokenLifetime,
                                    options.baseTime,
                                    options.faults);
                        case "--port" -> options.withPort(Integer.parseInt(value));
                        case "--scale" -> options.withScale(Scale.parse(value));
                        case "--seed" -> options.withSeed(Long.parseLong(value));
                        case "--dialect" -> options.withDialect(Dialect.parse(value));
                        case "--client-id" ->
                            new Options(
                                    options.host,
                                    options.port,
                                    options.scale,
                                    options.seed,
                                    options.dialect,
                                    value,
                                    options.clientSecret,
                                    options.tokenLifetime,
                                    options.baseTime,
                                    options.faults);
                        case "--client-secret" ->
                            new Options(
                                    options.host,
                                    options.port,
                                    options.scale,
                                    options.seed,
                                    options.dialect,
                                    options.clientId,
                                    value,
                                    options.tokenLifetime,
                                    options.baseTime,
                                    options.faults);
                        case "--token-lifetime" -> options.withTokenLifetime(Duration.ofSeconds(Long.parseLong(value)));
                        default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
                    };
                } catch (IllegalArgumentException e) {
                    problems.add(flag + ": " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", problems));
            }
            return options;
        }
    }

    static final String USAGE = """
            Usage: java -jar rollcall-simulator.jar [flags]

            A OneRoster 1.2 server with generated, deterministic roster data.

              --port N             port to listen on (default 9090; 0 picks a free one)
              --host ADDRESS       address to bind (default 127.0.0.1)
              --scale NAME         small (~300 users) | school | district (~20,000 users) | large (100,000 users,
                                   1,000,000 enrollments); default small
              --seed N             data seed; the same seed and scale give byte-identical answers (default 42)
              --dialect NAME       standard (1EdTech binding) | timeback (paging in the body, JSON booleans,
                                   the @ filter, search); default standard
              --client-id ID       OAuth2 client id (default demo)
              --client-secret S    OAuth2 client secret (default demo-secret)
              --token-lifetime S   token lifetime in seconds (default 3600)
              --help               this text

            Endpoints: POST /oauth2/token; GET /ims/oneroster/rostering/v1p2/...; admin: POST /admin/changes,
            PUT|GET /admin/faults, POST /admin/tokens/revoke, GET /admin/stats.
            """;

    private final HttpServer server;
    private final SimulatedRoster roster;
    private final SimulatorHttp http;
    private final Options options;

    private Simulator(HttpServer server, SimulatedRoster roster, SimulatorHttp http, Options options) {
        this.server = server;
        this.roster = roster;
        this.http = http;
        this.options = options;
    }

    public static Simulator start(Options options) {
        Clock clock = Clock.systemUTC();
        RosterGenerator generator = new RosterGenerator(options.seed(), options.scale(), options.baseTime());
        SimulatedRoster roster = new SimulatedRoster(generator, clock);
        TokenService tokens =
                new TokenService(options.clientId(), options.clientSecret(), options.tokenLifetime(), clock);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 256);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            SimulatorHttp http = SimulatorHttp.install(server, roster, tokens, options.dialect(), options.faults());
            server.start();
            return new Simulator(server, roster, http, options);
        } catch (IOException e) {
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

    public void faults(Faults faults) {
        http.faults(faults);
    }

    @Override
    public void close() {
        server.stop(0);
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
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }
}
