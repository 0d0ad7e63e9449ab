package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.CheckResult;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorContext;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.webhook.WebhookSupport;
import dev.rollcall.connector.api.write.RosterWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A connection to one OneRoster server. Reads and fetches go through the gateway's client for the
 * integration; the read position travels in checkpoints, never in this object, so any instance can
 * continue any read.
 *
 * <p>Thread-safe: {@link #read} of different streams and {@link #fetch} may run at once; the client
 * is made once, on first use. {@link #close()} is idempotent; the gateway owns the client, so there
 * is nothing else to release.
 */
public final class OneRosterConnector implements Connector {

    private final OneRosterSettings settings;
    private final ConnectorContext context;
    private final OneRosterErrorClassifier classifier;
    private final RosterUrls urls;
    private final Supplier<UpstreamClient> client;
    private final CollectionReader reader;
    private final RecordParser parser = new RecordParser();
    private final AtomicBoolean closed = new AtomicBoolean();

    public OneRosterConnector(OneRosterSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
        this.classifier = new OneRosterErrorClassifier(context.clock());
        this.urls = new RosterUrls(settings.baseUrl(), settings.pathPrefix(), settings.trailingSlash());
        this.client = memoize(() -> context.http().client(clientSpec(settings)));
        this.reader = new CollectionReader(settings, urls, client, classifier);
    }

    static ClientSpec clientSpec(OneRosterSettings settings) {
        return ClientSpec.of(settings.baseUrl(), settings.auth())
                .withTimeouts(settings.connectTimeout(), settings.readTimeout());
    }

    @Override
    public CheckResult check() {
        return new ConnectionDoctor(settings, context.clock(), urls, client, classifier).examine();
    }

    @Override
    public Page read(ReadRequest request) throws ConnectorException {
        ensureOpen();
        return reader.read(request, stream(request.stream()));
    }

    @Override
    public Optional<SourceRecord> fetch(String stream, String externalId) throws ConnectorException {
        ensureOpen();
        EntityType type = stream(stream);
        URI uri = urls.record(type, externalId);
        String described = "GET " + uri.getRawPath();
        UpstreamResponse response = client.get()
                .send(UpstreamRequest.get(uri, type.collection() + "/{id}")
                        .withPriority(UpstreamRequest.Priority.WEBHOOK));
        if (response.status() == 404) {
            return Optional.empty();
        }
        try {
            if (!response.isSuccess()) {
                throw UpstreamFailure.status(UpstreamFailure.Purpose.FETCH, described, response);
            }
            JsonNode body;
            try {
                body = RosterJson.mapper().readTree(response.body());
            } catch (JacksonException e) {
                throw UpstreamFailure.malformed(
                        UpstreamFailure.Purpose.FETCH,
                        described,
                        response,
                        "does not parse: " + e.getOriginalMessage());
            }
            JsonNode record = single(type, body);
            if (record == null) {
                throw UpstreamFailure.malformed(
                        UpstreamFailure.Purpose.FETCH,
                        described,
                        response,
                        "no '" + Wrappers.singular(type) + "' object in the body");
            }
            return switch (parser.parse(type, record)) {
                case RecordParser.Good good -> Optional.of(good.record());
                case RecordParser.Bad bad ->
                    throw new DataException(
                            type.collection() + " " + externalId + " cannot be read: "
                                    + bad.error().reason(),
                            externalId,
                            null);
            };
        } catch (UpstreamFailure failure) {
            throw classifier.classify(failure);
        }
    }

    /** The record under its singular wrapper ({@code {"user": {...}}}), or the only object member. */
    private static JsonNode single(EntityType type, JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode wrapped = body.get(Wrappers.singular(type));
        if (wrapped != null && wrapped.isObject()) {
            return wrapped;
        }
        if (body.size() == 1) {
            JsonNode only = body.valueStream().findFirst().orElse(null);
            return only != null && only.isObject() ? only : null;
        }
        return body.has("sourcedId") ? body : null;
    }

    @Override
    public Optional<WebhookSupport> webhooks() {
        return Optional.of(new OneRosterWebhooks(parser));
    }

    @Override
    public Optional<RosterWriter> writer() {
        if (!settings.writes()) {
            return Optional.empty();
        }
        return Optional.of(new OneRosterWriter(settings, urls, client, classifier));
    }

    @Override
    public void close() {
        closed.set(true); // the gateway owns the client; nothing else is held
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this connector was closed");
        }
    }

    private EntityType stream(String stream) throws ConfigurationException {
        EntityType type = EntityType.fromCollection(stream)
                .orElseThrow(() -> new ConfigurationException("stream '" + stream + "' is not a OneRoster rostering "
                        + "collection; the streams are " + Wrappers.STREAMS));
        if (!settings.streams().contains(type)) {
            throw new ConfigurationException(
                    "stream '" + stream + "' is not enabled for this integration (setting 'streams')");
        }
        return type;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        result = value;
                        if (result == null) {
                            result = supplier.get();
                            value = result;
                        }
                    }
                }
                return result;
            }
        };
    }
}
