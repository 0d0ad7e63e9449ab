package dev.rollcall.connector.api.model;

/**
 * One way a record breaks the OneRoster 1.2 rules.
 *
 * @param field the JSON path of the field, e.g. {@code roles[1].org}
 * @param reason what is wrong, in words an operator understands
 * @param severity {@link Severity#ERROR} when the record cannot be used as it is; {@link
 *     Severity#WARNING} when the binding requires the field but real servers omit it and Rollcall
 *     can do without
 */
public record Violation(String field, String reason, Severity severity) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public static Violation error(String field, String reason) {
        return new Violation(field, reason, Severity.ERROR);
    }

    public static Violation warning(String field, String reason) {
        return new Violation(field, reason, Severity.WARNING);
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
