package dev.rollcall.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoSwitchTest {

    @Test
    void unsetTheDemoRunsWithTheEmbeddedDatabaseOnly() {
        assertThat(DemoSwitch.enabled(null, false)).isTrue();
        assertThat(DemoSwitch.enabled(" ", false)).isTrue();
        assertThat(DemoSwitch.enabled(null, true)).isFalse();
        assertThat(DemoSwitch.enabled("", true)).isFalse();
    }

    @Test
    void anExplicitValueDecidesWhateverTheDatabase() {
        assertThat(DemoSwitch.enabled("false", false)).isFalse();
        assertThat(DemoSwitch.enabled("FALSE", false)).isFalse();
        assertThat(DemoSwitch.enabled("true", true)).isTrue();
        assertThat(DemoSwitch.enabled(" True ", false)).isTrue();
    }

    @Test
    void anyOtherValueIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> DemoSwitch.enabled("off", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ROLLCALL_DEMO")
                .hasMessageContaining("'off'");
    }
}
