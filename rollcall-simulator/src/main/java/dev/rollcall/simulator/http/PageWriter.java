package dev.rollcall.simulator.http;

import dev.rollcall.simulator.SimulatedRoster;
import dev.rollcall.simulator.query.FieldSelection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rostering answers' JSON, as one dialect shows it: how a record looks ({@link #present}) and
 * how pages and single records are written. Pages are streamed: each record is produced, written
 * through one {@link JsonGenerator} and dropped, so a 100,000-record page never exists in memory as
 * records or as bytes. The bytes are the same as serialising the whole answer as one tree.
 *
 * <p>Public so that benchmarks can measure the serialisation without HTTP. Immutable and
 * thread-safe; each call writes to its own stream.
 */
public final class PageWriter {

    /**
     * Never closes or flushes the caller's stream: the HTTP exchange owns it, and one flush at its
     * close sends the end of the body with the final chunk.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private static final List<String> TIMEBACK_BOOLEANS = List.of("enabledUser", "primary");

    private final Dialect dialect;

    public PageWriter(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    public Dialect dialect() {
        return dialect;
    }

    /** An answer body, written when the response is sent. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;

        /** The whole body in memory: for small answers and for faults that cut the body. */
        default byte[] toBytes() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            writeTo(out);
            return out.toByteArray();
        }
    }

    /** The records of one page, in order, produced one at a time as they are written. */
    @FunctionalInterface
    public interface PageRecords {
        void forEach(Consumer<ObjectNode> action);

        static PageRecords of(List<ObjectNode> records) {
            return records::forEach;
        }

        /**
         * Positions {@code [from, to)} of a collection in sourcedId order, each record generated (or
         * taken from the change overlay) when it is written. Only for a collection that is {@link
         * SimulatedRoster#positional}.
         */
        static PageRecords positions(SimulatedRoster roster, String collection, int from, int to) {
            return action -> {
                for (int position = from; position < to; position++) {
                    action.accept(roster.at(collection, position));
                }
            };
        }
    }

    /**
     * The record as this dialect shows it: OneRoster 1.1's shapes, only the selected top-level fields
     * ({@code null}: all), and TimeBack's JSON booleans for {@code enabledUser} and {@code primary}.
     * Never changes {@code record}; may return it.
     */
    public JsonNode present(ObjectNode record, @Nullable List<String> fields) {
        ObjectNode shaped = dialect.oneRoster11() ? OneRoster11Shapes.reshape(record) : record;
        ObjectNode shown = fields == null ? shaped : FieldSelection.project(shaped, fields);
        if (!dialect.timebackStyle()) {
            return shown;
        }
        ObjectNode copy = null;
        for (String field : TIMEBACK_BOOLEANS) {
            JsonNode value = shown.get(field);
            if (value != null && value.isString()) {
                if (copy == null) {
                    // A shallow copy: only top-level values are replaced, children are shared, read-only.
                    copy = JsonNodeFactory.instance.objectNode().setAll(shown);
                }
                copy.put(field, Boolean.parseBoolean(value.asString()));
            }
        }
        return copy == null ? shown : copy;
    }

    /** {@code {"<wrapper>": <record as presented>}}. */
    public Body single(String wrapper, ObjectNode record, @Nullable List<String> fields) {
        return out -> {
            try (JsonGenerator generator = JSON.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeName(wrapper);
                JSON.writeTree(generator, present(record, fields));
                generator.writeEndObject();
            }
        };
    }

    /**
     * A list page: {@code {"<wrapper>": [records as presented]}}, and for TimeBack the paging in the
     * body ({@code totalCount}, {@code pageCount}, {@code pageNumber}, {@code offset}, {@code limit}).
     */
    public Body page(
            String wrapper, PageRecords records, @Nullable List<String> fields, long total, int limit, int offset) {
        return out -> writePage(out, wrapper, records, fields, total, limit, offset);
    }

    /**
     * Writes a list page as {@link #page} describes, neither flushing nor closing {@code out}.
     *
     * @return how many records were written
     */
    public long writePage(
            OutputStream out,
            String wrapper,
            PageRecords records,
            @Nullable List<String> fields,
            long total,
            int limit,
            int offset)
            throws IOException {
        long[] written = {0};
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeName(wrapper);
            generator.writeStartArray();
            records.forEach(record -> {
                JSON.writeTree(generator, present(record, fields));
                written[0]++;
            });
            generator.writeEndArray();
            if (dialect.timebackStyle()) {
                generator.writeNumberProperty("totalCount", total);
                generator.writeNumberProperty("pageCount", (total + limit - 1) / limit);
                generator.writeNumberProperty("pageNumber", offset / limit + 1);
                generator.writeNumberProperty("offset", offset);
                generator.writeNumberProperty("limit", limit);
            }
            generator.writeEndObject();
        }
        return written[0];
    }
}
