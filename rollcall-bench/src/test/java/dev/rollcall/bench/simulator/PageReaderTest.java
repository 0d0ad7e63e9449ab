package dev.rollcall.bench.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.http.Dialect;
import dev.rollcall.simulator.http.Faults;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server that answers wrongly cannot look fast: the reader refuses its pages. */
class PageReaderTest {

    private static final HttpClient CLIENT = PageReader.httpClient();
    private static final int SMALL_USERS = 300;

    private Simulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private PageReader reader(Dialect dialect, Faults faults) throws Exception {
        Simulator.Options options = Simulator.Options.defaults().withPort(0).withDialect(dialect);
        simulator = Simulator.start(options);
        String token = PageReader.clientCredentialsToken(
                CLIENT, simulator.baseUrl(), options.clientId(), options.clientSecret());
        simulator.faults(faults);
        AtomicLong ticks = new AtomicLong();
        return new PageReader(
                CLIENT, simulator.rosteringUrl(), token, dialect.timebackStyle(), () -> ticks.addAndGet(1_000_000));
    }

    @Test
    void aHealthyServerIsReadWholeInBothDialects() throws Exception {
        Read standard = reader(Dialect.STANDARD, Faults.NONE).readAll("users", 64, SMALL_USERS);
        simulator.close();
        Read timeback = reader(Dialect.TIMEBACK, Faults.NONE).readAll("users", 64, SMALL_USERS);

        assertThat(standard.records()).isEqualTo(SMALL_USERS);
        assertThat(standard.pages()).isEqualTo(5);
        assertThat(standard.nanos()).as("the injected ticker's time").isPositive();
        assertThat(timeback.records()).isEqualTo(SMALL_USERS);
        assertThat(timeback.pages()).isEqualTo(5);
    }

    @Test
    void aTruncatedPageIsRefused() throws Exception {
        PageReader reader = reader(Dialect.STANDARD, Faults.NONE.with("truncatedShare=1"));

        assertThatThrownBy(() -> reader.readAll("users", 100, SMALL_USERS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not well-formed JSON");
    }

    @Test
    void aShortPageIsRefused() throws Exception {
        PageReader reader = reader(Dialect.STANDARD, Faults.NONE.with("pageMax=7"));

        assertThatThrownBy(() -> reader.readAll("users", 100, SMALL_USERS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("held 7 records; expected 100");
    }

    @Test
    void recordsThatMoveBetweenPagesAreRefused() throws Exception {
        PageReader reader = reader(Dialect.TIMEBACK, Faults.NONE.with("shiftEveryPage=true"));

        assertThatThrownBy(() -> reader.readAll("users", 100, SMALL_USERS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reports a total of 299 but the collection holds 300");
    }

    @Test
    void aWrongTotalAndAnErrorStatusAreRefused() throws Exception {
        PageReader reader = reader(Dialect.STANDARD, Faults.NONE);

        assertThatThrownBy(() -> reader.readAll("users", 100, SMALL_USERS + 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reports a total of 300 but the collection holds 301");
        simulator.faults(Faults.NONE.with("errorShare=1"));
        assertThatThrownBy(() -> reader.readAll("users", 100, SMALL_USERS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 503");
    }
}
