package dev.rollcall.connector.oneroster.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.config.ConfigValidation;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.oneroster.OneRosterConnectorFactory;
import dev.rollcall.simulator.http.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A full read of the simulator's users over real HTTP while the simulator removes users the read
 * has already passed (its {@code remove} takes the lowest sourcedIds, so every later record moves
 * to a lower offset). With the default page overlap every user still there is read exactly once;
 * with the overlap off, plain offset paging skips users — the failure the overlap exists for.
 */
class OffsetShiftIT {

    private static List<String> readWhileRemoving(int overlap) throws Exception {
        try (SimulatorFixture fixture = new SimulatorFixture(
                Dialect.STANDARD,
                "oneroster-1.2",
                List.of(EntityType.USER),
                null,
                Map.of("pageSize", 40, "pageOverlap", overlap))) {
            ConfigValidation validation =
                    new OneRosterConnectorFactory().descriptor().configSpec().validate(fixture.config());
            assertThat(validation.problems()).isEmpty();
            List<String> read = new ArrayList<>();
            try (Connector connector = new OneRosterConnectorFactory().open(validation.config(), fixture.context())) {
                ReadRequest request = ReadRequest.full("users", null, 40);
                for (int page = 0; page < 10_000; page++) {
                    Page result = connector.read(request);
                    result.records().stream().map(SourceRecord::externalId).forEach(read::add);
                    if (result.last()) {
                        break;
                    }
                    if (page % 3 == 1) {
                        fixture.simulator().roster().remove("users", 5); // five already-read users go
                    }
                    request = new ReadRequest("users", request.mode(), result.next(), null, 40);
                }
            }
            Set<String> present = new TreeSet<>();
            fixture.simulator()
                    .roster()
                    .forEach("users", user -> present.add(user.path("sourcedId").asString()));
            assertThat(present).as("users left at the end").isNotEmpty();
            List<String> missed =
                    present.stream().filter(id -> !read.contains(id)).toList();
            return overlap == 0 ? missed : checkNoneMissed(read, missed);
        }
    }

    private static List<String> checkNoneMissed(List<String> read, List<String> missed) {
        assertThat(missed).as("users present for the whole read but never read").isEmpty();
        assertThat(read).doesNotHaveDuplicates();
        return missed;
    }

    @Test
    void withThePageOverlapEveryUserStillThereIsReadExactlyOnce() throws Exception {
        readWhileRemoving(-1);
    }

    @Test
    void plainOffsetPagingSkipsUsersWhenEarlierOnesAreRemoved() throws Exception {
        assertThat(readWhileRemoving(0))
                .as("users skipped by plain offset paging")
                .isNotEmpty();
    }
}
