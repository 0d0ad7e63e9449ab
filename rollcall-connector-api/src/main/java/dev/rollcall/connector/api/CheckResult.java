package dev.rollcall.connector.api;

import java.util.List;

/**
 * The outcome of {@link Connector#check()}: a status and the findings behind it (the "connection
 * doctor"), e.g. {@code token: OK}, {@code users: FAILED 403 forbidden}. An expected failure is a
 * result, not an exception.
 */
public record CheckResult(Status status, List<Finding> findings) {

    public enum Status {
        OK,
        WARNING,
        FAILED
    }

    /** One thing the check looked at, what it found, and what to do about it when not OK. */
    public record Finding(String name, Status status, String message) {}

    public CheckResult {
        findings = List.copyOf(findings);
    }

    /** The result whose status is the worst of its findings. */
    public static CheckResult of(List<Finding> findings) {
        Status worst =
                findings.stream().map(Finding::status).max(Enum::compareTo).orElse(Status.OK);
        return new CheckResult(worst, findings);
    }
}
