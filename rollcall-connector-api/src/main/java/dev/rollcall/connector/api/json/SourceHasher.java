package dev.rollcall.connector.api.json;

import dev.rollcall.connector.api.model.EntityType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Hashes a record's bytes exactly as the upstream sent them ({@link
 * dev.rollcall.connector.api.SourceRecord#sourceHash}). The hash covers, besides the bytes, what
 * decides how those bytes read as a canonical record: the connector's reader (a name the connector
 * changes whenever it reads records differently), the canonical model's shape (every record
 * component, its type and its annotations, found by reflection) and the canonical JSON rules ({@link
 * CanonicalJson#RULES}). A Rollcall that would read the same bytes into another canonical record
 * therefore makes another hash, and a stored hash only ever vouches for what it was made with.
 *
 * <p>SHA-256 truncated to 128 bits, like {@link Checksum}. Immutable and thread-safe.
 */
public final class SourceHasher {

    private static final String MODEL = modelShape();

    private final byte[] seed;

    private SourceHasher(byte[] seed) {
        this.seed = seed;
    }

    /** The hasher of one reader: a name that changes whenever the connector reads records differently. */
    public static SourceHasher forReader(String reader) {
        String reading = reader + "\n" + CanonicalJson.RULES + "\n" + MODEL;
        return new SourceHasher(Checksum.sha256().digest(reading.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hash of {@code length} bytes of {@code bytes} from {@code offset}. */
    public Checksum hash(byte[] bytes, int offset, int length) {
        MessageDigest digest = Checksum.sha256();
        digest.update(seed);
        digest.update(bytes, offset, length);
        return Checksum.ofDigest(digest.digest());
    }

    /** Every record type of the model with its components, types and annotations, as text. */
    static String modelShape() {
        Set<Class<?>> seen = new LinkedHashSet<>();
        StringBuilder shape = new StringBuilder();
        for (EntityType type : EntityType.values()) {
            describe(type.recordType(), seen, shape);
        }
        return shape.toString();
    }

    private static void describe(Class<?> type, Set<Class<?>> seen, StringBuilder shape) {
        if (!type.isRecord() || !seen.add(type)) {
            return;
        }
        shape.append(type.getName())
                .append(Arrays.toString(type.getAnnotations()))
                .append('{');
        for (RecordComponent component : type.getRecordComponents()) {
            shape.append(component.getName())
                    .append(':')
                    .append(component.getGenericType().getTypeName())
                    .append(Arrays.toString(component.getAnnotations()))
                    .append(Arrays.toString(component.getAccessor().getAnnotations()))
                    .append(';');
        }
        shape.append('}');
        for (RecordComponent component : type.getRecordComponents()) {
            for (Class<?> used : classesOf(component.getGenericType())) {
                describe(used, seen, shape);
            }
        }
    }

    private static Set<Class<?>> classesOf(Type type) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        if (type instanceof Class<?> plain) {
            classes.add(plain);
        } else if (type instanceof ParameterizedType parameterized) {
            classes.addAll(classesOf(parameterized.getRawType()));
            for (Type argument : parameterized.getActualTypeArguments()) {
                classes.addAll(classesOf(argument));
            }
        }
        return classes;
    }
}
