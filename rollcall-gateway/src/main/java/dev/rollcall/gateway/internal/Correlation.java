package dev.rollcall.gateway.internal;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The correlation id of a request: the caller's {@code X-Correlation-Id} header, else the one in the
 * SLF4J MDC (set by the server for the work in hand), else a new one. While a call runs the id and
 * the integration are in the MDC, so every log line of the call carries them.
 */
public final class Correlation implements AutoCloseable {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    public static final String MDC_INTEGRATION = "integrationId";

    private final String id;
    private final @Nullable String previousId;
    private final @Nullable String previousIntegration;

    private Correlation(String id, String integrationId) {
        this.id = id;
        this.previousId = MDC.get(MDC_KEY);
        this.previousIntegration = MDC.get(MDC_INTEGRATION);
        MDC.put(MDC_KEY, id);
        MDC.put(MDC_INTEGRATION, integrationId);
    }

    /** Opens the scope of one call; close it to restore the MDC. */
    public static Correlation open(Map<String, String> requestHeaders, String integrationId) {
        String id = requestHeaders.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(HEADER))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseGet(() -> {
                    String inherited = MDC.get(MDC_KEY);
                    return inherited != null ? inherited : UUID.randomUUID().toString();
                });
        return new Correlation(id, integrationId);
    }

    public String id() {
        return id;
    }

    @Override
    public void close() {
        restore(MDC_KEY, previousId);
        restore(MDC_INTEGRATION, previousIntegration);
    }

    private static void restore(String key, @Nullable String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
