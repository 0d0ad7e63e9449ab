package dev.rollcall.connector.oneroster.contract;

import java.util.Map;

/** Hung requests: one in twenty is never answered; a 300 ms read timeout gives up on it and retries. */
class HungRequestContractIT extends FaultyUpstreamContract {

    @Override
    protected String faults() {
        return """
                {"hangShare": 0.05}""";
    }

    @Override
    protected Map<String, Object> overrides() {
        return Map.of("readTimeout", "300ms");
    }
}
