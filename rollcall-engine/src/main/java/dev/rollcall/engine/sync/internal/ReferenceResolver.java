package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.model.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites the references of a canonical record (OneRoster JSON) from external ids to local ids:
 * class → course, school, terms; enrollment → user, class, school; user → roles[].org, primaryOrg,
 * agents; course → org, schoolYear; academic session → parent, children, org; org → parent,
 * children. A reference is resolved through the index of its entity, which holds every id the store
 * has and every id this run reserved. Stateless apart from the index lookup it is given.
 */
public final class ReferenceResolver {

    private enum Shape {
        ONE,
        MANY,
        /** An array of objects, each holding the reference in {@code inner}. */
        NESTED
    }

    private record Ref(
            String field,
            EntityType target,
            Shape shape,
            @Nullable String inner) {
        static Ref one(String field, EntityType target) {
            return new Ref(field, target, Shape.ONE, null);
        }

        static Ref many(String field, EntityType target) {
            return new Ref(field, target, Shape.MANY, null);
        }
    }

    private static final Map<EntityType, List<Ref>> REFERENCES = Map.of(
            EntityType.ORG, List.of(Ref.one("parent", EntityType.ORG), Ref.many("children", EntityType.ORG)),
            EntityType.ACADEMIC_SESSION,
                    List.of(
                            Ref.one("parent", EntityType.ACADEMIC_SESSION),
                            Ref.many("children", EntityType.ACADEMIC_SESSION),
                            Ref.one("org", EntityType.ORG)),
            EntityType.COURSE,
                    List.of(Ref.one("org", EntityType.ORG), Ref.one("schoolYear", EntityType.ACADEMIC_SESSION)),
            EntityType.CLASS,
                    List.of(
                            Ref.one("course", EntityType.COURSE),
                            Ref.one("school", EntityType.ORG),
                            Ref.many("terms", EntityType.ACADEMIC_SESSION)),
            EntityType.USER,
                    List.of(
                            new Ref("roles", EntityType.ORG, Shape.NESTED, "org"),
                            Ref.one("primaryOrg", EntityType.ORG),
                            Ref.many("agents", EntityType.USER)),
            EntityType.ENROLLMENT,
                    List.of(
                            Ref.one("user", EntityType.USER),
                            Ref.one("class", EntityType.CLASS),
                            Ref.one("school", EntityType.ORG)),
            EntityType.DEMOGRAPHICS, List.of());

    private final Function<EntityType, RecordIndex> indexes;

    public ReferenceResolver(Function<EntityType, RecordIndex> indexes) {
        this.indexes = indexes;
    }

    /** The entities whose indexes resolving a record of {@code type} needs. */
    public static List<EntityType> referencedTypes(EntityType type) {
        List<EntityType> types = new ArrayList<>();
        REFERENCES.get(type).forEach(ref -> types.add(ref.target()));
        if (type == EntityType.DEMOGRAPHICS) {
            types.add(EntityType.USER);
        }
        return types;
    }

    /**
     * Every external id {@code record} (with external references) refers to, with its entity: what
     * the indexes must hold before {@link #resolve} can rewrite the record.
     */
    public static void references(
            EntityType type, JsonNode record, java.util.function.BiConsumer<EntityType, String> sink) {
        for (Ref ref : REFERENCES.get(type)) {
            JsonNode value = record.get(ref.field());
            if (value == null || value.isNull()) {
                continue;
            }
            switch (ref.shape()) {
                case ONE -> reference(value, ref.target(), sink);
                case MANY -> value.valueStream().forEach(item -> reference(item, ref.target(), sink));
                case NESTED ->
                    value.valueStream().forEach(item -> reference(item.get(ref.inner()), ref.target(), sink));
            }
        }
    }

    private static void reference(
            @Nullable JsonNode reference, EntityType target, java.util.function.BiConsumer<EntityType, String> sink) {
        if (reference instanceof ObjectNode object && object.path("sourcedId").isString()) {
            sink.accept(target, object.path("sourcedId").stringValue());
        }
    }

    /**
     * Rewrites every reference in {@code record} to its local id (dropping the upstream's {@code
     * href}) and returns the references that could not be resolved, each as {@code field: externalId};
     * when that list is not empty the record is partly rewritten and must not be used.
     */
    public List<String> resolve(EntityType type, ObjectNode record) {
        List<String> missing = new ArrayList<>();
        for (Ref ref : REFERENCES.get(type)) {
            JsonNode value = record.get(ref.field());
            if (value == null || value.isNull()) {
                continue;
            }
            switch (ref.shape()) {
                case ONE -> rewrite(value, ref.target(), ref.field(), missing);
                case MANY -> {
                    for (int i = 0; i < value.size(); i++) {
                        rewrite(value.get(i), ref.target(), ref.field() + "[" + i + "]", missing);
                    }
                }
                case NESTED -> {
                    for (int i = 0; i < value.size(); i++) {
                        JsonNode inner = value.get(i).get(ref.inner());
                        if (inner != null && !inner.isNull()) {
                            rewrite(inner, ref.target(), ref.field() + "[" + i + "]." + ref.inner(), missing);
                        }
                    }
                }
            }
        }
        return missing;
    }

    private void rewrite(JsonNode reference, EntityType target, String path, List<String> missing) {
        if (!(reference instanceof ObjectNode object)) {
            missing.add(path + ": is not a reference object");
            return;
        }
        String externalId = object.path("sourcedId").asString("");
        RecordIndex.Entry entry = indexes.apply(target).get(externalId);
        if (entry == null) {
            missing.add(path + ": " + target.collection() + " '" + externalId + "' is not there");
            return;
        }
        object.put("sourcedId", entry.localId().toString());
        object.remove("href");
    }
}
