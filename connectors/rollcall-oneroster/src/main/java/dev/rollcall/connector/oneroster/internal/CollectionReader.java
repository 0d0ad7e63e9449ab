package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.KnownRecords;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.RecordError;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.UnchangedRecord;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.UpstreamBody;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.json.IsoInstants;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.json.SourceHasher;
import dev.rollcall.connector.api.model.EntityType;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
 *       once and only a run of full pages is kept, so a short page in the middle leaves no gap;
 *   <li>one page at a time, the page the next read most likely asks for is fetched ahead while the
 *       run works on this one; a read that asks for another page fetches that one.
 * </ul>
 *
 * Thread-safe: the position travels in the checkpoint; the only state kept between calls is the
 * page fetched ahead per collection, which a read takes only when it asks for that very URI.
 */
final class CollectionReader {

    private static final System.Logger log = System.getLogger(CollectionReader.class.getName());
    static final int MAX_RESTARTS = 3;

    private final OneRosterSettings settings;
    private final RosterUrls urls;
    private final Supplier<UpstreamClient> client;
    private final OneRosterErrorClassifier classifier;
    private final RecordParser parser = new RecordParser();
    /** The page being fetched ahead, per collection. */
    private final Map<EntityType, Ahead> ahead = new ConcurrentHashMap<>();
    /** One per collection: the connector's reading of a record depends on its collection. */
    private final Map<EntityType, SourceHasher> hashers = new EnumMap<>(EntityType.class);

    CollectionReader(
            OneRosterSettings settings,
            RosterUrls urls,
            Supplier<UpstreamClient> client,
            OneRosterErrorClassifier classifier) {
        this.settings = settings;
        this.urls = urls;
        this.client = client;
        this.classifier = classifier;
        for (EntityType type : EntityType.values()) {
            hashers.put(type, SourceHasher.forReader(READER + "/" + type.collection()));
        }
    }

    /**
     * The name of how this reader turns a record's bytes into a canonical record ({@link
     * RecordParser}): change it whenever that changes, so that stored source hashes stop vouching for
     * records read the old way.
     */
    static final String READER = "oneroster-record-parser-1";

    /** One fetched page: its records and what the server said about the rest. */
    record Fetched(
            long offset,
            int limit,
            List<RawRecord> records,
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
        int overlap = position.anchors().isEmpty() ? 0 : settings.overlapFor(limit);
        List<Fetched> pages = position.totalKnown() && settings.parallelPages() > 1
                ? fetchParallel(type, position, limit, overlap)
                : List.of(fetchAhead(type, position, Math.max(0, position.offset() - overlap), limit));
        // Keep each page from the first record after the anchors it repeats; a page whose overlap does
        // not show them (records moved further than the overlap) ends what this read keeps.
        boolean verify = settings.overlapFor(limit) > 0; // pageOverlap 0: plain offset paging
        List<String> anchors = verify ? position.anchors() : List.of();
        List<RawRecord> fresh = new ArrayList<>();
        Fetched kept = null;
        int freshOnKept = 0;
        for (Fetched page : pages) {
            int repeated = repeated(page, anchors);
            if (repeated < 0) {
                break;
            }
            fresh.addAll(page.records().subList(repeated, page.records().size()));
            anchors = verify ? anchorsAfter(anchors, page.records()) : List.of();
            kept = page;
            freshOnKept = page.records().size() - repeated;
        }
        if (kept == null) {
            // Records before the position went away (or came) by more than the overlap: find the
            // anchors further back before giving up on this position.
            Optional<Fetched> found = searchBack(type, position, limit, anchors);
            if (found.isEmpty()) {
                return startOver(type, position, pages.getFirst());
            }
            Fetched page = found.get();
            int repeated = repeated(page, anchors);
            fresh.addAll(page.records().subList(repeated, page.records().size()));
            anchors = anchorsAfter(anchors, page.records());
            kept = page;
            freshOnKept = page.records().size() - repeated;
        }
        List<SourceRecord> records = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        List<UnchangedRecord> unchanged = new ArrayList<>();
        SourceHasher hasher = hashers.get(type);
        KnownRecords known = request.known();
        for (RawRecord raw : fresh) {
            Checksum hash = raw.hash(hasher);
            if (hash != null && known != null && !raw.sourcedId().isBlank() && known.unchanged(raw.sourcedId(), hash)) {
                // The store holds these very bytes: no need to read them into the model again.
                unchanged.add(new UnchangedRecord(raw.sourcedId(), IsoInstants.parse(raw.dateLastModified())));
                continue;
            }
            switch (parser.parse(type, raw)) {
                case RecordParser.Good good -> records.add(good.record().withSourceHash(hash));
                case RecordParser.Bad bad -> errors.add(bad.error());
            }
        }
        return finish(type, position, kept, freshOnKept, anchors, records, errors, unchanged);
    }

    /**
     * How many leading records of the page were read before: the position just after the latest
     * anchor found on it (0 when there is nothing to check), or -1 when none of the anchors is on a
     * page that has records, i.e. more records moved before the read position than the overlap
     * covers. Records removed before the position shift the anchor toward the start of the page,
     * records added shift it further in; either way, reading resumes right after it.
     */
    static int repeated(Fetched page, List<String> anchors) {
        if (anchors.isEmpty() || page.records().isEmpty()) {
            return 0;
        }
        List<String> ids = page.records().stream().map(RawRecord::sourcedId).toList();
        for (int i = anchors.size() - 1; i >= 0; i--) {
            int at = ids.lastIndexOf(anchors.get(i));
            if (at >= 0) {
                return at + 1;
            }
        }
        return -1;
    }

    /**
     * Pages ever further before the position (half a page back, then one, two, four …, down to
     * offset 0) until one shows an anchor: a few requests instead of reading the collection again
     * when many records before the position were removed.
     */
    private Optional<Fetched> searchBack(EntityType type, ReadPosition position, int limit, List<String> anchors)
            throws ConnectorException {
        for (long window = Math.max(1, limit / 2); ; window *= 2) {
            long offset = Math.max(0, position.offset() - window);
            Fetched page = fetch(type, position, offset, limit);
            if (!page.records().isEmpty() && repeated(page, anchors) > 0) {
                return Optional.of(page);
            }
            if (offset == 0) {
                return Optional.empty();
            }
        }
    }

    /**
     * The last {@value ReadPosition#ANCHORS} distinct sourcedIds, oldest first, of the anchors followed
     * by the page's records, each id where it occurs last. Walks back from the end of the page and
     * stops once it has them: a page has thousands of records and only its last few matter.
     */
    static List<String> anchorsAfter(List<String> anchors, List<RawRecord> records) {
        List<String> newestFirst = new ArrayList<>(ReadPosition.ANCHORS);
        for (int i = records.size() - 1; i >= 0 && newestFirst.size() < ReadPosition.ANCHORS; i--) {
            String id = records.get(i).sourcedId();
            if (!id.isEmpty() && !newestFirst.contains(id)) {
                newestFirst.add(id);
            }
        }
        for (int i = anchors.size() - 1; i >= 0 && newestFirst.size() < ReadPosition.ANCHORS; i--) {
            if (!newestFirst.contains(anchors.get(i))) {
                newestFirst.add(anchors.get(i));
            }
        }
        return List.copyOf(newestFirst.reversed());
    }

    /**
     * Records moved further than the overlap since the last page (many removed before the read
     * position): no offset is known to be safe, so the read starts over from the first record; the
     * engine takes records it sees twice once. A read that has to start over {@value #MAX_RESTARTS}
     * times fails rather than risk skipping records.
     */
    private Page startOver(EntityType type, ReadPosition position, Fetched page) throws ConnectorException {
        if (position.restarts() >= MAX_RESTARTS) {
            throw new RetriableException("the " + type.collection() + " kept changing while they were read: the records"
                    + " before offset " + position.offset() + " moved by more than the page overlap "
                    + MAX_RESTARTS + " times (raise pageOverlap, or sync when the upstream is quieter)");
        }
        log.log(
                System.Logger.Level.WARNING,
                "{0}: none of the last records read ({1}) is on the page at offset {2}: records moved during the"
                        + " read; reading the collection again from the start",
                type.collection(),
                position.anchors(),
                page.offset());
        return new Page(List.of(), List.of(), position.restart().checkpoint(), false, page.total());
    }

    private Page finish(
            EntityType type,
            ReadPosition position,
            Fetched page,
            int fresh,
            List<String> anchors,
            List<SourceRecord> records,
            List<RecordError> errors,
            List<UnchangedRecord> unchanged)
            throws ConnectorException {
        int received = page.records().size();
        long nextOffset = page.offset() + received;
        long total = page.total() != null ? page.total() : position.total();
        boolean totalKnown = total >= 0;
        if (fresh == 0) { // an empty page, or only the overlap again
            if (totalKnown && nextOffset < total) {
                throw new RetriableException("the page of " + type.collection() + " at offset " + nextOffset
                        + " was empty, but the server counts " + total + " records: reading it again");
            }
            return new Page(records, errors, null, true, totalKnown ? total : null, unchanged);
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
            return new Page(records, errors, null, true, totalKnown ? total : null, unchanged);
        }
        ReadPosition next = position.advance(nextOffset, totalKnown ? total : -1, serverMax, anchors);
        return new Page(records, errors, next.checkpoint(), false, totalKnown ? total : null, unchanged);
    }

    /**
     * The next pages at once, while the total says they exist, each asking again for the last
     * {@code overlap} records of the one before it; keeps them up to and including the first that is
     * not full, since the pages after it would leave a gap.
     */
    private List<Fetched> fetchParallel(EntityType type, ReadPosition position, int limit, int overlap)
            throws ConnectorException {
        int step = limit - settings.overlapFor(limit);
        List<Long> offsets = new ArrayList<>();
        offsets.add(Math.max(0, position.offset() - overlap));
        for (long offset = offsets.getFirst() + step;
                offset < position.total() && offsets.size() < settings.parallelPages();
                offset += step) {
            offsets.add(offset);
        }
        if (offsets.size() <= 1) {
            return List.of(fetch(type, position, offsets.getFirst(), limit));
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

    /**
     * The page at the offset: the one fetched ahead when it is that page (its failure, if it failed,
     * is this read's), else fetched now. Either way the page most likely asked for next is then
     * fetched ahead, on a virtual thread, so that the server makes and sends it and its body is
     * parsed while the run works on this one. At most one
     * page per collection is ahead, each asked for once.
     */
    private Fetched fetchAhead(EntityType type, ReadPosition position, long offset, int limit)
            throws ConnectorException {
        Ahead waiting = ahead.remove(type);
        Fetched page;
        if (waiting != null && waiting.uri().equals(uri(type, position, offset, limit))) {
            try {
                page = waiting.page().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ConnectorException failure) {
                    throw failure;
                }
                throw classifier.classify(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw classifier.classify(e);
            }
        } else {
            page = fetch(type, position, offset, limit);
        }
        fetchNextAhead(type, position, page, limit);
        return page;
    }

    /** Starts fetching the page after this full one, unless this one is the last or pages come in parallel. */
    private void fetchNextAhead(EntityType type, ReadPosition position, Fetched page, int limit)
            throws ConfigurationException {
        if (settings.parallelPages() > 1) {
            return; // the next read fetches several pages at once
        }
        int received = page.records().size();
        if (received == 0 || received < limit) {
            return; // the last page, or a server that hands out fewer than asked: the next read differs
        }
        long next = page.offset() + received;
        Long total = page.total() != null ? page.total() : position.totalKnown() ? position.total() : null;
        if ((total != null && next >= total) || (total == null && Boolean.FALSE.equals(page.hasNext()))) {
            return;
        }
        long offset = Math.max(0, next - settings.overlapFor(limit)); // the next read repeats the overlap
        URI uri = uri(type, position, offset, limit);
        CompletableFuture<Fetched> future = new CompletableFuture<>();
        Thread.ofVirtual().name("oneroster-read-ahead").start(() -> {
            try {
                // The body is read ahead too: each record's offsets and a few of its members.
                future.complete(read(send(type, position, offset, limit), type, offset, limit));
            } catch (Throwable failure) {
                future.completeExceptionally(failure);
            }
        });
        ahead.put(type, new Ahead(uri, future));
    }

    /** A page being fetched ahead, and the URI it answers. */
    private record Ahead(URI uri, CompletableFuture<Fetched> page) {}

    /** The URI of one page of the collection. */
    private URI uri(EntityType type, ReadPosition position, long offset, int limit) throws ConfigurationException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        query.put("offset", Long.toString(offset));
        filter(type, position.mode(), position.since()).ifPresent(filter -> query.put("filter", filter));
        List<String> fields = settings.fields().get(type);
        if (fields != null) {
            query.put("fields", String.join(",", fields));
        }
        return urls.collection(type, query);
    }

    /**
     * GETs one page and reads what the server says about the rest, and where each record's bytes
     * are; no record is read into the model yet.
     */
    Fetched fetch(EntityType type, ReadPosition position, long offset, int limit) throws ConnectorException {
        return read(send(type, position, offset, limit), type, offset, limit);
    }

    /** One page's answer, as the server sent it. */
    private record Sent(String described, UpstreamResponse response) {}

    private Sent send(EntityType type, ReadPosition position, long offset, int limit) throws ConnectorException {
        URI uri = uri(type, position, offset, limit);
        String described = "GET " + uri.getRawPath() + " (offset " + offset + ")";
        UpstreamRequest request = UpstreamRequest.get(uri, type.collection())
                .withPriority(
                        position.mode() == ReadMode.FULL
                                ? UpstreamRequest.Priority.FULL_SYNC
                                : UpstreamRequest.Priority.DELTA_SYNC);
        return new Sent(described, client.get().send(request));
    }

    private Fetched read(Sent sent, EntityType type, long offset, int limit) throws ConnectorException {
        try {
            if (!sent.response().isSuccess()) {
                throw UpstreamFailure.status(UpstreamFailure.Purpose.READ, sent.described(), sent.response());
            }
            return parse(type, sent.described(), offset, limit, sent.response());
        } catch (UpstreamFailure failure) {
            throw classifier.classify(failure);
        }
    }

    private Fetched parse(EntityType type, String described, long offset, int limit, UpstreamResponse response)
            throws UpstreamFailure, ConfigurationException {
        Body body;
        try {
            body = Body.read(response.content(), type.collection());
        } catch (JacksonException e) {
            throw UpstreamFailure.malformed(
                    UpstreamFailure.Purpose.READ,
                    described,
                    response,
                    response.content().length() + " bytes that do not parse: " + e.getOriginalMessage());
        }
        if (body == null) {
            throw UpstreamFailure.malformed(
                    UpstreamFailure.Purpose.READ, described, response, "the body is not a JSON object");
        }
        Long total = total(response, body.members());
        if (!body.hasCollection() && (body.collectionIsNotArray() || total == null || total > 0)) {
            throw new ConfigurationException(described + " answered " + response.status() + " without a '"
                    + type.collection() + "' array: this is not a OneRoster collection; check baseUrl and pathPrefix");
        }
        return new Fetched(offset, limit, body.records(), total, hasNext(response), response);
    }

    /**
     * A page's body read in one pass: its collection's records as {@link RawRecord}s (their bytes,
     * not their trees) and its other top-level members whose values are not containers (where a
     * total may be).
     */
    record Body(List<RawRecord> records, boolean hasCollection, boolean collectionIsNotArray, ObjectNode members) {

        /** The body, or null when it is not a JSON object. */
        static @Nullable Body read(UpstreamBody bytes, String collection) {
            try (JsonParser parser = parser(bytes)) {
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    return null;
                }
                if (parser.currentTokenLocation().getByteOffset() < 0) {
                    return fromTree(RosterJson.mapper().readTree(bytes.stream()), collection); // not counted in bytes
                }
                List<RawRecord> records = new ArrayList<>();
                boolean found = false;
                boolean notArray = false;
                ObjectNode members = RosterJson.mapper().createObjectNode();
                for (JsonToken token = parser.nextToken();
                        token == JsonToken.PROPERTY_NAME;
                        token = parser.nextToken()) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals(collection)) {
                        found = value == JsonToken.START_ARRAY;
                        notArray = !found;
                        records.clear(); // the last one counts, as in a tree
                        if (found) {
                            for (JsonToken element = parser.nextToken();
                                    element != JsonToken.END_ARRAY;
                                    element = parser.nextToken()) {
                                records.add(RawRecord.read(parser, bytes));
                            }
                        } else {
                            parser.skipChildren();
                        }
                    } else if (value.isScalarValue()) {
                        members.set(name, RawRecord.valueAt(parser));
                    } else {
                        parser.skipChildren();
                    }
                }
                if (parser.nextToken() != null) {
                    throw new tools.jackson.core.exc.StreamReadException(parser, "trailing content after the body");
                }
                return new Body(records, found, notArray, members);
            }
        }

        /** A parser of the body: straight from its array when it is one, else from its segments in turn. */
        private static JsonParser parser(UpstreamBody bytes) {
            if (bytes.isOneSegment()) {
                UpstreamBody.Range all = bytes.range(0, bytes.length());
                return RosterJson.mapper().createParser(all.array(), all.offset(), all.length());
            }
            return RosterJson.mapper().createParser(bytes.stream());
        }

        private static @Nullable Body fromTree(JsonNode body, String collection) {
            if (body == null || !body.isObject()) {
                return null;
            }
            JsonNode array = body.get(collection);
            List<RawRecord> records = new ArrayList<>();
            if (array != null && array.isArray()) {
                array.forEach(record -> records.add(RawRecord.of(record)));
            }
            return new Body(
                    records, array != null && array.isArray(), array != null && !array.isArray(), (ObjectNode) body);
        }
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
