package dev.rollcall.server.integrations;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An integration as the API shows it: its current configuration with every secret masked.
 *
 * @param version the current configuration version
 */
public record Integration(
        UUID id,
        String name,
        String connector,
        boolean enabled,
        int version,
        Map<String, Object> config,
        Instant createdAt,
        Instant updatedAt) {}
