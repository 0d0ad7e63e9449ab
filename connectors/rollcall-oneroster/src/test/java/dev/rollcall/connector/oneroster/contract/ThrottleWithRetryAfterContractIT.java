package dev.rollcall.connector.oneroster.contract;

import dev.rollcall.simulator.http.Dialect;

/** 429s with {@code Retry-After: 1}, on TimeBack's dialect (paging in the body). */
class ThrottleWithRetryAfterContractIT extends FaultyUpstreamContract {

    @Override
    protected String faults() {
        return """
                {"throttleShare": 0.05, "retryAfterSeconds": 1}""";
    }

    @Override
    protected Dialect dialect() {
        return Dialect.TIMEBACK;
    }

    @Override
    protected String profile() {
        return "timeback";
    }
}
