package dev.rollcall.connector.api.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a connector's configuration may hold: its fields and the rules across them. {@link
 * #validate} converts raw values (as parsed from JSON) to their types and collects every problem at
 * once; nothing stops at the first. Immutable and thread-safe.
 */
public final class ConfigSpec {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, ConfigField> fields;
    private final List<ConfigRule> rules;

    private ConfigSpec(List<ConfigField> fields, List<ConfigRule> rules) {
        Map<String, ConfigField> byName = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            if (byName.put(field.name(), field) != null) {
                throw new IllegalArgumentException("field '" + field.name() + "' is declared twice");
            }
        }
        this.fields = java.util.Collections.unmodifiableMap(byName);
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ConfigField> fields() {
        return List.copyOf(fields.values());
    }

    public Optional<ConfigField> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The names of the secret fields, which are stored encrypted and shown masked. */
    public List<String> secretFields() {
        return fields.values().stream()
                .filter(ConfigField::secret)
                .map(ConfigField::name)
                .toList();
    }

    /**
     * Validates raw values: checks that every key is a known field, every required field is there,
     * every value has its type and passes its checks, then the cross-field rules. A {@code null}
     * value means the same as an absent one.
     */
    public ConfigValidation validate(Map<String, ?> raw) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            if (!fields.containsKey(key)) {
                problems.add(new ConfigProblem(
                        key, "is not a field of this connector; known fields are " + fields.keySet()));
            }
        }
        for (ConfigField field : fields.values()) {
            Object value = raw.get(field.name());
            if (value == null || (value instanceof String text && text.isBlank())) {
                if (field.defaultValue() != null) {
                    value = field.defaultValue();
                } else {
                    if (field.required()) {
                        problems.add(new ConfigProblem(field.name(), "is required"));
                    }
                    continue;
                }
            }
            Converted converted = convert(field, value);
            if (converted.problem != null) {
                problems.add(new ConfigProblem(field.name(), converted.problem));
                continue;
            }
            boolean passed = true;
            for (FieldCheck check : field.checks()) {
                Optional<String> reason = check.check(converted.value);
                if (reason.isPresent()) {
                    problems.add(new ConfigProblem(field.name(), reason.get()));
                    passed = false;
                }
            }
            if (passed) {
                typed.put(field.name(), converted.value);
            }
        }
        ConnectorConfig config = new ConnectorConfig(typed);
        for (ConfigRule rule : rules) {
            problems.addAll(rule.check(config));
        }
        return new ConfigValidation(problems, problems.isEmpty() ? config : null);
    }

    /**
     * Why a field's default does not pass its own type, options or range, or empty when it does
     * (for {@link ConfigField.Builder#build()}, which rejects such a field).
     */
    static Optional<String> defaultProblem(ConfigField field) {
        Object value = field.defaultValue();
        return value == null ? Optional.empty() : Optional.ofNullable(convert(field, value).problem);
    }

    private record Converted(Object value, String problem) {
        static Converted ok(Object value) {
            return new Converted(value, null);
        }

        static Converted bad(String problem) {
            return new Converted(null, problem);
        }
    }

    private static Converted convert(ConfigField field, Object value) {
        return switch (field.type()) {
            case STRING ->
                value instanceof String text
                        ? Converted.ok(text.strip())
                        : Converted.bad("must be a string, but was " + describe(value));
            case SECRET ->
                value instanceof String text
                        ? Converted.ok(Secret.of(text))
                        : Converted.bad("must be a string, but was " + kind(value)); // never echo a secret
            case INTEGER ->
                toLong(value)
                        .map(number -> inRange(field, number))
                        .orElseGet(() -> Converted.bad("must be a whole number, but was " + describe(value)));
            case BOOLEAN ->
                toBoolean(value)
                        .map(Converted::ok)
                        .orElseGet(() -> Converted.bad("must be true or false, but was " + describe(value)));
            case URL -> toUrl(value);
            case ENUM ->
                value instanceof String text && field.options().contains(text)
                        ? Converted.ok(text)
                        : Converted.bad("must be one of " + field.options() + ", but was " + describe(value));
            case DURATION ->
                toDuration(value)
                        .map(Converted::ok)
                        .orElseGet(() -> Converted.bad(
                                "must be a duration such as 30s, 5m, 1h or PT30S, but was " + describe(value)));
            case STRING_LIST ->
                toStringList(value)
                        .map(Converted::ok)
                        .orElseGet(() -> Converted.bad("must be a list of strings, but was " + describe(value)));
        };
    }

    private static Converted inRange(ConfigField field, long number) {
        if ((field.min() != null && number < field.min()) || (field.max() != null && number > field.max())) {
            return Converted.bad("must be between " + field.min() + " and " + field.max() + ", but was " + number);
        }
        return Converted.ok(number);
    }

    private static Optional<Long> toLong(Object value) {
        try {
            BigDecimal decimal =
                    switch (value) {
                        case Number number -> new BigDecimal(number.toString());
                        case String text -> new BigDecimal(text.strip());
                        default -> null;
                    };
            return decimal == null ? Optional.empty() : Optional.of(decimal.longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> toBoolean(Object value) {
        if (value instanceof Boolean bool) {
            return Optional.of(bool);
        }
        if (value instanceof String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private static Converted toUrl(Object value) {
        if (value instanceof URI uri) {
            value = uri.toString(); // a default given as a URI: checked like its text
        }
        if (!(value instanceof String text)) {
            return Converted.bad("must be a URL string, but was " + describe(value));
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Converted.bad("must be an absolute http or https URL, but was '" + text + "'");
            }
            if (uri.getHost() == null) {
                return Converted.bad("must name a host, but was '" + text + "'");
            }
            return Converted.ok(uri);
        } catch (URISyntaxException e) {
            return Converted.bad("is not a valid URL: " + e.getReason() + " in '" + text + "'");
        }
    }

    private static Optional<Duration> toDuration(Object value) {
        if (value instanceof Duration duration) {
            return Optional.of(duration); // a default given as a Duration
        }
        if (value instanceof Number number) {
            return toLong(number).map(Duration::ofSeconds);
        }
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        Matcher simple = SIMPLE_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return Optional.of(
                    switch (simple.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        try {
            return Optional.of(Duration.parse(trimmed));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> toStringList(Object value) {
        if (value instanceof String text) {
            return Optional.of(Arrays.stream(text.split(","))
                    .map(String::strip)
                    .filter(item -> !item.isEmpty())
                    .toList());
        }
        if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof String)) {
            return Optional.of(
                    list.stream().map(item -> ((String) item).strip()).toList());
        }
        return Optional.empty();
    }

    private static String describe(Object value) {
        return value instanceof String text ? "'" + text + "'" : kind(value) + " " + value;
    }

    private static String kind(Object value) {
        return switch (value) {
            case String ignored -> "a string";
            case Number ignored -> "a number";
            case Boolean ignored -> "a boolean";
            case List<?> ignored -> "a list";
            case Map<?, ?> ignored -> "an object";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    public static final class Builder {
        private final List<ConfigField> fields = new ArrayList<>();
        private final List<ConfigRule> rules = new ArrayList<>();

        public Builder field(ConfigField field) {
            fields.add(field);
            return this;
        }

        public Builder field(ConfigField.Builder field) {
            return field(field.build());
        }

        public Builder rule(ConfigRule rule) {
            rules.add(rule);
            return this;
        }

        public ConfigSpec build() {
            return new ConfigSpec(fields, rules);
        }
    }
}
