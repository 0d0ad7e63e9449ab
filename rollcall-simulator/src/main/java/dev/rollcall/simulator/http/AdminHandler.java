package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rollcall.simulator.SimulatedRoster;
import dev.rollcall.simulator.data.RosterGenerator;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's control surface for tests and demos (no authentication: bind the simulator to
 * loopback): {@code POST /admin/changes} changes the roster over time, {@code PUT /admin/faults}
 * sets the faults, {@code POST /admin/tokens/revoke} revokes every token, {@code GET /admin/stats}
 * tells what it holds. Webhook subscriptions are {@link WebhookAdminHandler}'s.
 */
final class AdminHandler implements HttpHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimulatedRoster roster;
    private final TokenService tokens;
    private final AtomicReference<Faults> faults;
    private final RosteringHandler rostering;

    AdminHandler(
            SimulatedRoster roster, TokenService tokens, AtomicReference<Faults> faults, RosteringHandler rostering) {
        this.roster = roster;
        this.tokens = tokens;
        this.faults = faults;
        this.rostering = rostering;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            try {
                ObjectNode answer =
                        switch (route) {
                            case "POST /admin/changes" -> changes(JSON.readTree(exchange.getRequestBody()));
                            case "PUT /admin/faults" -> setFaults(JSON.readTree(exchange.getRequestBody()));
                            case "GET /admin/faults" -> JSON.valueToTree(faults.get());
                            case "POST /admin/tokens/revoke" ->
                                JSON.createObjectNode().put("revoked", tokens.revokeAll());
                            case "GET /admin/stats" -> stats();
                            default -> null;
                        };
                if (answer == null) {
                    problem(exchange, 404, "no admin endpoint " + route);
                } else {
                    RosteringHandler.send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
                }
            } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
                problem(exchange, 400, e.getMessage());
            } catch (RuntimeException e) {
                problem(exchange, 500, "simulator failure: " + e);
            }
        }
    }

    /** {@code {"collection": "users", "update": 10, "softDelete": 2, "remove": 1, "add": 3}}. */
    private ObjectNode changes(JsonNode request) {
        String collection = request.path("collection").asString("");
        if (!RosterGenerator.COLLECTIONS.contains(collection)) {
            throw new IllegalArgumentException(
                    "collection must be one of " + RosterGenerator.COLLECTIONS + ", but was '" + collection + "'");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set(
                "updated",
                JSON.valueToTree(
                        roster.update(collection, request.path("update").asInt(0))));
        answer.set(
                "softDeleted",
                JSON.valueToTree(
                        roster.softDelete(collection, request.path("softDelete").asInt(0))));
        answer.set(
                "removed",
                JSON.valueToTree(
                        roster.remove(collection, request.path("remove").asInt(0))));
        answer.set(
                "added",
                JSON.valueToTree(roster.add(collection, request.path("add").asInt(0))));
        return answer;
    }

    private ObjectNode setFaults(JsonNode request) {
        ObjectNode merged = JSON.valueToTree(Faults.NONE);
        request.properties().forEach(entry -> {
            if (!merged.has(entry.getKey())) {
                throw new IllegalArgumentException(
                        "unknown fault '" + entry.getKey() + "'; known: " + merged.propertyNames());
            }
            merged.set(entry.getKey(), entry.getValue());
        });
        Faults parsed = JSON.treeToValue(merged, Faults.class);
        faults.set(parsed);
        tokens.revokeEvery(parsed.revokeAfter());
        return JSON.valueToTree(parsed);
    }

    private ObjectNode stats() {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode counts = answer.putObject("counts");
        RosterGenerator.COLLECTIONS.forEach(collection -> counts.put(collection, roster.size(collection)));
        answer.put("scale", roster.generator().scale().name().toLowerCase(java.util.Locale.ROOT));
        answer.put("seed", roster.generator().seed());
        answer.put("requests", rostering.requestsServed());
        return answer;
    }

    static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", status);
        body.put("detail", detail);
        RosteringHandler.send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(body));
    }
}
