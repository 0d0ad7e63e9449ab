package dev.rollcall.server.demo;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether the demo runs. {@code ROLLCALL_DEMO} ({@code rollcall.demo}) set to {@code true} or {@code
 * false} decides; unset or blank, the demo runs exactly when the database is the embedded one, so
 * that a production installation ({@code ROLLCALL_DATABASE_URL}) never gets a demo it did not ask
 * for. Stateless.
 */
public final class DemoSwitch {

    private DemoSwitch() {}

    /**
     * @param value the {@code ROLLCALL_DEMO} value, or null when unset
     * @throws IllegalArgumentException when the value is neither blank, {@code true} nor {@code false}
     */
    public static boolean enabled(@Nullable String value, boolean externalDatabase) {
        String flag = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (flag) {
            case "" -> !externalDatabase;
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new IllegalArgumentException(
                        "ROLLCALL_DEMO (rollcall.demo) must be true, false or empty, but was '" + value + "'");
        };
    }
}
