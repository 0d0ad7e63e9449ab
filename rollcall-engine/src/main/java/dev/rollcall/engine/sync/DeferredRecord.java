package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.model.EntityType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A record whose references could not be resolved when it was read; it waits to the end of the run
 * and then is applied or dead-lettered. Kept by the store so that a resumed run still has it.
 *
 * @param entity the canonical record as the connector made it (external references), in its JSON form
 * @param localId the id reserved for it, which records read after it may already reference
 * @param newMapping how that id was found when the record is new to this integration; null otherwise
 * @param missing the references not found, e.g. {@code course: course-17}
 */
public record DeferredRecord(
        EntityType entityType,
        String stream,
        String externalId,
        JsonNode entity,
        JsonNode payload,
        @Nullable Instant sourceUpdatedAt,
        UUID localId,
        @Nullable MatchedBy newMapping,
        List<String> missing) {

    public DeferredRecord {
        missing = List.copyOf(missing);
    }
}
