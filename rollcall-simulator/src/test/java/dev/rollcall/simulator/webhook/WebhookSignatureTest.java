package dev.rollcall.simulator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsThePublishedStandardWebhooksTestVector() {
        String signature = WebhookSignature.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anyChangeToIdTimestampOrBodyChangesTheSignature() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        String original = WebhookSignature.sign(secret, "msg_1", 1614265330, body);

        assertThat(WebhookSignature.sign(secret, "msg_2", 1614265330, body)).isNotEqualTo(original);
        assertThat(WebhookSignature.sign(secret, "msg_1", 1614265331, body)).isNotEqualTo(original);
        assertThat(WebhookSignature.sign(secret, "msg_1", 1614265330, "{}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(original);
    }

    @Test
    void newSecretsAreWhsecAnd32Bytes() {
        String secret = WebhookSignature.newSecret(new SecureRandom());

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret(new SecureRandom())).isNotEqualTo(secret);
    }

    @Test
    void badSecretsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> WebhookSignature.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessage("secret must start with whsec_");
        assertThatThrownBy(() -> WebhookSignature.key("whsec_not*base64"))
                .hasMessageNotContaining("not*base64")
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSignature.key("whsec_")).hasMessageContaining("key");
    }
}
