package dev.rollcall.connector.oneroster.contract;

/** Truncated and malformed pages: answered 200 with half a body, or with JSON that does not parse. */
class TruncatedPageContractIT extends FaultyUpstreamContract {

    @Override
    protected String faults() {
        return """
                {"truncatedShare": 0.2, "malformedShare": 0.1}""";
    }
}
