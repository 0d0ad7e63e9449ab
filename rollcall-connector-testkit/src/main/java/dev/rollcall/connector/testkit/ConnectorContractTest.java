package dev.rollcall.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rollcall.connector.api.Capability;
import dev.rollcall.connector.api.CheckResult;
import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.RecordError;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.StreamSpec;
import dev.rollcall.connector.api.config.ConfigField;
import dev.rollcall.connector.api.config.ConfigProblem;
import dev.rollcall.connector.api.config.ConfigValidation;
import dev.rollcall.connector.api.error.AuthenticationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.ErrorKind;
import dev.rollcall.connector.api.json.Checksum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every connector passes, extended once per connector and upstream (Bucket4j's {@code
 * AbstractDistributedBucketTest} and Airbyte's {@code SourceAcceptanceTest} are the models). The
 * subclass supplies the factory and a {@link ContractFixture}; which tests apply follows from the
 * descriptor's {@link Capability capabilities} and from what the fixture can do.
 *
 * <p>Invariants checked:
 *
 * <ul>
 *   <li>the descriptor is consistent and the factory is found through {@link ServiceLoader};
 *   <li>the config spec reports every problem of a bad configuration at once;
 *   <li>a full read returns every expected record exactly (by external id and checksum), with a
 *       checkpoint on every page but the last; two full reads are identical;
 *   <li>resuming from any page's checkpoint in a fresh connector instance loses nothing;
 *   <li>a delta read returns what changed since a watermark, deletes included, and records
 *       modified exactly at the watermark; a delta read from the beginning equals a full read; a
 *       delta read after the last change returns nothing;
 *   <li>fetch by id returns the record as a full read does; a missing id is empty;
 *   <li>bad credentials raise an {@link AuthenticationException}, which is not retriable, and the
 *       check fails;
 *   <li>a page with one bad record yields one {@link RecordError} and every other record;
 *   <li>close is idempotent.
 * </ul>
 *
 * Reads retry retriable failures as the engine does ({@link #retriesPerPage()}), so the suite also
 * runs against upstreams that inject faults: every read either completes with every record or
 * fails with a classified error.
 */
public abstract class ConnectorContractTest {

    /** A bound on the pages of one read: a connector that never says "last" fails instead of hanging. */
    private static final int MAX_PAGES = 10_000;

    private ContractFixture fixture;
    private final List<Connector> opened = new ArrayList<>();

    /** The connector under test. */
    protected abstract ConnectorFactory factory();

    /** A fresh upstream with a known dataset; called before each test and closed after it. */
    protected abstract ContractFixture openFixture() throws Exception;

    /** The page size asked for: small, so that every stream has several pages. */
    protected int pageSize() {
        return 50;
    }

    /** How many times one page request is retried when it fails retriably (the engine's budget). */
    protected int retriesPerPage() {
        return 10;
    }

    /** At most how many checkpoints of one read are resumed from (spread evenly over the read). */
    protected int resumePoints() {
        return 6;
    }

    @BeforeEach
    final void openUpstream() throws Exception {
        fixture = openFixture();
    }

    @AfterEach
    final void closeUpstream() {
        opened.forEach(Connector::close);
        opened.clear();
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The fixture of the current test. */
    protected final ContractFixture fixture() {
        return fixture;
    }

    /** Validates {@code raw} with the connector's spec and opens a connector that the suite closes. */
    protected final Connector open(Map<String, Object> raw) throws ConnectorException {
        ConfigValidation validation = factory().descriptor().configSpec().validate(raw);
        assertThat(validation.problems())
                .as("problems of the fixture's configuration")
                .isEmpty();
        Connector connector = factory().open(validation.config(), fixture.context());
        opened.add(connector);
        return connector;
    }

    protected final StreamRead readAll(Connector connector, ReadRequest first) throws ConnectorException {
        return StreamRead.of(connector, first, MAX_PAGES, retriesPerPage());
    }

    private StreamRead fullRead(Connector connector, String stream) throws ConnectorException {
        return readAll(connector, ReadRequest.full(stream, null, pageSize()));
    }

    // ---------------------------------------------------------------- descriptor and config

    @Test
    void descriptorIsConsistent() {
        ConnectorDescriptor descriptor = factory().descriptor();
        assertThat(descriptor.displayName()).isNotBlank();
        assertThat(descriptor.description()).isNotBlank();
        assertThat(descriptor.streams()).isNotEmpty();
        assertThat(descriptor.streams().stream().map(StreamSpec::name))
                .as("stream names")
                .doesNotHaveDuplicates();
        assertThat(descriptor.streams())
                .allSatisfy(stream -> assertThat(stream.modes()).contains(ReadMode.FULL));
        boolean anyDelta =
                descriptor.streams().stream().anyMatch(stream -> stream.modes().contains(ReadMode.DELTA));
        assertThat(anyDelta)
                .as("a stream reads DELTA exactly when the descriptor declares DELTA_READ")
                .isEqualTo(descriptor.supports(Capability.DELTA_READ));
        assertThat(descriptor.configSpec().fields())
                .filteredOn(ConfigField::secret)
                .allSatisfy(field -> assertThat(field.defaultValue()).isNull());
        assertThat(fixture.expected().streamNames())
                .allSatisfy(stream -> assertThat(descriptor.stream(stream)).isPresent());
        assertThat(descriptor)
                .as("descriptor() is constant")
                .isEqualTo(factory().descriptor());

        List<ConnectorFactory> found = ServiceLoader.load(ConnectorFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory.descriptor().type().equals(descriptor.type()))
                .toList();
        assertThat(found)
                .as("factories of type " + descriptor.type() + " found by ServiceLoader")
                .hasSize(1);
        assertThat(found.getFirst()).isInstanceOf(factory().getClass());
    }

    @Test
    void configSpecReportsEveryProblemAtOnce() {
        ContractFixture.InvalidConfig invalid = fixture.invalidConfig();
        assertThat(invalid.problemFields())
                .as("the fixture's invalid config has several problems")
                .hasSizeGreaterThan(1);
        ConfigValidation validation = factory().descriptor().configSpec().validate(invalid.raw());
        assertThat(validation.valid()).isFalse();
        assertThat(validation.problems().stream().map(ConfigProblem::field).collect(Collectors.toSet()))
                .containsAll(invalid.problemFields());
        assertThat(validation.problems())
                .allSatisfy(problem -> assertThat(problem.reason()).isNotBlank());
        assertThat(factory()
                        .descriptor()
                        .configSpec()
                        .validate(fixture.config())
                        .problems())
                .isEmpty();
    }

    @Test
    void checkPassesWithAWorkingConfig() throws ConnectorException {
        Connector connector = open(fixture.config());
        CheckResult result = connector.check();
        // An upstream that injects faults may fail one check; the engine would check again.
        for (int attempt = 1; result.status() == CheckResult.Status.FAILED && attempt <= retriesPerPage(); attempt++) {
            result = connector.check();
        }
        assertThat(result.status()).as("check findings: %s", result.findings()).isNotEqualTo(CheckResult.Status.FAILED);
        assertThat(result.findings()).isNotEmpty();
    }

    // ---------------------------------------------------------------- full reads

    @Test
    void fullReadReturnsEveryRecordExactlyAsExpected() throws ConnectorException {
        Connector connector = open(fixture.config());
        for (String stream : fixture.expected().streamNames()) {
            StreamRead read = fullRead(connector, stream);
            assertThat(read.errors()).as("record errors in %s", stream).isEmpty();
            assertSame(stream, read.checksums(), fixture.expected().stream(stream));
            List<Page> pages = read.pages();
            for (int i = 0; i < pages.size() - 1; i++) {
                Checkpoint next = pages.get(i).next();
                assertThat(next).as("checkpoint of page %d of %s", i, stream).isNotNull();
                assertThat(next.value().length()).as("checkpoint size").isLessThan(1024);
            }
            assertThat(pages.getLast().next()).isNull();
            assertThat(pages.stream()
                            .mapToInt(page -> page.records().size())
                            .max()
                            .orElse(0))
                    .as("largest page of %s", stream)
                    .isLessThanOrEqualTo(pageSize());
        }
    }

    @Test
    void twoFullReadsAreIdentical() throws ConnectorException {
        String stream = biggestStream();
        Map<String, Checksum> first = fullRead(open(fixture.config()), stream).checksums();
        Map<String, Checksum> second = fullRead(open(fixture.config()), stream).checksums();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void resumingFromAnyCheckpointInAFreshConnectorLosesNothing() throws ConnectorException {
        String stream = biggestStream();
        StreamRead read = fullRead(open(fixture.config()), stream);
        List<Page> pages = read.pages();
        assumeThat(pages.size()).as("pages of " + stream).isGreaterThan(1);
        int points = Math.min(resumePoints(), pages.size() - 1);
        Set<Integer> resumeAfter = new java.util.TreeSet<>();
        for (int i = 0; i < points; i++) {
            resumeAfter.add((int) ((long) i * (pages.size() - 1) / points));
        }
        resumeAfter.add(pages.size() - 2);
        for (int index : resumeAfter) {
            Checkpoint checkpoint = pages.get(index).next();
            // a new instance, as after a crash: only the checkpoint string survives
            Connector fresh = open(fixture.config());
            StreamRead rest = readAll(fresh, ReadRequest.full(stream, new Checkpoint(checkpoint.value()), pageSize()));
            Map<String, Checksum> combined = new LinkedHashMap<>(StreamRead.checksums(pages.subList(0, index + 1)));
            combined.putAll(rest.checksums());
            assertSame(stream + " resumed after page " + index, combined, fixture.expected().stream(stream));
        }
    }

    // ---------------------------------------------------------------- delta reads

    @Test
    void deltaFromTheBeginningEqualsAFullRead() throws ConnectorException {
        assumeThat(factory().descriptor().supports(Capability.DELTA_READ)).isTrue();
        Connector connector = open(fixture.config());
        for (String stream : deltaStreams()) {
            StreamRead delta = readAll(connector, ReadRequest.delta(stream, Instant.EPOCH, null, pageSize()));
            assertSame(stream + " delta from the epoch", delta.checksums(), fixture.expected().stream(stream));
        }
    }

    @Test
    void deltaReturnsWhatChangedSinceTheWatermarkDeletesAndBoundaryIncluded() throws ConnectorException {
        assumeThat(factory().descriptor().supports(Capability.DELTA_READ)).isTrue();
        Optional<ContractFixture.Changes> made = fixture.change();
        assumeThat(made).as("the fixture can change the upstream").isPresent();
        ContractFixture.Changes changes = made.get();
        ExpectedDataset after = fixture.expected();
        Connector connector = open(fixture.config());
        Instant latest = Instant.EPOCH;
        for (Map.Entry<String, Set<String>> entry : changes.changed().entrySet()) {
            String stream = entry.getKey();
            StreamRead delta = readAll(connector, ReadRequest.delta(stream, changes.since(), null, pageSize()));
            Map<String, Checksum> read = delta.checksums();
            assertThat(read.keySet()).as("ids a delta of %s returned", stream).containsAll(entry.getValue());
            for (SourceRecord record : delta.records()) {
                assertThat(record.sourceUpdatedAt())
                        .as("modification time of %s in a delta of %s", record.externalId(), stream)
                        .isNotNull()
                        .isAfterOrEqualTo(changes.since());
                if (record.sourceUpdatedAt().isAfter(latest)) {
                    latest = record.sourceUpdatedAt();
                }
                assertThat(read.get(record.externalId()))
                        .as("content of %s", record.externalId())
                        .isEqualTo(after.stream(stream).get(record.externalId()));
            }
            Set<String> deleted = delta.records().stream()
                    .filter(SourceRecord::deleted)
                    .map(SourceRecord::externalId)
                    .collect(Collectors.toSet());
            assertThat(deleted)
                    .as("deletes reported by a delta of %s", stream)
                    .containsAll(changes.deleted().getOrDefault(stream, Set.of()));

            // the boundary: records modified exactly at the watermark are included
            Instant boundary = delta.records().stream()
                    .map(SourceRecord::sourceUpdatedAt)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            Set<String> atBoundary = delta.records().stream()
                    .filter(record -> record.sourceUpdatedAt().equals(boundary))
                    .map(SourceRecord::externalId)
                    .collect(Collectors.toSet());
            StreamRead fromBoundary = readAll(connector, ReadRequest.delta(stream, boundary, null, pageSize()));
            assertThat(fromBoundary.checksums().keySet())
                    .as("records of %s modified exactly at the watermark %s", stream, boundary)
                    .containsAll(atBoundary);
        }
        // nothing changed after the last change
        Instant afterLast = latest.plusMillis(1);
        for (String stream : changes.changed().keySet()) {
            StreamRead nothing = readAll(connector, ReadRequest.delta(stream, afterLast, null, pageSize()));
            assertThat(nothing.records())
                    .as("a delta of %s after the last change", stream)
                    .isEmpty();
        }
    }

    // ---------------------------------------------------------------- fetch

    @Test
    void fetchByIdReturnsTheRecordAndAMissingIdIsEmpty() throws ConnectorException {
        assumeThat(factory().descriptor().supports(Capability.FETCH_BY_ID)).isTrue();
        Connector connector = open(fixture.config());
        for (String stream : fixture.expected().streamNames()) {
            Map<String, Checksum> expected = fixture.expected().stream(stream);
            List<String> ids = new ArrayList<>(expected.keySet());
            for (String id : List.of(ids.getFirst(), ids.get(ids.size() / 2), ids.getLast())) {
                Optional<SourceRecord> fetched = retrying(() -> connector.fetch(stream, id));
                assertThat(fetched).as("fetch of %s %s", stream, id).isPresent();
                assertThat(fetched.get().externalId()).isEqualTo(id);
                assertThat(ExpectedDataset.checksumOf(fetched.get())).isEqualTo(expected.get(id));
            }
            String missing = "rollcall-contract-missing-" + UUID.randomUUID();
            assertThat(retrying(() -> connector.fetch(stream, missing)))
                    .as("fetch of a missing %s", stream)
                    .isEmpty();
        }
    }

    // ---------------------------------------------------------------- failures

    @Test
    void badCredentialsRaiseAnAuthenticationErrorThatIsNotRetried() throws ConnectorException {
        Connector connector = open(fixture.configWithBadCredentials());
        String stream = fixture.expected().streamNames().getFirst();
        assertThatThrownBy(() -> connector.read(ReadRequest.full(stream, null, pageSize())))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(thrown -> {
                    ConnectorException exception = (ConnectorException) thrown;
                    assertThat(exception.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                    assertThat(exception.isRetriable()).isFalse();
                    assertThat(exception.getMessage()).isNotBlank();
                });
        assertThat(connector.check().status()).isEqualTo(CheckResult.Status.FAILED);
    }

    @Test
    void aPageWithOneBadRecordYieldsOneRecordErrorAndEveryOtherRecord() throws ConnectorException {
        String stream = biggestStream();
        Map<String, Checksum> before = fixture.expected().stream(stream);
        Optional<String> injected = fixture.injectBadRecord(stream);
        assumeThat(injected).as("the fixture can hold a bad record").isPresent();
        StreamRead read = fullRead(open(fixture.config()), stream);
        assertThat(read.errors()).as("record errors").hasSize(1);
        RecordError error = read.errors().getFirst();
        assertThat(error.externalId()).isEqualTo(injected.get());
        assertThat(error.reason()).as("the reason names a field").contains(":");
        assertThat(error.payload()).as("the raw record is kept for replay").isNotNull();
        assertSame(stream + " around a bad record", read.checksums(), before);
    }

    @Test
    void closeIsIdempotent() throws ConnectorException {
        Connector connector = open(fixture.config());
        connector.close();
        connector.close();
    }

    // ---------------------------------------------------------------- helpers

    /** A call that may fail retriably, retried as the engine does. */
    @FunctionalInterface
    protected interface ConnectorCall<T> {
        T call() throws ConnectorException;
    }

    protected final <T> T retrying(ConnectorCall<T> call) throws ConnectorException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (ConnectorException e) {
                if (!e.isRetriable() || attempt > retriesPerPage()) {
                    throw e;
                }
            }
        }
    }

    private List<String> deltaStreams() {
        ConnectorDescriptor descriptor = factory().descriptor();
        return fixture.expected().streamNames().stream()
                .filter(stream -> descriptor.stream(stream)
                        .map(spec -> spec.modes().contains(ReadMode.DELTA))
                        .orElse(false))
                .toList();
    }

    private String biggestStream() {
        return fixture.expected().streams().entrySet().stream()
                .max(Comparator.comparingInt(entry -> entry.getValue().size()))
                .orElseThrow()
                .getKey();
    }

    /** Equal maps, with a failure that names the missing, extra and changed ids (a few of each). */
    protected static void assertSame(String what, Map<String, Checksum> actual, Map<String, Checksum> expected) {
        if (actual.equals(expected)) {
            return;
        }
        Set<String> missing = new HashSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        Set<String> extra = new HashSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        Map<String, String> changed = new HashMap<>();
        expected.forEach((id, checksum) -> {
            if (actual.containsKey(id) && !actual.get(id).equals(checksum)) {
                changed.put(id, "expected " + checksum + " but read " + actual.get(id));
            }
        });
        throw new AssertionError(what + ": " + actual.size() + " records read, " + expected.size() + " expected; "
                + missing.size() + " missing " + sample(missing) + ", " + extra.size() + " extra " + sample(extra)
                + ", " + changed.size() + " different " + sample(changed.keySet()));
    }

    private static List<String> sample(Set<String> ids) {
        return ids.stream().sorted().limit(5).toList();
    }
}
