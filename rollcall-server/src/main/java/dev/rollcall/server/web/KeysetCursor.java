package dev.rollcall.server.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The position after the last row of a page ordered by {@code (time desc, id desc)}: what a list
 * answers as {@code next} and takes back as its cursor parameter. Opaque to clients (URL-safe
 * base64), so the order's columns can change without breaking them.
 */
public record KeysetCursor(Instant at, UUID id) {

    /** The cursor as a client sees it. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a client sent back.
     *
     * @param parameter the query parameter it came in, named in the 400 problem when it is not a cursor
     */
    public static KeysetCursor decode(String parameter, String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new KeysetCursor(
                    Instant.parse(decoded.substring(0, bar)), UUID.fromString(decoded.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiProblem.invalid(
                    "Invalid cursor",
                    List.of(new ApiProblem.FieldError(parameter, "is not a cursor this API gave out")));
        }
    }
}
