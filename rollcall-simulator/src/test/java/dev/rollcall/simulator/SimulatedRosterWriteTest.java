package dev.rollcall.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.simulator.data.RosterGenerator;
import dev.rollcall.simulator.data.Scale;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes into the overlay: allocation, clients' own ids merged in order, soft deletes, change events. */
class SimulatedRosterWriteTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2025-09-01T12:00:00Z");

    private SimulatedRoster roster;
    private final List<SimulatedRoster.Change> changes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        roster = new SimulatedRoster(
                new RosterGenerator(42, Scale.SMALL, Instant.parse("2025-08-01T00:00:00Z")),
                Clock.fixed(NOW, ZoneOffset.UTC));
        roster.onChange(changes::add);
    }

    private static ObjectNode org(String sourcedId) {
        ObjectNode org = JSON.createObjectNode();
        if (sourcedId != null) {
            org.put("sourcedId", sourcedId);
        }
        org.put("status", "active");
        org.put("name", "Written " + sourcedId);
        org.put("type", "school");
        return org;
    }

    private List<String> ids(String collection) {
        List<String> ids = new ArrayList<>();
        roster.forEach(collection, record -> ids.add(record.path("sourcedId").asString()));
        return ids;
    }

    @Test
    void allocatesTheNextIdOfThePatternAndStampsTheTime() {
        int before = roster.size("orgs");
        String last = ids("orgs").getLast();

        SimulatedRoster.Written written = roster.put("orgs", org(null));

        assertThat(written.created()).isTrue();
        assertThat(written.sourcedId()).startsWith("org-").isGreaterThan(last);
        assertThat(written.record().path("dateLastModified").asString()).isEqualTo("2025-09-01T12:00:00.000Z");
        assertThat(roster.size("orgs")).isEqualTo(before + 1);
        assertThat(roster.positional("orgs")).isTrue();
        assertThat(ids("orgs").getLast()).isEqualTo(written.sourcedId());
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo("created");
            assertThat(change.sourcedId()).isEqualTo(written.sourcedId());
        });
    }

    @Test
    void clientIdsAreMergedInSourcedIdOrderAndReplacedInPlace() {
        int before = roster.size("orgs");

        assertThat(roster.put("orgs", org("aaa-first")).created()).isTrue();
        assertThat(roster.put("orgs", org("zzz-last")).created()).isTrue();
        assertThat(roster.put("orgs", org("zzz-last")).created()).isFalse();

        List<String> ids = ids("orgs");
        assertThat(ids).hasSize(before + 2).isSorted();
        assertThat(ids.getFirst()).isEqualTo("aaa-first");
        assertThat(ids.getLast()).isEqualTo("zzz-last");
        assertThat(roster.positional("orgs")).isFalse();
        assertThat(roster.get("orgs", "zzz-last")).isPresent();
        assertThat(roster.changedRecords("orgs"))
                .extracting(record -> record.path("sourcedId").asString())
                .containsExactly("aaa-first", "zzz-last");
        assertThat(changes).extracting(SimulatedRoster.Change::kind).containsExactly("created", "created", "updated");
    }

    @Test
    void replacingAGeneratedRecordKeepsItsPlace() {
        String id = ids("orgs").get(1);

        SimulatedRoster.Written written = roster.put("orgs", org(id));

        assertThat(written.created()).isFalse();
        assertThat(ids("orgs").get(1)).isEqualTo(id);
        assertThat(roster.get("orgs", id).orElseThrow().path("name").asString()).isEqualTo("Written " + id);
    }

    @Test
    void anIdTheNextAllocationWouldGiveIsNeverHandedOutTwice() {
        String next = roster.put("orgs", org(null)).sourcedId();
        String following = next.substring(0, 4) + String.format("%05d", Integer.parseInt(next.substring(4)) + 1);
        roster.put("orgs", org(following));

        String allocated = roster.put("orgs", org(null)).sourcedId();

        assertThat(allocated).isGreaterThan(following);
        assertThat(ids("orgs")).doesNotHaveDuplicates().isSorted().contains(following, allocated);
    }

    @Test
    void aHardRemovedRecordCanBeWrittenAgain() {
        String removed = roster.remove("orgs", 1).getFirst();
        assertThat(roster.get("orgs", removed)).isEmpty();

        assertThat(roster.put("orgs", org(removed)).created()).isTrue();

        assertThat(roster.get("orgs", removed)).isPresent();
        assertThat(ids("orgs")).contains(removed).doesNotHaveDuplicates();
        assertThat(changes).extracting(SimulatedRoster.Change::kind).containsExactly("deleted", "created");
    }

    @Test
    void softDeleteMarksTheRecordAndReportsIt() {
        String id = ids("users").get(3);

        ObjectNode deleted = roster.softDelete("users", id).orElseThrow();

        assertThat(deleted.path("status").asString()).isEqualTo("tobedeleted");
        assertThat(roster.get("users", id).orElseThrow().path("status").asString())
                .isEqualTo("tobedeleted");
        assertThat(roster.softDelete("users", "usr-nobody")).isEmpty();
        assertThat(changes)
                .singleElement()
                .extracting(SimulatedRoster.Change::kind)
                .isEqualTo("deleted");
    }
}
