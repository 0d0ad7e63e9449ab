package dev.rollcall.connector.oneroster.contract;

/** 5xx bursts: three requests in ten answer 503. */
class ServerErrorBurstContractIT extends FaultyUpstreamContract {

    @Override
    protected String faults() {
        return """
                {"errorShare": 0.3, "errorStatus": 503}""";
    }
}
