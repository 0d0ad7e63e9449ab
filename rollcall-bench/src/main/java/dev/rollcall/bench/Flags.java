package dev.rollcall.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The parsed flags of one benchmark. Flags are declared with a default, a description and a parser;
 * {@link #parse} accepts {@code --name value} and {@code --name=value} and reports every problem at
 * once, each naming the flag and the reason. Immutable.
 */
public final class Flags {

    /**
     * One flag.
     *
     * @param name without the leading dashes
     * @param defaultValue as it would be typed; parsed like a given value
     * @param parser turns the text into the value, throwing {@link IllegalArgumentException} with the
     *     reason when it cannot
     */
    public record Flag<T>(String name, String defaultValue, String description, Function<String, T> parser) {
        public Flag {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(parser, "parser");
        }
    }

    /** How many measured runs; the figure is the run with the median time. */
    public static final Flag<Integer> RUNS =
            new Flag<>("runs", "3", "measured runs; each figure is the median run", Flags::positiveInt);

    /** How many unmeasured runs first, so the JIT has compiled the hot paths. */
    public static final Flag<Integer> WARMUP =
            new Flag<>("warmup", "1", "unmeasured runs before the measured ones", Flags::nonNegativeInt);

    private final Map<String, Object> values;

    private Flags(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Parses {@code args} against the declared flags.
     *
     * @throws IllegalArgumentException listing every problem, one per line
     */
    public static Flags parse(List<Flag<?>> declared, List<String> args) {
        Map<String, Flag<?>> byName = new LinkedHashMap<>();
        declared.forEach(flag -> byName.put(flag.name(), flag));
        Map<String, String> given = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                problems.add("unexpected argument '" + arg + "': flags start with --");
                continue;
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                problems.add("--" + name + " needs a value");
                continue;
            }
            if (!byName.containsKey(name)) {
                problems.add("unknown flag --" + name + "; this benchmark's flags are " + byName.keySet());
                continue;
            }
            given.put(name, value);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Flag<?> flag : declared) {
            String text = given.getOrDefault(flag.name(), flag.defaultValue());
            try {
                values.put(flag.name(), flag.parser().apply(text));
            } catch (IllegalArgumentException e) {
                problems.add("--" + flag.name() + " " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new Flags(values);
    }

    /**
     * The value of a declared flag.
     *
     * @throws IllegalArgumentException when the flag was not declared to {@link #parse}
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Flag<T> flag) {
        Object value = values.get(flag.name());
        if (value == null) {
            throw new IllegalArgumentException("flag --" + flag.name() + " was not declared by this benchmark");
        }
        return (T) value;
    }

    /** The flags' help text: name, default, description, one per line. */
    public static String usage(List<Flag<?>> declared) {
        StringBuilder text = new StringBuilder();
        for (Flag<?> flag : declared) {
            text.append(String.format(
                    "  --%-16s %s (default %s)%n", flag.name() + " X", flag.description(), flag.defaultValue()));
        }
        return text.toString();
    }

    public static int positiveInt(String text) {
        int value = wholeNumber(text);
        if (value < 1) {
            throw new IllegalArgumentException("must be 1 or more, but was " + value);
        }
        return value;
    }

    public static int nonNegativeInt(String text) {
        int value = wholeNumber(text);
        if (value < 0) {
            throw new IllegalArgumentException("must be 0 or more, but was " + value);
        }
        return value;
    }

    /** A comma-separated list of positive whole numbers, at least one. */
    public static List<Integer> positiveInts(String text) {
        List<Integer> values = Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .map(Flags::positiveInt)
                .toList();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("must list at least one number, but was '" + text + "'");
        }
        return values;
    }

    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, but was '" + text + "'");
        }
    }
}
