package dev.rollcall.connector.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.webhook.ChangeHint;
import dev.rollcall.connector.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneRosterWebhooksTest {

    private final OneRosterWebhooks webhooks = new OneRosterWebhooks(new RecordParser());

    private static WebhookRequest event(String body) {
        return new WebhookRequest(
                "https://rollcall.example/webhooks/x",
                Map.of("webhook-id", List.of("msg_42")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static final String ORG = """
            {"sourcedId":"org-00002","status":"active","dateLastModified":"2026-11-22T10:00:00.000Z",
             "name":"Lincoln Elementary","type":"school","identifier":"LE"}""";

    @Test
    void anEventWithTheFullRecordNeedsNoFetch() throws Exception {
        List<ChangeHint> hints = webhooks.parse(event("""
                {"type":"org.updated","timestamp":"2026-11-22T10:00:01.000Z",
                 "data":{"sourcedId":"org-00002","entity":"orgs","record":%s}}""".formatted(ORG)));

        assertThat(hints).singleElement().satisfies(hint -> {
            assertThat(hint.eventId()).isEqualTo("msg_42");
            assertThat(hint.stream()).isEqualTo("orgs");
            assertThat(hint.externalId()).isEqualTo("org-00002");
            assertThat(hint.occurredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:01Z"));
            assertThat(hint.record()).isNotNull();
            assertThat(hint.record().entityType()).isEqualTo(EntityType.ORG);
            assertThat(hint.record().deleted()).isFalse();
        });
    }

    @Test
    void aDeletedEventIsADeleteEvenWhenItsRecordStillSaysActive() throws Exception {
        List<ChangeHint> hints = webhooks.parse(event("""
                {"type":"org.deleted","data":{"sourcedId":"org-00002","entity":"orgs","record":%s}}""".formatted(ORG)));

        assertThat(hints.getFirst().record().deleted()).isTrue();
    }

    @Test
    void anEventWithoutARecordIsFetched() throws Exception {
        List<ChangeHint> hints = webhooks.parse(
                event("{\"type\":\"user.updated\",\"data\":{\"sourcedId\":\"usr-1\",\"entity\":\"users\"}}"));

        assertThat(hints).singleElement().satisfies(hint -> {
            assertThat(hint.stream()).isEqualTo("users");
            assertThat(hint.record()).isNull();
        });
    }

    @Test
    void malformedEventsAndBadRecordsAreDataErrorsNamingTheProblem() {
        assertThatThrownBy(() -> webhooks.parse(event("{not json")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() ->
                        webhooks.parse(event("{\"type\":\"x\",\"data\":{\"sourcedId\":\"a\",\"entity\":\"pets\"}}")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'pets' is not a OneRoster collection");
        assertThatThrownBy(() -> webhooks.parse(event("""
                        {"type":"org.updated","data":{"entity":"orgs","record":{"sourcedId":"org-9","status":"active",
                         "dateLastModified":"2026-11-22T10:00:00.000Z","type":"school"}}}""")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("name");
    }
}
