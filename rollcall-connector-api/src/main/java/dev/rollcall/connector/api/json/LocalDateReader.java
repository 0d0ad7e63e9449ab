package dev.rollcall.connector.api.json;

import java.time.LocalDate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;

/**
 * Jackson's reading of a {@link LocalDate}, with the form servers send ({@code 2026-01-31}) read by
 * hand ({@link IsoInstants#fastDate}); anything else, and every error, is Jackson's own. Stateless and
 * thread-safe.
 */
final class LocalDateReader extends StdScalarDeserializer<LocalDate> {

    LocalDateReader() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            LocalDate fast = IsoInstants.fastDate(parser.getString());
            if (fast != null) {
                return fast;
            }
        }
        return LocalDateDeserializer.INSTANCE.deserialize(parser, context);
    }
}
