package dev.rollcall.simulator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void delaysDoubleUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1));

        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(60)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badPoliciesNameTheValue() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts")
                .hasMessageContaining("was 0");
        assertThatThrownBy(
                        () -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("timeout");
    }
}
