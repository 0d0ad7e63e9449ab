package dev.rollcall.connector.api.json;

import dev.rollcall.connector.api.model.RosterEntity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Canonical JSON: one byte string for one JSON value, however the source ordered its keys, spaced
 * its text or wrote its numbers. The rules follow RFC 8785 (JCS) where they can:
 *
 * <ul>
 *   <li>object members sorted by name (UTF-16 code units), members whose value is {@code null}
 *       dropped (a null and an absent field mean the same in OneRoster);
 *   <li>no whitespace;
 *   <li>strings with only the escapes JSON requires ({@code "}, {@code \}, and control characters),
 *       everything else as UTF-8; a lone surrogate, which UTF-8 cannot encode, is escaped too;
 *   <li>numbers by value, not by spelling: {@code 1}, {@code 1.0}, {@code 1.00} and {@code 1e0} all
 *       become {@code 1}; {@code 0.50} becomes {@code 0.5}. Unlike JCS, numbers are not squeezed
 *       through a double, so large identifiers keep every digit.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class CanonicalJson {

    /**
     * The version of these rules (and of the model's JSON binding in {@link RosterJson}): change it
     * whenever a record would get other canonical bytes, so that stored source hashes stop vouching
     * for records read the old way ({@link SourceHasher}).
     */
    public static final String RULES = "canonical-json-1";

    private CanonicalJson() {}

    public static String toCanonicalString(JsonNode node) {
        StringBuilder out = new StringBuilder(1024); // a roster record's canonical form is most often under 1 KB
        write(node, out);
        return out.toString();
    }

    public static byte[] toCanonicalBytes(JsonNode node) {
        return toCanonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The record's canonical bytes: straight from the model when {@link CanonicalBytes} can vouch
     * for them (nearly always), else through its JSON tree. Both give the same bytes.
     */
    public static byte[] toCanonicalBytes(RosterEntity entity) {
        byte[] direct = CanonicalBytes.of(entity);
        return direct != null ? direct : toCanonicalBytes(RosterJson.toTree(entity));
    }

    /** The record's canonical bytes through its JSON tree only: what {@link #toCanonicalBytes(RosterEntity)} must equal. */
    static byte[] toCanonicalBytesThroughTree(RosterEntity entity) {
        return toCanonicalBytes(RosterJson.toTree(entity));
    }

    /**
     * The checksum of the node's canonical bytes, written into this thread's scratch text and
     * hashed from there: a first load checksums a million trees, and the text, its string and its
     * bytes were three arrays a record (1.7 GB of the {@code large} full sync's allocations).
     */
    public static Checksum checksum(JsonNode node) {
        Scratch scratch = SCRATCH.get();
        StringBuilder text = scratch.text;
        text.setLength(0);
        write(node, text);
        int length = text.length();
        if (length > scratch.bytes.length) {
            scratch.bytes = new byte[Math.max(length, scratch.bytes.length * 2)];
        }
        byte[] bytes = scratch.bytes;
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            char c = text.charAt(i);
            ascii = c < 0x80;
            bytes[i] = (byte) c;
        }
        Checksum checksum;
        if (ascii) {
            MessageDigest digest = Checksum.sha256();
            digest.update(bytes, 0, length);
            checksum = Checksum.ofDigest(digest.digest());
        } else { // beyond ASCII: the JDK's UTF-8 encoder
            checksum = Checksum.of(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (length > Scratch.KEPT) { // an outsized record does not stay in memory with the thread
            SCRATCH.remove();
        }
        return checksum;
    }

    /** A thread's text and byte buffers for {@link #checksum(JsonNode)}, kept up to {@value #KEPT} characters. */
    private static final class Scratch {
        static final int KEPT = 64 * 1024;
        final StringBuilder text = new StringBuilder(1024);
        byte[] bytes = new byte[1024];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    public static Checksum checksum(RosterEntity entity) {
        return Checksum.of(toCanonicalBytes(entity));
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            Collection<Map.Entry<String, JsonNode>> members = node.properties();
            if (!sortedByName(members)) { // a tree made from the model is sorted already
                List<Map.Entry<String, JsonNode>> sorted = new ArrayList<>(members);
                sorted.sort(Map.Entry.comparingByKey());
                members = sorted;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> member : members) {
                if (member.getValue().isNull()) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(canonicalNumber(node.decimalValue()));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isString()) {
            writeString(node.stringValue(), out);
        } else {
            // Binary or POJO nodes do not come from parsed JSON; write their JSON text form.
            writeString(node.asString(), out);
        }
    }

    private static boolean sortedByName(Collection<Map.Entry<String, JsonNode>> members) {
        String previous = null;
        for (Map.Entry<String, JsonNode> member : members) {
            if (previous != null && previous.compareTo(member.getKey()) > 0) {
                return false;
            }
            previous = member.getKey();
        }
        return true;
    }

    static String canonicalNumber(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (Math.abs(exponent) > 64) {
            // Keep absurd magnitudes short; the exponent form is unique once trailing zeros are gone.
            return stripped.toString();
        }
        return stripped.toPlainString();
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        if (plain(value)) { // most strings need no escape: append them whole
            out.append(value).append('"');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        // A lone surrogate has no UTF-8 form (it would encode as '?'): escape it so
                        // that U+D800 and "?" stay two values with two checksums.
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether the string needs no escape: no quote, backslash, control character or surrogate. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
