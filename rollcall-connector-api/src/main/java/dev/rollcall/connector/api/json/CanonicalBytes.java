package dev.rollcall.connector.api.json;

import dev.rollcall.connector.api.model.RosterEntity;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TreeNode;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

/**
 * A record's canonical bytes written straight from the model, without the JSON tree that {@link
 * CanonicalJson} walks: the cost of classifying a record, which a resync pays for every record it
 * reads. The bytes are exactly {@code CanonicalJson.toCanonicalBytes(RosterJson.toTree(entity))}:
 * Jackson writes the record with the same serializers (maps ordered by key), and a guard between
 * Jackson and the bytes checks each rule the tree writer enforces on its own. Members whose value is
 * null are dropped, decimal numbers are written by value, names must arrive in order. Whatever the
 * guard cannot vouch for (a name out of order, a string that needs an escape other than {@code "} or
 * {@code \}, a double, raw or binary output) makes it give up, and the caller takes the tree path.
 *
 * <p>Thread-safe: each thread writes into its own buffer.
 */
final class CanonicalBytes {

    // The model's mapper with a record's properties in name order (it writes the creator's first,
    // in declaration order): the guard lets names through only in order.
    private static final ObjectWriter WRITER = RosterJson.SORTED
            .writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .without(SerializationFeature.INDENT_OUTPUT)
            .without(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .without(JsonWriteFeature.ESCAPE_NON_ASCII)
            .with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

    private CanonicalBytes() {}

    /** The canonical bytes of the record, or null when only the tree writer can make them. */
    static byte @Nullable [] of(RosterEntity entity) {
        Buffer buffer = BUFFER.get();
        buffer.reset();
        try (JsonGenerator json = WRITER.createGenerator(buffer)) {
            WRITER.writeValue(new Guard(json), entity);
        } catch (NotCanonical e) {
            return null;
        } catch (RuntimeException e) {
            return null; // the tree writer reports the problem, if it is one, in its own words
        }
        byte[] bytes = buffer.toByteArray();
        if (buffer.capacity() > 64 * 1024) {
            BUFFER.remove(); // do not keep an exceptional record's buffer for the thread's life
        }
        return bytes;
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        int capacity() {
            return buf.length;
        }
    }

    /** Thrown (without a stack) when the record needs the tree writer. */
    private static final class NotCanonical extends RuntimeException {
        private static final NotCanonical INSTANCE = new NotCanonical();

        private NotCanonical() {
            super("not canonical as written", null, false, false);
        }
    }

    /**
     * Passes Jackson's output on, holding each member's name until its value arrives (a null value
     * drops both) and checking every name and string against the canonical rules.
     */
    private static final class Guard extends JsonGeneratorDelegate {

        /** The last name written in each open object, innermost last; null for an array. */
        private final List<@Nullable String> open = new ArrayList<>();

        private @Nullable String pendingName;

        Guard(JsonGenerator delegate) {
            super(delegate, false);
        }

        private static RuntimeException give() {
            return NotCanonical.INSTANCE;
        }

        /** Writes the held name, if any, before a value. */
        private void value() {
            if (pendingName != null) {
                String name = pendingName;
                pendingName = null;
                delegate.writeName(name);
            }
        }

        private static void check(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20) {
                    throw give(); // escaped differently by the two writers: the tree decides
                }
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        i++; // a pair: one character, four bytes of UTF-8 in both writers
                    } else {
                        throw give(); // a lone surrogate has no UTF-8 form: the tree writer escapes it
                    }
                }
            }
        }

        // --- structure --------------------------------------------------------------------------

        @Override
        public JsonGenerator writeStartObject() {
            value();
            open.add("");
            delegate.writeStartObject();
            return this;
        }

        @Override
        public JsonGenerator writeStartObject(Object forValue) {
            value();
            open.add("");
            delegate.writeStartObject(forValue);
            return this;
        }

        @Override
        public JsonGenerator writeStartObject(Object forValue, int size) {
            value();
            open.add("");
            delegate.writeStartObject(forValue, size);
            return this;
        }

        @Override
        public JsonGenerator writeEndObject() {
            if (pendingName != null) {
                throw give();
            }
            open.removeLast();
            delegate.writeEndObject();
            return this;
        }

        @Override
        public JsonGenerator writeStartArray() {
            value();
            open.add(null);
            delegate.writeStartArray();
            return this;
        }

        @Override
        public JsonGenerator writeStartArray(Object forValue) {
            value();
            open.add(null);
            delegate.writeStartArray(forValue);
            return this;
        }

        @Override
        public JsonGenerator writeStartArray(Object forValue, int size) {
            value();
            open.add(null);
            delegate.writeStartArray(forValue, size);
            return this;
        }

        @Override
        public JsonGenerator writeEndArray() {
            open.removeLast();
            delegate.writeEndArray();
            return this;
        }

        @Override
        public JsonGenerator writeName(String name) {
            if (pendingName != null || open.isEmpty()) {
                throw give();
            }
            String previous = open.getLast();
            if (previous == null || (!previous.isEmpty() && previous.compareTo(name) >= 0) || name.isEmpty()) {
                throw give(); // out of order, a duplicate, or a name the order check cannot track
            }
            check(name);
            open.set(open.size() - 1, name);
            pendingName = name;
            return this;
        }

        @Override
        public JsonGenerator writeName(SerializableString name) {
            return writeName(name.getValue());
        }

        @Override
        public JsonGenerator writePropertyId(long id) {
            return writeName(Long.toString(id));
        }

        // --- scalars ----------------------------------------------------------------------------

        @Override
        public JsonGenerator writeNull() {
            if (pendingName != null) {
                pendingName = null; // a null member is no member
                return this;
            }
            delegate.writeNull();
            return this;
        }

        @Override
        public JsonGenerator writeString(String text) {
            if (text == null) {
                return writeNull();
            }
            check(text);
            value();
            delegate.writeString(text);
            return this;
        }

        @Override
        public JsonGenerator writeString(char[] text, int offset, int length) {
            return writeString(new String(text, offset, length));
        }

        @Override
        public JsonGenerator writeString(SerializableString text) {
            return writeString(text.getValue());
        }

        @Override
        public JsonGenerator writeBoolean(boolean state) {
            value();
            delegate.writeBoolean(state);
            return this;
        }

        @Override
        public JsonGenerator writeNumber(short number) {
            value();
            delegate.writeNumber(number);
            return this;
        }

        @Override
        public JsonGenerator writeNumber(int number) {
            value();
            delegate.writeNumber(number);
            return this;
        }

        @Override
        public JsonGenerator writeNumber(long number) {
            value();
            delegate.writeNumber(number);
            return this;
        }

        @Override
        public JsonGenerator writeNumber(BigInteger number) {
            if (number == null) {
                return writeNull();
            }
            value();
            delegate.writeNumber(number);
            return this;
        }

        @Override
        public JsonGenerator writeNumber(BigDecimal number) {
            if (number == null) {
                return writeNull();
            }
            value();
            delegate.writeNumber(CanonicalJson.canonicalNumber(number));
            return this;
        }

        // --- whatever the guard cannot vouch for: the tree writer's turn --------------------------

        @Override
        public JsonGenerator writeNumber(double number) {
            throw give();
        }

        @Override
        public JsonGenerator writeNumber(float number) {
            throw give();
        }

        @Override
        public JsonGenerator writeNumber(String encoded) {
            throw give();
        }

        @Override
        public JsonGenerator writeNumber(char[] encoded, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeString(Reader reader, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeRawUTF8String(byte[] text, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeUTF8String(byte[] text, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeRaw(String text) {
            throw give();
        }

        @Override
        public JsonGenerator writeRaw(String text, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeRaw(SerializableString raw) {
            throw give();
        }

        @Override
        public JsonGenerator writeRaw(char[] text, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeRaw(char c) {
            throw give();
        }

        @Override
        public JsonGenerator writeRawValue(String text) {
            throw give();
        }

        @Override
        public JsonGenerator writeRawValue(String text, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeRawValue(char[] text, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeBinary(Base64Variant variant, byte[] data, int offset, int length) {
            throw give();
        }

        @Override
        public int writeBinary(Base64Variant variant, java.io.InputStream data, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeArray(int[] array, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeArray(long[] array, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeArray(double[] array, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeArray(String[] array, int offset, int length) {
            throw give();
        }

        @Override
        public JsonGenerator writeEmbeddedObject(Object object) {
            throw give();
        }

        @Override
        public JsonGenerator writeObjectId(Object id) {
            throw give();
        }

        @Override
        public JsonGenerator writeObjectRef(Object reference) {
            throw give();
        }

        @Override
        public JsonGenerator writeTypeId(Object id) {
            throw give();
        }

        @Override
        public JsonGenerator writeTree(TreeNode tree) {
            throw give(); // a JsonNode inside a record: its members may come in any order
        }

        @Override
        public String toString() {
            return "CanonicalBytes.Guard" + Arrays.toString(open.toArray());
        }
    }
}
