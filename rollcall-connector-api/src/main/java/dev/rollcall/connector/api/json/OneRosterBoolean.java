package dev.rollcall.connector.api.json;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * OneRoster 1.2 writes booleans such as {@code enabledUser} as the strings {@code "true"} and
 * {@code "false"}; TimeBack and others send JSON booleans. Rollcall writes the standard form and
 * reads both.
 */
public final class OneRosterBoolean {

    private OneRosterBoolean() {}

    /** Writes {@code "true"} or {@code "false"}. */
    public static final class Writer extends ValueSerializer<Boolean> {
        @Override
        public void serialize(Boolean value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(value ? "true" : "false");
        }
    }

    /**
     * The parser's current value as a boolean: a JSON boolean, or the string {@code "true"} or
     * {@code "false"} in any case, around spaces; null for anything else.
     */
    static @Nullable Boolean read(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getString().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true")) {
                return Boolean.TRUE;
            }
            if (text.equals("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** Reads a JSON boolean or the strings {@code "true"}/{@code "false"} in any case. */
    public static final class Reader extends ValueDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) {
            Boolean value = read(parser);
            if (value != null) {
                return value;
            }
            throw InvalidFormatException.from(
                    parser, "must be true or false (a JSON boolean or a string)", parser.getString(), Boolean.class);
        }
    }
}
