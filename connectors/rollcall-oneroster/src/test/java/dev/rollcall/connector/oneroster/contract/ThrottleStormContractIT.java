package dev.rollcall.connector.oneroster.contract;

/** A 429 storm without {@code Retry-After}: three requests in ten are throttled. */
class ThrottleStormContractIT extends FaultyUpstreamContract {

    @Override
    protected String faults() {
        return """
                {"throttleShare": 0.3}""";
    }
}
