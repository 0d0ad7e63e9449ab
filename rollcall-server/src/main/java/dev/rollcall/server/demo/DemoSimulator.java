package dev.rollcall.server.demo;

import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import java.io.UncheckedIOException;

/**
 * Starts the demo's simulator: the {@code small} scale (300 users, 30 classes, 1,380 enrollments) in
 * the TimeBack dialect, bound to 127.0.0.1 only (its admin API has no authentication), on the
 * preferred port when it is free and on a free one otherwise.
 */
public final class DemoSimulator {

    /** The simulator's own default port. */
    public static final int PREFERRED_PORT = 9090;

    private DemoSimulator() {}

    public static Simulator start(int preferredPort) {
        Simulator.Options options = Simulator.Options.defaults()
                .withHost("127.0.0.1")
                .withScale(Scale.SMALL)
                .withDialect(Dialect.TIMEBACK);
        try {
            return Simulator.start(options.withPort(preferredPort));
        } catch (UncheckedIOException taken) {
            return Simulator.start(options.withPort(0));
        }
    }
}
