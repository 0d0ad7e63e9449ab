package dev.rollcall.simulator;

import static dev.rollcall.simulator.SimulatorClient.codeMinor;
import static dev.rollcall.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.simulator.http.Faults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The faults not covered by {@link SimulatorIT}: token revocation mid-run, latency, hanging requests, flags. */
class FaultsIT {

    private Simulator simulator;
    private SimulatorClient client;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private void start(Simulator.Options options) {
        simulator = Simulator.start(options.withPort(0));
        client = new SimulatorClient(simulator);
    }

    private List<Integer> statuses(String token, int requests) {
        return IntStream.range(0, requests)
                .mapToObj(
                        i -> client.get(token, "/users?limit=5&offset=" + i * 5).statusCode())
                .toList();
    }

    @Test
    void revokeAfterRevokesEveryTokenAfterNRequestsSoAReadSeesA401MidWay() {
        start(Simulator.Options.defaults());
        String first = client.token();
        HttpResponse<String> set = client.admin("PUT", "/admin/faults", "{\"revokeAfter\": 3}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).path("revokeAfter").asInt()).isEqualTo(3);

        assertThat(statuses(first, 4)).containsExactly(200, 200, 200, 401);
        assertThat(codeMinor(client.get(first, "/users"))).isEqualTo("unauthorisedrequest");

        String second = client.token();
        assertThat(statuses(second, 4)).containsExactly(200, 200, 200, 401);

        client.admin("PUT", "/admin/faults", "{}");
        String third = client.token();
        assertThat(statuses(third, 5)).containsOnly(200);
    }

    @Test
    void theFaultFlagSetsAnyFaultAndNamesBadOnes() {
        Simulator.Options options = Simulator.Options.parse(
                "--fault", "revokeAfter=2", "--fault=throttleShare=0.5", "--fault", "shiftEveryPage=true");
        assertThat(options.faults().revokeAfter()).isEqualTo(2);
        assertThat(options.faults().throttleShare()).isEqualTo(0.5);
        assertThat(options.faults().shiftEveryPage()).isTrue();

        assertThatThrownBy(() -> Simulator.Options.parse(
                        "--fault",
                        "shoeSize=9",
                        "--fault",
                        "throttleShare=2",
                        "--fault",
                        "revokeAfter",
                        "--fault",
                        "errorStatus=404"))
                .hasMessageContaining("unknown fault 'shoeSize'")
                .hasMessageContaining("throttleShare must be between 0 and 1, but was 2.0")
                .hasMessageContaining("must be NAME=VALUE")
                .hasMessageContaining("errorStatus must be 500, 502, 503 or 504, but was 404");

        start(options.withFaults(Faults.NONE.with("revokeAfter=2")));
        String token = client.token();
        assertThat(statuses(token, 3)).containsExactly(200, 200, 401);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        start(Simulator.Options.defaults().withFaults(Faults.NONE.with("latencyMillis=300")));
        String token = client.token();

        long started = System.nanoTime();
        assertThat(client.get(token, "/orgs").statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aHangingRequestIsNeverAnsweredButTheNextOneIs() throws Exception {
        start(Simulator.Options.defaults());
        String token = client.token();
        client.admin("PUT", "/admin/faults", "{\"hangShare\": 0.5}");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.rosteringUrl() + "/orgs"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMillis(500))
                .build();

        // With a share of 0.5, one of every two requests hangs: two in a row cannot both answer.
        int answered = 0;
        int hung = 0;
        for (int i = 0; i < 2; i++) {
            try {
                assertThat(http.send(request, HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(200);
                answered++;
            } catch (HttpTimeoutException e) {
                hung++;
            }
        }
        assertThat(answered).isEqualTo(1);
        assertThat(hung).isEqualTo(1);
    }
}
