package dev.rollcall.connector.api.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * OAuth 1.0a request signatures (RFC 5849 §3.4), as OneRoster 1.1 uses them: one-legged (no token),
 * HMAC-SHA256 or HMAC-SHA1. The gateway signs with it and the simulator verifies with it; both are
 * tested against the RFC's own examples.
 *
 * <p>The signature covers the method, the base string URI (scheme and host in lower case, the
 * default port dropped, no query), and every parameter: the query's, a form body's, and the {@code
 * oauth_*} ones except {@code oauth_signature} and {@code realm}, each percent-encoded per RFC 3986
 * and sorted by name, then value.
 */
public final class OAuth1Signature {

    /** A signature method. */
    public enum Method {
        HMAC_SHA1("HMAC-SHA1", "HmacSHA1"),
        HMAC_SHA256("HMAC-SHA256", "HmacSHA256");

        private final String wireName;
        private final String jcaName;

        Method(String wireName, String jcaName) {
            this.wireName = wireName;
            this.jcaName = jcaName;
        }

        /** The name in {@code oauth_signature_method}. */
        public String wireName() {
            return wireName;
        }

        public static @Nullable Method fromWireName(String name) {
            for (Method method : values()) {
                if (method.wireName.equals(name)) {
                    return method;
                }
            }
            return null;
        }
    }

    /** One decoded request parameter. */
    public record Param(String name, String value) {}

    private static final Pattern HEADER_PARAM = Pattern.compile("([A-Za-z0-9_]+)\\s*=\\s*\"([^\"]*)\"");

    private OAuth1Signature() {}

    /**
     * The {@code Authorization} header value for a one-legged request.
     *
     * @param formBody the body when it is {@code application/x-www-form-urlencoded}, else null
     */
    public static String authorizationHeader(
            String httpMethod,
            URI uri,
            @Nullable String formBody,
            String consumerKey,
            String consumerSecret,
            Method method,
            String nonce,
            long timestampSeconds) {
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", consumerKey);
        oauth.put("oauth_nonce", nonce);
        oauth.put("oauth_signature_method", method.wireName());
        oauth.put("oauth_timestamp", Long.toString(timestampSeconds));
        oauth.put("oauth_version", "1.0");
        String base = baseString(httpMethod, uri, parameters(uri, formBody, oauth));
        oauth.put("oauth_signature", sign(method, base, consumerSecret, ""));
        StringBuilder header = new StringBuilder("OAuth ");
        oauth.forEach((name, value) -> {
            if (header.length() > 6) {
                header.append(", ");
            }
            header.append(encode(name)).append("=\"").append(encode(value)).append('"');
        });
        return header.toString();
    }

    /**
     * Every parameter the signature covers, decoded: the query's, the form body's and the given
     * {@code oauth_*} ones, without {@code oauth_signature} and {@code realm}.
     */
    public static List<Param> parameters(URI uri, @Nullable String formBody, Map<String, String> oauthParams) {
        List<Param> params = new ArrayList<>();
        addEncodedPairs(uri.getRawQuery(), params);
        addEncodedPairs(formBody, params);
        oauthParams.forEach((name, value) -> {
            if (!name.equals("oauth_signature") && !name.equals("realm")) {
                params.add(new Param(name, value));
            }
        });
        return params;
    }

    /** The signature base string (RFC 5849 §3.4.1). */
    public static String baseString(String httpMethod, URI uri, List<Param> params) {
        String normalized = params.stream()
                .map(param -> new Param(encode(param.name()), encode(param.value())))
                .sorted(Comparator.comparing(Param::name).thenComparing(Param::value))
                .map(param -> param.name() + "=" + param.value())
                .reduce((left, right) -> left + "&" + right)
                .orElse("");
        return httpMethod.toUpperCase(Locale.ROOT) + "&" + encode(baseUri(uri)) + "&" + encode(normalized);
    }

    /** The base string URI: scheme and host in lower case, the default port dropped, no query. */
    public static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /** The base64 signature of {@code baseString} with key {@code encode(consumerSecret)&encode(tokenSecret)}. */
    public static String sign(Method method, String baseString, String consumerSecret, String tokenSecret) {
        String key = encode(consumerSecret) + "&" + encode(tokenSecret);
        try {
            Mac mac = Mac.getInstance(method.jcaName);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), method.jcaName));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(method.jcaName + " is not available in this JDK", e);
        }
    }

    /** Whether {@code signature} is the right one, compared in constant time. */
    public static boolean verify(Method method, String baseString, String consumerSecret, String signature) {
        byte[] expected = sign(method, baseString, consumerSecret, "").getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded parameters of an {@code Authorization: OAuth …} header; empty when it is not one. */
    public static Map<String, String> parseAuthorizationHeader(@Nullable String header) {
        Map<String, String> params = new LinkedHashMap<>();
        if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return params;
        }
        Matcher matcher = HEADER_PARAM.matcher(header.substring(6));
        while (matcher.find()) {
            params.put(decode(matcher.group(1)), decode(matcher.group(2)));
        }
        return params;
    }

    /** RFC 3986 percent-encoding: everything but {@code A-Z a-z 0-9 - . _ ~}, in upper-case hex. */
    public static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 8);
        for (byte raw : bytes) {
            int c = raw & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static void addEncodedPairs(@Nullable String encoded, List<Param> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            into.add(new Param(decode(name), decode(value)));
        }
    }

    /** Decodes form-style ({@code +} is a space, as RFC 5849 §3.4.1.3.1 says for bodies and queries). */
    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
