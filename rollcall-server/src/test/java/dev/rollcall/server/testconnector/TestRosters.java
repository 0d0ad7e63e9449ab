package dev.rollcall.server.testconnector;

import dev.rollcall.connector.api.CheckResult;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.engine.sync.FakeConnector;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * In-memory upstream rosters for the server's tests, keyed by the integration's {@code baseUrl}. A
 * test changes its roster between runs; a gate can hold reads to observe a running session.
 */
public final class TestRosters {

    private record Served(FakeConnector roster, @Nullable Semaphore gate) {}

    private static final Map<String, Served> ROSTERS = new ConcurrentHashMap<>();

    private TestRosters() {}

    /** Serves {@code roster} to integrations with this base URL. */
    public static void serve(String baseUrl, FakeConnector roster) {
        ROSTERS.put(baseUrl, new Served(roster, null));
    }

    /** Like {@link #serve}, but every page waits for a permit of {@code gate}. */
    public static void serveGated(String baseUrl, FakeConnector roster, Semaphore gate) {
        ROSTERS.put(baseUrl, new Served(roster, gate));
    }

    static @Nullable Connector connector(String baseUrl) {
        Served served = ROSTERS.get(baseUrl);
        if (served == null) {
            return null;
        }
        return new Connector() {
            @Override
            public CheckResult check() {
                return served.roster().check();
            }

            @Override
            public Page read(ReadRequest request) throws ConnectorException {
                if (served.gate() != null) {
                    try {
                        served.gate().acquire();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new dev.rollcall.connector.api.error.RetriableException("interrupted");
                    }
                }
                synchronized (served.roster()) {
                    return served.roster().read(request);
                }
            }

            @Override
            public Optional<SourceRecord> fetch(String stream, String externalId) {
                return Optional.empty();
            }

            @Override
            public void close() {}
        };
    }
}
