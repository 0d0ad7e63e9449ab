package dev.rollcall.server.webhooks;

import dev.rollcall.server.web.RequestIdFilter;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers {@code POST /webhooks/{endpointId}} inside Tomcat, before the servlet filters and Spring
 * MVC. Upstreams deliver in bursts and the ingress target is thousands of events a second on two
 * cores; measured on the benchmark, the filter chain (observation, request context, character
 * encoding) and MVC's dispatch (handler mapping, argument resolution, message conversion) cost
 * more than twice the CPU of the ingress's own work (verification and the inbox commit) per
 * delivery. So the valve calls {@link WebhookIngress} itself and writes the receipt; it keeps the
 * caller's {@code X-Request-Id} or gives a new one, as {@link RequestIdFilter} does. A refusal
 * (413, 415, 404, 401, 503) is rare and goes on down the normal path, carried as a request
 * attribute, so it is rendered as problem+json by the same handler as every other error (the body
 * is not read twice); so does an unexpected exception, which the controller throws again. Every other request passes through untouched.
 *
 * <p>What a delivery on this path does not get: the {@code http.server.requests} timer (the ingress
 * counts every outcome in {@code rollcall.webhooks.received}) and the request id on log lines (the
 * ingress logs nothing per delivery). {@code rollcall.webhooks.fast-path=false} sends every
 * delivery through {@link WebhookIngressController} instead.
 */
final class WebhookIngressValve extends ValveBase {

    /** The request attribute that carries a refusal to {@link WebhookIngressController}. */
    static final String REJECTED = WebhookIngressValve.class.getName() + ".rejected";

    /** The request attribute that carries an unexpected failure to {@link WebhookIngressController}. */
    static final String FAILED = WebhookIngressValve.class.getName() + ".failed";

    private static final String PREFIX = "/webhooks/";

    /** Adds the valve to the embedded Tomcat unless {@code rollcall.webhooks.fast-path=false}. */
    @Component
    static class Registration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        private final WebhookProperties properties;
        private final ObjectProvider<WebhookIngress> ingress;
        private final ObjectProvider<JsonMapper> json;

        Registration(
                WebhookProperties properties, ObjectProvider<WebhookIngress> ingress, ObjectProvider<JsonMapper> json) {
            this.properties = properties;
            this.ingress = ingress;
            this.json = json;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            if (properties.fastPathEnabled()) {
                factory.addContextValves(new WebhookIngressValve(ingress, json));
            }
        }
    }

    // looked up at the first delivery: customizers run while the web server is made, before the rest of
    // the context is ready
    private final SingletonSupplier<WebhookIngress> ingress;
    private final SingletonSupplier<JsonMapper> json;

    private WebhookIngressValve(ObjectProvider<WebhookIngress> ingress, ObjectProvider<JsonMapper> json) {
        super(true);
        this.ingress = SingletonSupplier.of(ingress::getObject);
        this.json = SingletonSupplier.of(json::getObject);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String endpointId = endpointId(request);
        if (endpointId == null) {
            getNext().invoke(request, response);
            return;
        }
        WebhookIngress.Outcome outcome;
        try {
            outcome = ingress.obtain().receive(endpointId, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("Interrupted while committing a webhook event", e);
        } catch (RuntimeException e) {
            // Unexpected (the database gone while the endpoint was looked up, say): the controller
            // throws it again, so it is logged and answered like any other failure of the API.
            request.setAttribute(FAILED, e);
            getNext().invoke(request, response);
            return;
        }
        switch (outcome) {
            case WebhookIngress.Received received -> {
                response.setHeader(
                        RequestIdFilter.HEADER, RequestIdFilter.requestId(request.getHeader(RequestIdFilter.HEADER)));
                byte[] body = json.obtain().writeValueAsBytes(received.receipt());
                response.setStatus(received.status().value());
                response.setContentType("application/json");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
            case WebhookIngress.Rejected rejected -> {
                request.setAttribute(REJECTED, rejected);
                getNext().invoke(request, response);
            }
        }
    }

    /** The endpoint id of a delivery ({@code POST /webhooks/{id}}), or null for any other request. */
    private static @Nullable String endpointId(Request request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = request.getDecodedRequestURI();
        if (path == null || !path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
            return null;
        }
        String id = path.substring(PREFIX.length());
        return id.indexOf('/') >= 0 || id.indexOf(';') >= 0 ? null : id;
    }
}
