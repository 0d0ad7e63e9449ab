package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpServer;
import dev.rollcall.simulator.SimulatedRoster;
import java.util.concurrent.atomic.AtomicReference;

/** Wires the simulator's HTTP handlers onto a server: token, rostering, admin. */
public final class SimulatorHttp {

    private final AtomicReference<Faults> faults;

    private SimulatorHttp(AtomicReference<Faults> faults) {
        this.faults = faults;
    }

    public static SimulatorHttp install(
            HttpServer server, SimulatedRoster roster, TokenService tokens, Dialect dialect, Faults initial) {
        AtomicReference<Faults> faults = new AtomicReference<>(initial);
        RosteringHandler rostering = new RosteringHandler(roster, tokens, dialect, faults);
        server.createContext("/oauth2/token", new TokenHandler(tokens));
        server.createContext(dialect.basePath(), rostering);
        server.createContext("/admin/", new AdminHandler(roster, tokens, faults, rostering));
        return new SimulatorHttp(faults);
    }

    public void faults(Faults value) {
        faults.set(value);
    }
}
