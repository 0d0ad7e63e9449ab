package dev.rollcall.connector.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.RosterEntity;
import java.time.Instant;
import java.time.LocalDate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON form of the canonical model: the OneRoster 1.2 binding. Reading is tolerant (unknown
 * fields are ignored here; a connector keeps them in the source payload), writing omits nulls and
 * empty collections so that "absent" and "empty" give the same canonical bytes.
 *
 * <p>The mapper is immutable and safe to share between threads.
 */
public final class RosterJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new RecordConstructors())
            .addModule(new SimpleModule("rollcall-instants")
                    .addDeserializer(Instant.class, new InstantReader())
                    .addDeserializer(LocalDate.class, new LocalDateReader()))
            .changeDefaultPropertyInclusion(inclusion ->
                    JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
            .build();

    private RosterJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * The mapper with a record's members in name order: the creator's come first otherwise, in
     * declaration order ({@link MapperFeature#SORT_CREATOR_PROPERTIES_FIRST}).
     */
    static final JsonMapper SORTED = MAPPER.rebuild()
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .build();

    /** The record as a JSON tree in the OneRoster 1.2 binding. */
    public static JsonNode toTree(RosterEntity entity) {
        return MAPPER.valueToTree(entity);
    }

    /**
     * {@link #toTree} with every object's members in name order, as {@link CanonicalJson} writes
     * them: its checksum then walks the tree without sorting a copy of each record's members first.
     * Equal to {@link #toTree} as a tree (a JSON object's members have no order); for a sync's own
     * use, whose records go to PostgreSQL's {@code jsonb}, which keeps no order either.
     */
    public static JsonNode toSortedTree(RosterEntity entity) {
        return SORTED.valueToTree(entity);
    }

    /**
     * Reads one record of the given type from its OneRoster 1.2 JSON form.
     *
     * @throws tools.jackson.core.JacksonException when the JSON does not fit the type; the message
     *     names the field
     */
    public static RosterEntity read(EntityType type, JsonNode json) {
        return MAPPER.treeToValue(json, type.recordType());
    }

    /**
     * Reads one record of the given type from its OneRoster 1.2 JSON form in UTF-8, {@code length}
     * bytes from {@code offset}: what {@link #read(EntityType, JsonNode)} reads from the same JSON's
     * tree, without making the tree.
     *
     * @throws tools.jackson.core.JacksonException when the JSON does not fit the type; the message
     *     names the field
     */
    public static RosterEntity read(EntityType type, byte[] json, int offset, int length) {
        if (type == EntityType.ENROLLMENT) { // most of a roster: read by hand when it can be
            RosterEntity enrollment = EnrollmentReader.read(json, offset, length);
            if (enrollment != null) {
                return enrollment;
            }
        }
        return MAPPER.readValue(json, offset, length, type.recordType());
    }

    public static <T extends RosterEntity> T read(Class<T> type, String json) {
        return MAPPER.readValue(json, type);
    }
}
