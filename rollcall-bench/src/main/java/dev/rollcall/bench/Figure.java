package dev.rollcall.bench;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One measured figure, with what it is compared against.
 *
 * @param name what was measured, e.g. {@code standard limit=100000: records/s}
 * @param value the measurement, in {@code unit}
 * @param baseline the same quantity measured on a path that lacks what is being measured (e.g. the
 *     same serialisation without HTTP), or null when there is none
 * @param target the figure's target from ARCHITECTURE.md, or null when it has none
 */
public record Figure(
        String name,
        double value,
        String unit,
        @Nullable Baseline baseline,
        @Nullable Target target) {

    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of figure '" + name + "' must be finite, but was " + value);
        }
    }

    /** A figure without baseline or target. */
    public static Figure of(String name, double value, String unit) {
        return new Figure(name, value, unit, null, null);
    }

    public Figure against(Baseline value) {
        return new Figure(name, this.value, unit, value, target);
    }

    public Figure withTarget(Target value) {
        return new Figure(name, this.value, unit, baseline, value);
    }

    /** {@code value / baseline.value}, or NaN when there is no baseline or it is zero. */
    public double ratio() {
        return baseline == null || baseline.value() == 0 ? Double.NaN : value / baseline.value();
    }

    /** The baseline: its name (e.g. {@code in-process serialisation}) and its value in the figure's unit. */
    public record Baseline(String name, double value) {
        public Baseline {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A bound the figure must meet: at least (throughput) or at most (time) {@code bound}. */
    public record Target(boolean atLeast, double bound) {

        public static Target atLeast(double bound) {
            return new Target(true, bound);
        }

        public static Target atMost(double bound) {
            return new Target(false, bound);
        }

        public boolean metBy(double value) {
            return atLeast ? value >= bound : value <= bound;
        }
    }
}
