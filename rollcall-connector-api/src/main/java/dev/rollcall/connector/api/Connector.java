package dev.rollcall.connector.api;

import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.webhook.WebhookSupport;
import dev.rollcall.connector.api.write.RosterWriter;
import java.util.Optional;

/**
 * A connection to one upstream with one configuration, opened by {@link ConnectorFactory#open}.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>A connector reads and writes the upstream and nothing else. It never touches Rollcall's
 *       database and never stores its own position: it returns a {@link Checkpoint} with every
 *       page, and the engine persists it after the page's records are committed (Kafka Connect's
 *       rule). Given that checkpoint, possibly in a new process, it continues where it left off.
 *   <li>Reads are at-least-once: a record may appear on two pages (the engine deduplicates), but
 *       a record that exists upstream for the whole read must appear at least once in a full read.
 *   <li>Every failure is thrown as a classified {@link ConnectorException} (see {@link
 *       ErrorClassifier}); a bad record inside a page is a {@link RecordError}, not an exception.
 *   <li>Time comes from {@link ConnectorContext#clock()}; network calls go through the gateway.
 * </ul>
 *
 * <p><b>Lifecycle.</b> Opened, used for one unit of work, closed by the caller with {@link
 * #close()}, which releases connections and must not throw.
 *
 * <p><b>Threading.</b> The engine calls {@link #read} for one stream from one thread at a time,
 * but may read different streams and call {@link #fetch} from several threads at once; a connector
 * must be safe for that. {@link #close()} is called once, after every other call has returned.
 */
public interface Connector extends AutoCloseable {

    /** Tests the connection and the credentials; expected failures are findings, not exceptions. */
    CheckResult check();

    /**
     * Reads one page of a stream.
     *
     * @throws ConnectorException classified; a retriable one is retried by the engine with the same
     *     request
     */
    Page read(ReadRequest request) throws ConnectorException;

    /**
     * Fetches one record by its external id, for webhook hints and targeted refreshes. Empty when the
     * upstream does not have it (a 404), which the engine may treat as a delete.
     *
     * @throws ConnectorException classified; {@link
     *     dev.rollcall.connector.api.error.DataException} when the record is there but unusable
     */
    Optional<SourceRecord> fetch(String stream, String externalId) throws ConnectorException;

    /** Writes upstream, when the descriptor declares {@link Capability#WRITE}. */
    default Optional<RosterWriter> writer() {
        return Optional.empty();
    }

    /** Webhook verification and parsing, when the descriptor declares {@link Capability#WEBHOOKS}. */
    default Optional<WebhookSupport> webhooks() {
        return Optional.empty();
    }

    @Override
    void close();
}
