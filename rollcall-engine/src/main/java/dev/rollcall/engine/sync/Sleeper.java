package dev.rollcall.engine.sync;

import java.time.Duration;

/** Waits between attempts. Injected so that tests do not wait; the real one is {@link #SYSTEM}. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
