package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.Org;
import dev.rollcall.connector.api.model.RosterEntity;
import dev.rollcall.connector.api.model.User;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A field that identifies the same real-world record across sources, used to match a record an
 * integration has never sent before to a local record another source created. Emails compare
 * without case; the others exactly.
 */
public enum NaturalKey {
    EMAIL(EntityType.USER),
    IDENTIFIER(null),
    USER_MASTER_IDENTIFIER(EntityType.USER);

    private final @Nullable EntityType only;

    NaturalKey(@Nullable EntityType only) {
        this.only = only;
    }

    /** Whether records of this type have the key ({@code identifier}: users and orgs). */
    public boolean appliesTo(EntityType type) {
        if (only != null) {
            return type == only;
        }
        return type == EntityType.USER || type == EntityType.ORG;
    }

    /** The key's value in {@code entity}, normalised for comparison; null when it has none. */
    public @Nullable String valueOf(RosterEntity entity) {
        String value =
                switch (entity) {
                    case User user ->
                        switch (this) {
                            case EMAIL -> user.email();
                            case IDENTIFIER -> user.identifier();
                            case USER_MASTER_IDENTIFIER -> user.userMasterIdentifier();
                        };
                    case Org org -> this == IDENTIFIER ? org.identifier() : null;
                    default -> null;
                };
        if (value == null || value.isBlank()) {
            return null;
        }
        return this == EMAIL ? value.strip().toLowerCase(Locale.ROOT) : value.strip();
    }

    /** The configuration name, e.g. {@code userMasterIdentifier}. */
    public String configName() {
        return switch (this) {
            case EMAIL -> "email";
            case IDENTIFIER -> "identifier";
            case USER_MASTER_IDENTIFIER -> "userMasterIdentifier";
        };
    }

    public static NaturalKey fromConfigName(String name) {
        for (NaturalKey key : values()) {
            if (key.configName().equals(name)) {
                return key;
            }
        }
        throw new IllegalArgumentException(
                "a natural key is one of email, identifier, userMasterIdentifier, but was '" + name + "'");
    }
}
