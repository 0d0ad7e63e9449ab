package dev.rollcall.connector.api.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One field of a connector's configuration: its name, type, whether it is required, its default,
 * and the checks its value must pass. Immutable; made with the builder, which fails fast on a spec
 * that contradicts itself.
 */
public record ConfigField(
        String name,
        FieldType type,
        String label,
        String description,
        boolean required,
        @Nullable Object defaultValue,
        List<String> options,
        @Nullable Long min,
        @Nullable Long max,
        List<FieldCheck> checks) {

    public ConfigField {
        options = List.copyOf(options);
        checks = List.copyOf(checks);
    }

    public boolean secret() {
        return type == FieldType.SECRET;
    }

    public static Builder builder(String name, FieldType type) {
        return new Builder(name, type);
    }

    public static Builder string(String name) {
        return builder(name, FieldType.STRING);
    }

    public static Builder secret(String name) {
        return builder(name, FieldType.SECRET);
    }

    public static Builder integer(String name) {
        return builder(name, FieldType.INTEGER);
    }

    public static Builder bool(String name) {
        return builder(name, FieldType.BOOLEAN);
    }

    public static Builder url(String name) {
        return builder(name, FieldType.URL);
    }

    public static Builder duration(String name) {
        return builder(name, FieldType.DURATION);
    }

    public static Builder stringList(String name) {
        return builder(name, FieldType.STRING_LIST);
    }

    public static Builder oneOf(String name, String... options) {
        return builder(name, FieldType.ENUM).options(options);
    }

    public static final class Builder {
        private final String name;
        private final FieldType type;
        private String label;
        private String description = "";
        private boolean required;
        private @Nullable Object defaultValue;
        private List<String> options = List.of();
        private @Nullable Long min;
        private @Nullable Long max;
        private final List<FieldCheck> checks = new ArrayList<>();

        private Builder(String name, FieldType type) {
            if (name == null || !name.matches("[a-zA-Z][a-zA-Z0-9_.]*")) {
                throw new IllegalArgumentException(
                        "a field name must start with a letter and hold letters, digits, '_' or '.', but was '" + name
                                + "'");
            }
            this.name = name;
            this.type = type;
            this.label = name;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder defaultValue(Object defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        public Builder options(String... options) {
            this.options = List.of(options);
            return this;
        }

        public Builder range(long min, long max) {
            if (min > max) {
                throw new IllegalArgumentException(
                        "range of '" + name + "': min must not exceed max, but was " + min + " > " + max);
            }
            this.min = min;
            this.max = max;
            return this;
        }

        public Builder check(FieldCheck check) {
            checks.add(check);
            return this;
        }

        public ConfigField build() {
            if (type == FieldType.ENUM && options.isEmpty()) {
                throw new IllegalArgumentException("enum field '" + name + "' needs options");
            }
            if (type != FieldType.ENUM && !options.isEmpty()) {
                throw new IllegalArgumentException("only an enum field has options, but '" + name + "' is " + type);
            }
            if ((min != null || max != null) && type != FieldType.INTEGER) {
                throw new IllegalArgumentException("only an integer field has a range, but '" + name + "' is " + type);
            }
            if (type == FieldType.SECRET && defaultValue != null) {
                throw new IllegalArgumentException("secret field '" + name + "' must not have a default");
            }
            if (required && defaultValue != null) {
                throw new IllegalArgumentException("field '" + name + "' is required and has a default: choose one");
            }
            ConfigField field =
                    new ConfigField(name, type, label, description, required, defaultValue, options, min, max, checks);
            ConfigSpec.defaultProblem(field).ifPresent(problem -> {
                throw new IllegalArgumentException("the default of '" + name + "' " + problem);
            });
            return field;
        }
    }
}
