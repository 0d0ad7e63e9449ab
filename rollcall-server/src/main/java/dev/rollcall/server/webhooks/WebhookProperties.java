package dev.rollcall.server.webhooks;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook ingress settings, {@code rollcall.webhooks.*}.
 *
 * @param maxBodyBytes a larger body is refused with 413 (default 1 MiB)
 * @param publicUrl the URL senders call Rollcall at (e.g. {@code https://rollcall.example.org}); the
 *     endpoint URLs shown are built on it and URL-signing schemes (Twilio) check against it. When
 *     blank, the request's own scheme and host are used.
 * @param rotationGrace how long a rotated-out secret stays valid (default 24 hours)
 * @param fastPath whether Tomcat answers deliveries itself ({@link WebhookIngressValve}, the default)
 *     rather than through the servlet filters and Spring MVC
 */
@ConfigurationProperties("rollcall.webhooks")
public record WebhookProperties(
        @Nullable Integer maxBodyBytes,
        @Nullable URI publicUrl,
        @Nullable Duration rotationGrace,
        @Nullable Boolean fastPath) {

    public int bodyLimit() {
        return maxBodyBytes == null ? 1024 * 1024 : maxBodyBytes;
    }

    public boolean fastPathEnabled() {
        return fastPath == null || fastPath;
    }

    public Duration grace() {
        return rotationGrace == null ? Duration.ofHours(24) : rotationGrace;
    }
}
