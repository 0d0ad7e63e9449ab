package dev.rollcall.server.webhooks;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint as the API shows it. {@code secret} is set only in the answer that created or rotated
 * it, never again.
 *
 * @param url where the sender posts, {@code <public url>/webhooks/{id}}
 */
public record WebhookEndpoint(
        UUID id,
        UUID integrationId,
        String scheme,
        Map<String, String> settings,
        boolean enabled,
        String url,
        int activeSecrets,
        Instant createdAt,
        @Nullable String secret) {}
