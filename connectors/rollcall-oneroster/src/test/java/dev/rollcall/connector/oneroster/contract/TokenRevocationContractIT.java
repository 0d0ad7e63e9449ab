package dev.rollcall.connector.oneroster.contract;

/** Token revocation mid-run: every token is revoked after each seven requests served. */
class TokenRevocationContractIT extends FaultyUpstreamContract {

    @Override
    protected String faults() {
        return """
                {"revokeAfter": 7}""";
    }

    /**
     * A refused request never reaches the fault counter, so the proof is the simulator's contract:
     * the read took more requests than the revocation period, so its token was revoked mid-read.
     */
    @Override
    protected void assertFaultsAbsorbed(long served, dev.rollcall.connector.testkit.StreamRead read) {
        org.assertj.core.api.Assertions.assertThat(served).isGreaterThan(7);
    }
}
