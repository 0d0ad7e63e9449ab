package dev.rollcall.connector.api.config;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating a configuration: every problem found, and the typed config when there
 * were none.
 */
public record ConfigValidation(
        List<ConfigProblem> problems, @Nullable ConnectorConfig config) {

    public ConfigValidation {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public Optional<ConnectorConfig> validConfig() {
        return valid() ? Optional.ofNullable(config) : Optional.empty();
    }
}
