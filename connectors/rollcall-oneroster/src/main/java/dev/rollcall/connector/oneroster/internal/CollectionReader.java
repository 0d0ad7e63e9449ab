package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.RecordError;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads pages of a collection with {@code limit}/{@code offset}, adapting to the server:
 *
 * <ul>
 *   <li>the total comes from {@code X-Total-Count}, the body's total field, or the {@code Link}
 *       header's {@code next}; with none of them, reading goes on until an empty page;
 *   <li>the next offset is the offset plus the records received, so a server that hands out fewer
 *       than asked (its own maximum) loses nothing; that maximum is remembered in the checkpoint;
 *   <li>a short page never ends a read while the total says more remain, and an empty page while
 *       the total says more remain is retried, never taken as the end;
 *   <li>when the total is known and {@code parallelPages} is above 1, the next pages are fetched at
 *       once and only a run of full pages is kept, so a short page in the middle leaves no gap.
 * </ul>
 *
 * Thread-safe: it keeps no state between calls; the position travels in the checkpoint.
 */
final class CollectionReader {

    private final OneRosterSettings settings;
    private final RosterUrls urls;
    private final Supplier<UpstreamClient> client;
    private final OneRosterErrorClassifier classifier;
    private final RecordParser parser = new RecordParser();

    CollectionReader(
            OneRosterSettings settings,
            RosterUrls urls,
            Supplier<UpstreamClient> client,
            OneRosterErrorClassifier classifier) {
        this.settings = settings;
        this.urls = urls;
        this.client = client;
        this.classifier = classifier;
    }

    /** One fetched page: its records and what the server said about the rest. */
    record Fetched(
            long offset,
            int limit,
            List<JsonNode> records,
            @Nullable Long total,
            @Nullable Boolean hasNext,
            UpstreamResponse response) {}

    Page read(ReadRequest request, EntityType type) throws ConnectorException {
        ReadPosition position = request.checkpoint() == null
                ? ReadPosition.start(request.mode(), request.since())
                : ReadPosition.parse(request.checkpoint());
        if (position.mode() != request.mode()) {
            throw new ConfigurationException("checkpoint " + request.checkpoint() + " belongs to a " + position.mode()
                    + " read, but a " + request.mode() + " read was asked");
        }
        int limit = Math.min(request.pageSize(), settings.pageSize());
        if (position.serverMax() > 0) {
            limit = Math.min(limit, position.serverMax());
        }
        List<Fetched> pages = position.totalKnown() && settings.parallelPages() > 1
                ? fetchParallel(type, position, limit)
                : List.of(fetch(type, position, position.offset(), limit));
        List<SourceRecord> records = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        for (Fetched page : pages) {
            for (JsonNode raw : page.records()) {
                switch (parser.parse(type, raw)) {
                    case RecordParser.Good good -> records.add(good.record());
                    case RecordParser.Bad bad -> errors.add(bad.error());
                }
            }
        }
        return finish(type, position, pages.getLast(), records, errors);
    }

    private Page finish(
            EntityType type, ReadPosition position, Fetched page, List<SourceRecord> records, List<RecordError> errors)
            throws ConnectorException {
        int received = page.records().size();
        long nextOffset = page.offset() + received;
        long total = page.total() != null ? page.total() : position.total();
        boolean totalKnown = total >= 0;
        if (received == 0) {
            if (totalKnown && page.offset() < total) {
                throw new RetriableException("the page of " + type.collection() + " at offset " + page.offset()
                        + " was empty, but the server counts " + total + " records: reading it again");
            }
            return new Page(records, errors, null, true, totalKnown ? total : null);
        }
        int serverMax = position.serverMax();
        if (received < page.limit() && totalKnown && nextOffset < total) {
            serverMax = received; // the server hands out fewer than asked: ask for that from now on
        }
        boolean last;
        if (totalKnown) {
            last = nextOffset >= total;
        } else if (page.hasNext() != null) {
            last = !page.hasNext();
        } else {
            last = false; // nothing says how many remain: go on until an empty page
        }
        if (last) {
            return new Page(records, errors, null, true, totalKnown ? total : null);
        }
        ReadPosition next = position.advance(nextOffset, totalKnown ? total : -1, serverMax);
        return new Page(records, errors, next.checkpoint(), false, totalKnown ? total : null);
    }

    /**
     * The next pages at once, while the total says they exist; keeps them up to and including the
     * first that is not full, since the pages after it would leave a gap.
     */
    private List<Fetched> fetchParallel(EntityType type, ReadPosition position, int limit) throws ConnectorException {
        List<Long> offsets = new ArrayList<>();
        for (long offset = position.offset();
                offset < position.total() && offsets.size() < settings.parallelPages();
                offset += limit) {
            offsets.add(offset);
        }
        if (offsets.size() <= 1) {
            return List.of(fetch(type, position, position.offset(), limit));
        }
        List<Fetched> fetched = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Fetched>> futures = new ArrayList<>();
            for (long offset : offsets) {
                int pageLimit = limit;
                futures.add(pool.submit(() -> fetch(type, position, offset, pageLimit)));
            }
            for (Future<Fetched> future : futures) {
                fetched.add(future.get());
            }
        } catch (ExecutionException e) {
            throw classifier.classify(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw classifier.classify(e);
        }
        List<Fetched> contiguous = new ArrayList<>();
        for (Fetched page : fetched) {
            contiguous.add(page);
            if (page.records().size() < limit) {
                break;
            }
        }
        return contiguous;
    }

    /** GETs one page and reads what the server says about the rest. */
    Fetched fetch(EntityType type, ReadPosition position, long offset, int limit) throws ConnectorException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        query.put("offset", Long.toString(offset));
        filter(type, position.mode(), position.since()).ifPresent(filter -> query.put("filter", filter));
        List<String> fields = settings.fields().get(type);
        if (fields != null) {
            query.put("fields", String.join(",", fields));
        }
        URI uri = urls.collection(type, query);
        String described = "GET " + uri.getRawPath() + " (offset " + offset + ")";
        UpstreamRequest request = UpstreamRequest.get(uri, type.collection())
                .withPriority(
                        position.mode() == ReadMode.FULL
                                ? UpstreamRequest.Priority.FULL_SYNC
                                : UpstreamRequest.Priority.DELTA_SYNC);
        UpstreamResponse response = client.get().send(request);
        try {
            if (!response.isSuccess()) {
                throw UpstreamFailure.status(UpstreamFailure.Purpose.READ, described, response);
            }
            return parse(type, described, offset, limit, response);
        } catch (UpstreamFailure failure) {
            throw classifier.classify(failure);
        }
    }

    private Fetched parse(EntityType type, String described, long offset, int limit, UpstreamResponse response)
            throws UpstreamFailure, ConfigurationException {
        JsonNode body;
        try {
            body = RosterJson.mapper().readTree(response.body());
        } catch (JacksonException e) {
            throw UpstreamFailure.malformed(
                    UpstreamFailure.Purpose.READ,
                    described,
                    response,
                    response.body().length + " bytes that do not parse: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw UpstreamFailure.malformed(
                    UpstreamFailure.Purpose.READ, described, response, "the body is not a JSON object");
        }
        Long total = total(response, body);
        JsonNode array = body.get(type.collection());
        List<JsonNode> records = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(records::add);
        } else if (array != null || total == null || total > 0) {
            throw new ConfigurationException(described + " answered " + response.status() + " without a '"
                    + type.collection() + "' array: this is not a OneRoster collection; check baseUrl and pathPrefix");
        }
        return new Fetched(offset, limit, records, total, hasNext(response), response);
    }

    /** The total from {@code X-Total-Count}, else from the body's total field. */
    @Nullable
    Long total(UpstreamResponse response, JsonNode body) {
        Optional<String> header = response.header("X-Total-Count");
        if (header.isPresent()) {
            try {
                return Long.parseLong(header.get().strip());
            } catch (NumberFormatException e) {
                // fall through to the body
            }
        }
        for (String field : List.of(settings.totalField(), "totalCount", "total")) {
            JsonNode value = body.get(field);
            if (value != null && value.isIntegralNumber()) {
                return value.longValue();
            }
        }
        return null;
    }

    /** TRUE when the {@code Link} header has a {@code next}, FALSE when it has none, null without one. */
    static @Nullable Boolean hasNext(UpstreamResponse response) {
        List<String> links = response.headers().get("link");
        if (links == null || links.isEmpty()) {
            return null;
        }
        return links.stream().anyMatch(link -> link.matches("(?s).*rel\\s*=\\s*\"?next\"?.*"));
    }

    /** The stream's configured filter AND-ed with the delta predicate, when there is either. */
    Optional<String> filter(EntityType type, ReadMode mode, @Nullable Instant since) throws ConfigurationException {
        String configured = settings.filters().get(type);
        if (mode != ReadMode.DELTA || since == null) {
            return Optional.ofNullable(configured);
        }
        // >= and not >: a record modified at the very watermark must not be missed.
        String delta = "dateLastModified>='" + since + "'";
        if (configured == null) {
            return Optional.of(delta);
        }
        int predicates = configured.split(" AND ").length + 1;
        if (predicates > settings.profile().maxFilterPredicates()) {
            throw new ConfigurationException("filter." + type.collection() + " has " + (predicates - 1)
                    + " predicate(s); with the delta predicate that is more than the server's maximum of "
                    + settings.profile().maxFilterPredicates());
        }
        return Optional.of(configured + " AND " + delta);
    }
}
