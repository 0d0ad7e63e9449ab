package dev.rollcall.server.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/{endpointId}} through Spring MVC: what {@link WebhookIngress} answers. A
 * delivery normally never gets here: {@link WebhookIngressValve} answers it in Tomcat, and passes
 * only a refusal on, as a request attribute, so that it is rendered as problem+json like every other
 * error of the API. With {@code rollcall.webhooks.fast-path=false} every delivery comes this way.
 */
@RestController
@Tag(name = "Webhooks in", description = "Where upstreams push their events")
public class WebhookIngressController {

    private final WebhookIngress ingress;

    WebhookIngressController(WebhookIngress ingress) {
        this.ingress = ingress;
    }

    @PostMapping("/webhooks/{endpointId}")
    @Operation(summary = "Receive one event from an upstream; 202 when new, 200 when already received")
    public ResponseEntity<WebhookIngress.Receipt> receive(
            @PathVariable String endpointId, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        if (request.getAttribute(WebhookIngressValve.FAILED) instanceof RuntimeException failure) {
            throw failure;
        }
        WebhookIngress.Outcome outcome =
                request.getAttribute(WebhookIngressValve.REJECTED) instanceof WebhookIngress.Rejected rejected
                        ? rejected
                        : ingress.receive(endpointId, request);
        return switch (outcome) {
            case WebhookIngress.Received received ->
                ResponseEntity.status(received.status()).body(received.receipt());
            case WebhookIngress.Rejected rejected -> {
                if (rejected.retryAfter() != null) {
                    response.setHeader("Retry-After", rejected.retryAfter());
                }
                throw rejected.problem();
            }
        };
    }
}
