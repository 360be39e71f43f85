package io.techex.notification.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.techex.notification.Exchange;
import io.techex.notification.NotificationTest;
import io.techex.platform.events.Topics;
import io.techex.testkit.MovableClock;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.techex.notification.Exchange.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reminders fall due by the service's clock, moved here: an offer's a day before it lapses, a regulator's decision's
 * three days before it is due; whatever moves the negotiation on, or the decision made, ends them; and one that fired
 * although an event that happened before its time ends it is taken back. Each test moves the clock forward only, and
 * only by what its own reminders need; every other test's reminders are days away or have ended.
 */
@NotificationTest
class RemindersTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    MovableClock clock;
    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    Exchange exchange;

    @BeforeEach
    void exchange() {
        exchange = new Exchange(kafka, topics, port);
    }

    @Test
    void bothSidesHearADayBeforeAnOfferLapsesUnlessTheNegotiationMovedOnFirst() {
        String listing = exchange.draftedListing("Chất xúc tác", "Catalyst");
        // whole seconds: PostgreSQL keeps microseconds
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String lapsing = offer(listing, now, now.plus(Duration.ofDays(3)));
        String countered = offer(listing, now, now.plus(Duration.ofDays(3)));
        awaitReminders(lapsing, 2);
        // countered after a day: its first offer's reminders end, the counter-offer's are due a day before it lapses
        exchange.publish("bidding/OfferCountered", listing, sample("bidding/OfferCountered", data -> data.put("listingId", listing)
                .put("negotiationId", countered).put("by", "SELLER")
                .put("validUntil", now.plus(Duration.ofDays(10)).toString())), now.plus(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM reminder WHERE topic = ? AND params ->> 'validUntil' = ?", Integer.class,
                "negotiation:" + countered, now.plus(Duration.ofDays(10)).toString()) == 2);

        clock.advance(Duration.ofDays(2).plusMinutes(1));

        JsonNode answer = awaitOne(TestTokens.UNIVERSITY, lapsing);
        assertThat(answer.path("params").path("side").asText()).isEqualTo("ANSWER");
        assertThat(answer.path("subject").asText()).isEqualTo("Đề nghị cho «Chất xúc tác» sắp hết hạn");
        assertThat(answer.path("occurredAt").asText()).isEqualTo(now.plus(Duration.ofDays(2)).toString());
        JsonNode own = awaitOne(TestTokens.FIRM, lapsing);
        assertThat(own.path("params").path("side").asText()).isEqualTo("OWN");
        assertThat(own.path("link").asText()).isEqualTo("/negotiations/" + lapsing);
        assertThat(reminders(TestTokens.UNIVERSITY, countered)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reminder WHERE topic = ? AND NOT fired", Integer.class,
                "negotiation:" + countered)).isEqualTo(2);
    }

    @Test
    void regulatorsHearThreeDaysBeforeADecisionIsDueUnlessItWasMade() {
        String listing = exchange.draftedListing("Công nghệ hạt nhân", "Nuclear technology");
        Instant now = clock.instant();
        String pending = UUID.randomUUID().toString();
        String decided = UUID.randomUUID().toString();
        for (String contract : List.of(pending, decided)) {
            exchange.publish("contract/RegulatoryDecisionRequested", listing, sample("contract/RegulatoryDecisionRequested", data -> data
                    .put("listingId", listing).put("contractId", contract).put("decision", "PERMIT")
                    .put("dueBy", now.plus(Duration.ofDays(30)).toString())), now);
        }
        exchange.publish("contract/TransferPermitGranted", listing, sample("contract/TransferPermitGranted", data -> data
                .put("listingId", listing).put("contractId", decided)), now.plus(Duration.ofDays(20)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM reminder WHERE topic IN (?, ?)", Integer.class, "decision:" + pending, "decision:" + decided) == 1);

        clock.advance(Duration.ofDays(27).plusMinutes(1));

        JsonNode dueSoon = await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(
                exchange.feed(TestTokens.REGULATOR).spliterator(), false).filter(n -> "REGULATORY_DECISION_DUE_SOON".equals(n.path("kind").asText())
                && pending.equals(n.path("params").path("contractId").asText())).findFirst().orElse(null), n -> n != null);
        assertThat(dueSoon.path("subject").asText()).isEqualTo("Còn 3 ngày để quyết định (giấy phép chuyển giao): «Công nghệ hạt nhân»");
        assertThat(StreamSupport.stream(exchange.feed(TestTokens.REGULATOR).spliterator(), false)
                .filter(n -> decided.equals(n.path("params").path("contractId").asText()))
                .map(n -> n.path("kind").asText())).containsExactly("REGULATORY_DECISION_REQUESTED");
    }

    @Test
    void aReminderFiredBeforeTheEventThatEndedItWasReadIsTakenBack() {
        exchange.feed("hoa.pham");
        String listing = exchange.draftedListing("Men vi sinh", "Probiotic");
        Instant now = clock.instant();
        String negotiation = offer(listing, now, now.plus(Duration.ofDays(2)).plusSeconds(30));
        awaitReminders(negotiation, 2);
        // the buyer rejected it an hour before the reminders were due, but the event reaches the feed only now
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        awaitOne(TestTokens.UNIVERSITY, negotiation);
        exchange.publish("bidding/NegotiationEnded", listing, sample("bidding/NegotiationEnded", data -> data
                .put("listingId", listing).put("negotiationId", negotiation)), now.plus(Duration.ofHours(23)));

        await().atMost(Duration.ofSeconds(30)).until(() -> reminders(TestTokens.UNIVERSITY, negotiation).isEmpty()
                && reminders(TestTokens.FIRM, negotiation).isEmpty());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reminder WHERE topic = ?", Integer.class, "negotiation:" + negotiation))
                .isZero();
    }

    /**
     * mekong-biotech holds two options on hust's listing, both lapsing in ten days: a week before, it hears of the one
     * it did not exercise, not of the other; when that one lapses, both parties hear of it.
     */
    @Test
    void anOptionsHolderHearsAWeekBeforeItLapsesUnlessItExercisedItAndBothPartiesHearOfTheLapse() {
        String listing = exchange.draftedListing("Vật liệu nano hấp phụ", "Nano adsorbent");
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.LocalDate lastDay = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(10);
        Instant lapsesAt = lastDay.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        String lapsing = UUID.randomUUID().toString();
        String exercised = UUID.randomUUID().toString();
        for (String option : List.of(lapsing, exercised)) {
            exchange.publish("contract/ContractActivated", listing, sample("contract/ContractActivated", data -> data
                    .put("listingId", listing).put("contractId", option).put("dealType", "OPTION")
                    .put("rightsUntil", lastDay.toString())), now);
        }
        exchange.publish("contract/OptionExercised", listing, sample("contract/OptionExercised", data -> data
                .put("listingId", listing).put("contractId", exercised)), now.plus(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM reminder WHERE topic = ?",
                Integer.class, "option:" + lapsing) == 1 && jdbc.queryForObject("SELECT count(*) FROM reminder WHERE topic = ?",
                Integer.class, "option:" + exercised) == 0);

        clock.advance(Duration.ofDays(4));

        JsonNode soon = await().atMost(Duration.ofSeconds(30)).until(() -> ofOption(TestTokens.FIRM, "OPTION_LAPSES_SOON", lapsing),
                found -> found.size() == 1).getFirst();
        assertThat(soon.path("subject").asText()).isEqualTo("Quyền chọn đối với «Vật liệu nano hấp phụ» sắp hết hạn");
        assertThat(soon.path("params").path("lapsesAt").asText()).isEqualTo(lapsesAt.toString());
        assertThat(soon.path("link").asText()).isEqualTo("/contracts/" + lapsing);
        assertThat(ofOption(TestTokens.FIRM, "OPTION_LAPSES_SOON", exercised)).isEmpty();
        assertThat(ofOption(TestTokens.UNIVERSITY, "OPTION_LAPSES_SOON", lapsing)).as("the grantor has nothing to do").isEmpty();

        exchange.publish("contract/OptionLapsed", listing, sample("contract/OptionLapsed", data -> data
                .put("listingId", listing).put("contractId", lapsing).put("lastDay", lastDay.toString())), lapsesAt);
        for (String party : List.of(TestTokens.FIRM, TestTokens.UNIVERSITY)) {
            JsonNode lapsed = await().atMost(Duration.ofSeconds(30)).until(() -> ofOption(party, "OPTION_LAPSED", lapsing),
                    found -> found.size() == 1).getFirst();
            assertThat(lapsed.path("text").asText()).contains(lastDay.toString());
        }
    }

    private List<JsonNode> ofOption(String person, String kind, String option) {
        return StreamSupport.stream(exchange.feed(person).spliterator(), false)
                .filter(n -> kind.equals(n.path("kind").asText()) && option.equals(n.path("params").path("contractId").asText()))
                .toList();
    }

    /** mekong's offer on hust's listing, made at {@code madeAt} and valid until {@code validUntil}; its negotiation id. */
    private String offer(String listing, Instant madeAt, Instant validUntil) {
        String negotiation = UUID.randomUUID().toString();
        exchange.publish("bidding/OfferMade", listing, sample("bidding/OfferMade", data -> data.put("listingId", listing)
                .put("negotiationId", negotiation).put("validUntil", validUntil.toString())), madeAt);
        return negotiation;
    }

    private void awaitReminders(String negotiation, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM reminder WHERE topic = ?",
                Integer.class, "negotiation:" + negotiation) == count);
    }

    private List<JsonNode> reminders(String person, String negotiation) {
        return StreamSupport.stream(exchange.feed(person).spliterator(), false)
                .filter(n -> "OFFER_EXPIRES_TOMORROW".equals(n.path("kind").asText())
                        && negotiation.equals(n.path("params").path("negotiationId").asText())).toList();
    }

    private JsonNode awaitOne(String person, String negotiation) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> reminders(person, negotiation), found -> found.size() == 1).getFirst();
    }
}
