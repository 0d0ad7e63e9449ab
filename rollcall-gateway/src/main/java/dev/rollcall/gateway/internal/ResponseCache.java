package dev.rollcall.gateway.internal;

import dev.rollcall.connector.api.http.UpstreamBody;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The conditional-request cache: 200 answers kept with their validators ({@code ETag}, {@code
 * Last-Modified}), bounded by entries and by body bytes, least recently used out first.
 * Thread-safe (one lock; entries are immutable).
 */
public final class ResponseCache {

    /** A cached answer and the validators to revalidate it with. */
    public record Entry(
            int status,
            Map<String, List<String>> headers,
            UpstreamBody body,
            @Nullable String etag,
            @Nullable String lastModified) {}

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public ResponseCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    public synchronized Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Keeps {@code entry} unless it has no validator or its body alone is over the byte budget. */
    public synchronized void put(String key, Entry entry) {
        if (maxEntries == 0
                || (entry.etag() == null && entry.lastModified() == null)
                || entry.body().length() > maxBytes) {
            return;
        }
        Entry previous = entries.put(key, entry);
        if (previous != null) {
            bytes -= previous.body().length();
        }
        bytes += entry.body().length();
        Iterator<Entry> eldest = entries.values().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= eldest.next().body().length();
            eldest.remove();
        }
    }

    public synchronized void remove(String key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            bytes -= removed.body().length();
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }
}
