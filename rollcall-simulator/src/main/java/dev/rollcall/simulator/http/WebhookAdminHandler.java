package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rollcall.simulator.webhook.DeliveryAttempt;
import dev.rollcall.simulator.webhook.WebhookDispatcher;
import dev.rollcall.simulator.webhook.WebhookSubscription;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook part of the admin API (no authentication, like the rest of {@code /admin}):
 *
 * <ul>
 *   <li>{@code POST /admin/webhooks} {@code {"url", "eventTypes": [...], "secret"?}} → 201 {@code
 *       {"id", "url", "eventTypes", "createdAt", "secret": "whsec_…"}}; the secret is shown only here;
 *   <li>{@code GET /admin/webhooks} → {@code {"webhooks": [{"id", "url", "eventTypes", "createdAt",
 *       "pending"}]}};
 *   <li>{@code DELETE /admin/webhooks/{id}} → 204;
 *   <li>{@code GET /admin/webhooks/{id}/deliveries} → {@code {"deliveries": [{"messageId", "type",
 *       "attempt", "at", "status", "error", "delivered"}]}}, oldest first.
 * </ul>
 *
 * Errors are problem+json naming the field.
 */
final class WebhookAdminHandler implements HttpHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = "/admin/webhooks";

    private final WebhookDispatcher dispatcher;

    WebhookAdminHandler(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            List<String> rest = Arrays.stream(exchange.getRequestURI()
                            .getPath()
                            .substring(BASE.length())
                            .split("/"))
                    .filter(segment -> !segment.isEmpty())
                    .toList();
            try {
                if (rest.isEmpty() && method.equals("POST")) {
                    subscribe(exchange);
                } else if (rest.isEmpty() && method.equals("GET")) {
                    ObjectNode answer = JSON.createObjectNode();
                    ArrayNode list = answer.putArray("webhooks");
                    dispatcher.subscriptions().forEach(subscription -> list.add(describe(subscription, false)));
                    json(exchange, 200, answer);
                } else if (rest.size() == 1 && method.equals("DELETE")) {
                    if (dispatcher.unsubscribe(rest.getFirst())) {
                        RosteringHandler.send(exchange, 204, "application/json", new byte[0]);
                    } else {
                        AdminHandler.problem(exchange, 404, "no webhook subscription " + rest.getFirst());
                    }
                } else if (rest.size() == 2 && rest.get(1).equals("deliveries") && method.equals("GET")) {
                    deliveries(exchange, rest.getFirst());
                } else {
                    AdminHandler.problem(
                            exchange,
                            404,
                            "no admin endpoint " + method + " "
                                    + exchange.getRequestURI().getPath());
                }
            } catch (RuntimeException e) {
                AdminHandler.problem(exchange, 500, "simulator failure: " + e);
            }
        }
    }

    private void subscribe(HttpExchange exchange) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(exchange.getRequestBody());
        } catch (JacksonException e) {
            AdminHandler.problem(exchange, 400, "the body is not JSON: " + e.getOriginalMessage());
            return;
        }
        String url = text(request.get("url"));
        List<String> types = null;
        JsonNode typesNode = request.get("eventTypes");
        List<String> problems = new ArrayList<>();
        if (typesNode != null && typesNode.isArray()) {
            types = new ArrayList<>();
            for (JsonNode type : typesNode) {
                types.add(type.isString() ? type.stringValue() : type.toString());
            }
        } else if (typesNode != null) {
            problems.add("eventTypes: must be an array of strings");
        }
        String secret = text(request.get("secret"));
        problems.addAll(WebhookDispatcher.problems(url, types, secret));
        if (!problems.isEmpty() || url == null || types == null) {
            AdminHandler.problem(exchange, 400, String.join("; ", problems));
            return;
        }
        WebhookSubscription subscription = dispatcher.subscribe(url, types, secret);
        json(exchange, 201, describe(subscription, true));
    }

    private void deliveries(HttpExchange exchange, String id) throws IOException {
        var attempts = dispatcher.deliveries(id);
        if (attempts.isEmpty()) {
            AdminHandler.problem(exchange, 404, "no webhook subscription " + id);
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("deliveries");
        for (DeliveryAttempt attempt : attempts.get()) {
            ObjectNode row = list.addObject();
            row.put("messageId", attempt.messageId());
            row.put("type", attempt.type());
            row.put("attempt", attempt.attempt());
            row.put("at", attempt.at().toString());
            row.put("status", attempt.status());
            row.put("error", attempt.error());
            row.put("delivered", attempt.delivered());
        }
        json(exchange, 200, answer);
    }

    private ObjectNode describe(WebhookSubscription subscription, boolean withSecret) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", subscription.id());
        node.put("url", subscription.url().toString());
        ArrayNode types = node.putArray("eventTypes");
        subscription.eventTypes().forEach(types::add);
        node.put("createdAt", subscription.createdAt().toString());
        if (withSecret) {
            node.put("secret", subscription.secret());
        } else {
            node.put("pending", dispatcher.pending(subscription.id()).orElse(0));
        }
        return node;
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        RosteringHandler.send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }
}
