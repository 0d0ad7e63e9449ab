package dev.rollcall.connector.api.json;

import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Jackson's reading of an {@link Instant}, with the form servers send read by hand ({@link
 * IsoInstants#fast}); anything else, and every error, is Jackson's own. Stateless and thread-safe.
 */
final class InstantReader extends StdScalarDeserializer<Instant> {

    InstantReader() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant fast = IsoInstants.fast(parser.getString());
            if (fast != null) {
                return fast;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
