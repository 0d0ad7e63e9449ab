package dev.rollcall.simulator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSubscriptionTest {

    private static WebhookSubscription wanting(String... types) {
        return new WebhookSubscription(
                "whk_1", URI.create("http://localhost/"), List.of(types), "whsec_AA==", Instant.EPOCH);
    }

    @Test
    void typesMatchExactlyByEntityOrAll() {
        assertThat(wanting("user.updated").wants("user.updated")).isTrue();
        assertThat(wanting("user.updated").wants("user.created")).isFalse();
        assertThat(wanting("user.*").wants("user.deleted")).isTrue();
        assertThat(wanting("user.*").wants("class.deleted")).isFalse();
        assertThat(wanting("*").wants("academicSession.created")).isTrue();
    }

    @Test
    void requestProblemsNameEachField() {
        assertThat(WebhookDispatcher.problems(null, null, null))
                .anyMatch(problem -> problem.startsWith("url:"))
                .anyMatch(problem -> problem.startsWith("eventTypes:"));
        assertThat(WebhookDispatcher.problems("ftp://x", List.of("user.updated", "shoe.created", "user.renamed"), "s"))
                .containsExactly(
                        "url: must be an absolute http or https URL, but was 'ftp://x'",
                        "eventTypes[1]: must be \"*\" or <entity>.<created|updated|deleted|*> with an entity of"
                                + " [academicSession, class, course, demographics, enrollment, org, user], but was"
                                + " 'shoe.created'",
                        "eventTypes[2]: must be \"*\" or <entity>.<created|updated|deleted|*> with an entity of"
                                + " [academicSession, class, course, demographics, enrollment, org, user], but was"
                                + " 'user.renamed'",
                        "secret: secret must start with whsec_");
        assertThat(WebhookDispatcher.problems("http://localhost:1/hook", List.of("*"), null))
                .isEmpty();
    }
}
