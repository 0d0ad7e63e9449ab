package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.model.EntityType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a run reads one stream.
 *
 * @param since for a delta read, the watermark already moved back by the overlap window
 * @param reason why this mode, for people (e.g. {@code no watermark yet: full read})
 */
public record StreamPlan(
        String stream,
        EntityType entityType,
        ReadMode mode,
        @Nullable Instant since,
        String reason) {}
