package dev.rollcall.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.model.EntityType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class PageCommitTest {

    private static final RunContext RUN =
            new RunContext(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), SyncMode.FULL, List.of(), false);

    private static StagedRecord record(String externalId) {
        return new StagedRecord(
                EntityType.USER,
                Operation.CREATED,
                externalId,
                UUID.randomUUID(),
                Checksum.of(externalId.getBytes(StandardCharsets.UTF_8)),
                false,
                JsonNodeFactory.instance.objectNode().put("sourcedId", externalId),
                null,
                MatchedBy.CREATED,
                null);
    }

    private static PageCommit commit(List<StagedRecord> applied) {
        return new PageCommit(
                RUN,
                "users",
                List.of(record("staged")),
                applied,
                List.of(),
                List.of(),
                List.of("u1", "u2"),
                new Checkpoint("offset=3000"),
                false,
                Instant.parse("2026-12-06T00:00:00Z"),
                SyncStats.EMPTY,
                false,
                "reading users");
    }

    @Test
    void withoutAppliedKeepsEverythingButTheAppliedRecords() {
        PageCommit commit = commit(List.of(record("u1"), record("u2")));

        PageCommit rest = commit.withoutApplied();

        assertThat(rest.applied()).isEmpty();
        assertThat(rest).usingRecursiveComparison().ignoringFields("applied").isEqualTo(commit);
    }

    @Test
    void aCommitWithNothingAppliedIsItself() {
        PageCommit commit = commit(List.of());

        assertThat(commit.withoutApplied()).isSameAs(commit);
    }
}
