package dev.rollcall.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints a benchmark's results: titles, notes (the machine, the setup) and one line per {@link
 * Figure} with its ratio to its baseline and whether it meets its target. Keeps the figures it
 * printed, for tests and for callers that post-process them. Not thread-safe: one benchmark writes
 * to it from one thread.
 */
public final class Report {

    private final PrintStream out;
    private final List<Figure> figures = new ArrayList<>();

    public Report(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    public void title(String text) {
        out.println();
        out.println("== " + text);
    }

    public void note(String text) {
        out.println(text.isEmpty() ? "" : "   " + text);
    }

    public void figure(Figure figure) {
        figures.add(figure);
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT, "   %-44s %14s %-10s", figure.name(), number(figure.value()), figure.unit()));
        Figure.Baseline baseline = figure.baseline();
        if (baseline != null) {
            line.append(String.format(
                    Locale.ROOT, "  %6.2f× %s (%s)", figure.ratio(), baseline.name(), number(baseline.value())));
        }
        Figure.Target target = figure.target();
        if (target != null) {
            line.append(String.format(
                    Locale.ROOT,
                    "  target %s %s: %s",
                    target.atLeast() ? "≥" : "≤",
                    number(target.bound()),
                    target.metBy(figure.value()) ? "met" : "NOT MET"));
        }
        out.println(line.toString().stripTrailing());
    }

    /** Every figure printed so far, in order. */
    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Grouped thousands for big values, three significant decimals for small ones. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
