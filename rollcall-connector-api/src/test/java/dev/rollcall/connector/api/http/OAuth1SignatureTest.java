package dev.rollcall.connector.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuth1SignatureTest {

    /** RFC 5849 §3.4.1.1: the example request and its signature base string, verbatim. */
    @Test
    void buildsTheRfcExampleBaseString() {
        URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("realm", "Example");
        oauth.put("oauth_consumer_key", "9djdj82h48djs9d2");
        oauth.put("oauth_token", "kkk9d7dh3k39sjv7");
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", "137131201");
        oauth.put("oauth_nonce", "7d8f3e4a");
        oauth.put("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw%3D");

        String base = OAuth1Signature.baseString("POST", uri, OAuth1Signature.parameters(uri, "c2&a3=2+q", oauth));

        assertThat(base)
                .isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
                        + "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2"
                        + "%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201"
                        + "%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    /** RFC 5849 §1.2: the photos example's HMAC-SHA1 signature with its client and token secrets. */
    @Test
    void signsTheRfcPhotosExample() {
        URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", "dpf43f3p2l4k3l03");
        oauth.put("oauth_token", "nnch734d00sl2jdk");
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", "137131202");
        oauth.put("oauth_nonce", "chapoH");

        String base = OAuth1Signature.baseString("GET", uri, OAuth1Signature.parameters(uri, null, oauth));
        String signature =
                OAuth1Signature.sign(OAuth1Signature.Method.HMAC_SHA1, base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00");

        assertThat(signature).isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    }

    @Test
    void aSignedHeaderVerifiesAndATamperedOneDoesNot() {
        URI uri = URI.create("https://sis.example.org:8443/ims/oneroster/v1p1/users?limit=100&offset=0");
        String header = OAuth1Signature.authorizationHeader(
                "GET", uri, null, "key", "s3cret&+", OAuth1Signature.Method.HMAC_SHA256, "n0nce", 1_700_000_000L);

        Map<String, String> parsed = OAuth1Signature.parseAuthorizationHeader(header);
        assertThat(parsed)
                .containsEntry("oauth_consumer_key", "key")
                .containsEntry("oauth_signature_method", "HMAC-SHA256")
                .containsEntry("oauth_version", "1.0");
        String base = OAuth1Signature.baseString("GET", uri, OAuth1Signature.parameters(uri, null, parsed));
        assertThat(OAuth1Signature.verify(
                        OAuth1Signature.Method.HMAC_SHA256, base, "s3cret&+", parsed.get("oauth_signature")))
                .isTrue();
        assertThat(OAuth1Signature.verify(
                        OAuth1Signature.Method.HMAC_SHA256, base, "other", parsed.get("oauth_signature")))
                .isFalse();

        URI tampered = URI.create("https://sis.example.org:8443/ims/oneroster/v1p1/users?limit=101&offset=0");
        String tamperedBase =
                OAuth1Signature.baseString("GET", tampered, OAuth1Signature.parameters(tampered, null, parsed));
        assertThat(OAuth1Signature.verify(
                        OAuth1Signature.Method.HMAC_SHA256, tamperedBase, "s3cret&+", parsed.get("oauth_signature")))
                .isFalse();
    }

    @Test
    void baseUriDropsDefaultPortsAndLowerCasesTheHost() {
        assertThat(OAuth1Signature.baseUri(URI.create("HTTP://Example.COM:80/r%20v/x?q=1")))
                .isEqualTo("http://example.com/r%20v/x");
        assertThat(OAuth1Signature.baseUri(URI.create("https://www.example.net:8080/?q=1")))
                .isEqualTo("https://www.example.net:8080/");
    }

    @Test
    void encodesPerRfc3986() {
        assertThat(OAuth1Signature.encode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
        assertThat(OAuth1Signature.encode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
        assertThat(OAuth1Signature.encode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
        assertThat(OAuth1Signature.encode("☃")).isEqualTo("%E2%98%83");
        assertThat(OAuth1Signature.encode("-._~")).isEqualTo("-._~");
    }
}
