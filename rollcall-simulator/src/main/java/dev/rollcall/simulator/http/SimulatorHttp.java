package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpServer;
import dev.rollcall.simulator.SimulatedRoster;
import dev.rollcall.simulator.webhook.WebhookDispatcher;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/** Wires the simulator's HTTP handlers onto a server: token, rostering (reads and writes), admin, webhooks. */
public final class SimulatorHttp {

    private final AtomicReference<Faults> faults;
    private final TokenService tokens;

    private SimulatorHttp(AtomicReference<Faults> faults, TokenService tokens) {
        this.faults = faults;
        this.tokens = tokens;
    }

    public static SimulatorHttp install(
            HttpServer server,
            SimulatedRoster roster,
            TokenService tokens,
            Dialect dialect,
            Faults initial,
            WebhookDispatcher webhooks,
            Clock clock) {
        AtomicReference<Faults> faults = new AtomicReference<>(initial);
        tokens.revokeEvery(initial.revokeAfter());
        RequestAuthenticator authenticator = dialect.oneRoster11()
                ? new OAuth1Verifier(tokens.clientId(), tokens.clientSecret(), clock)
                : RequestAuthenticator.bearer(tokens);
        RosteringHandler rostering =
                new RosteringHandler(roster, authenticator, new RosterWrites(roster, clock), dialect, faults);
        server.createContext("/oauth2/token", new TokenHandler(tokens));
        server.createContext(dialect.basePath(), rostering);
        server.createContext("/admin/", new AdminHandler(roster, tokens, faults, rostering));
        server.createContext("/admin/webhooks", new WebhookAdminHandler(webhooks));
        return new SimulatorHttp(faults, tokens);
    }

    /** Sets the faults for the requests that follow; token revocation counts from now. */
    public void faults(Faults value) {
        faults.set(value);
        tokens.revokeEvery(value.revokeAfter());
    }
}
