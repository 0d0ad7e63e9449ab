package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.Capability;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.StreamSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plans a run: which streams, in entity order (orgs, academic sessions, courses, classes, users,
 * enrollments, demographics, so that references resolve), each read in full or as a delta. A
 * delta is read only when the connector and the stream support it and a successful run left a
 * watermark; otherwise the stream is read in full. Stateless.
 */
public final class RunPlanner {

    private RunPlanner() {}

    /**
     * @param watermarks the stored watermark of a stream, if any
     * @throws IllegalArgumentException naming every requested stream the connector does not have
     */
    public static List<StreamPlan> plan(
            ConnectorDescriptor descriptor,
            RunContext run,
            SyncSettings settings,
            Function<String, Optional<Instant>> watermarks) {
        List<StreamSpec> streams = selected(descriptor, run);
        List<StreamPlan> plan = new ArrayList<>();
        for (StreamSpec stream : streams) {
            plan.add(planStream(descriptor, stream, run, settings, watermarks));
        }
        return plan;
    }

    private static List<StreamSpec> selected(ConnectorDescriptor descriptor, RunContext run) {
        List<StreamSpec> streams;
        if (run.streams().isEmpty()) {
            streams = new ArrayList<>(descriptor.streams());
        } else {
            List<String> unknown = run.streams().stream()
                    .filter(name -> descriptor.stream(name).isEmpty())
                    .toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("streams: " + unknown + " are not streams of connector '"
                        + descriptor.type() + "'; it has "
                        + descriptor.streams().stream().map(StreamSpec::name).toList());
            }
            streams = run.streams().stream()
                    .distinct()
                    .map(name -> descriptor.stream(name).orElseThrow())
                    .toList();
        }
        return streams.stream()
                .sorted(Comparator.comparing((StreamSpec s) -> s.entityType().ordinal())
                        .thenComparing(StreamSpec::name))
                .toList();
    }

    private static StreamPlan planStream(
            ConnectorDescriptor descriptor,
            StreamSpec stream,
            RunContext run,
            SyncSettings settings,
            Function<String, Optional<Instant>> watermarks) {
        if (run.mode() == SyncMode.FULL) {
            return full(stream, "full run");
        }
        if (run.mode() == SyncMode.WEBHOOK) {
            return new StreamPlan(stream.name(), stream.entityType(), ReadMode.DELTA, Instant.EPOCH, "webhook events");
        }
        if (!descriptor.supports(Capability.DELTA_READ) || !stream.modes().contains(ReadMode.DELTA)) {
            return full(stream, "the connector cannot read " + stream.name() + " as a delta: full read");
        }
        Optional<Instant> watermark = watermarks.apply(stream.name());
        if (watermark.isEmpty()) {
            return full(stream, "no watermark yet: full read");
        }
        Instant since = watermark.get().minus(settings.overlap());
        return new StreamPlan(
                stream.name(),
                stream.entityType(),
                ReadMode.DELTA,
                since,
                "delta since " + since + " (watermark " + watermark.get() + " less " + settings.overlap()
                        + " overlap)");
    }

    private static StreamPlan full(StreamSpec stream, String reason) {
        return new StreamPlan(stream.name(), stream.entityType(), ReadMode.FULL, null, reason);
    }
}
