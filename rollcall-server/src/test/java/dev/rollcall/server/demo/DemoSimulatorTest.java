package dev.rollcall.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class DemoSimulatorTest {

    @Test
    void startsASmallTimebackDistrictOnLoopback() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        try (Simulator simulator = DemoSimulator.start(free)) {
            assertThat(simulator.port()).isEqualTo(free);
            assertThat(simulator.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(simulator.options().scale()).isEqualTo(Scale.SMALL);
            assertThat(simulator.options().dialect()).isEqualTo(Dialect.TIMEBACK);
        }
    }

    @Test
    void takesAFreePortWhenThePreferredOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                Simulator simulator = DemoSimulator.start(taken.getLocalPort())) {
            assertThat(simulator.port()).isPositive().isNotEqualTo(taken.getLocalPort());
        }
    }
}
