package dev.rollcall.server.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signsTheStandardWebhooksSpecificationsExample() {
        String signature = WebhookSigner.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void newSecretsAreWhsecWith32RandomBytes() {
        String one = WebhookSigner.newSecret();
        assertThat(one).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(one.substring(6))).hasSize(32);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(one);
    }

    @Test
    void refusesASecretWithoutThePrefix() {
        assertThatThrownBy(() -> WebhookSigner.sign("secret", "msg", 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whsec_");
    }
}
