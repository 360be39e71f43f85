package io.techex.notification.feed;

import io.cloudevents.CloudEvent;
import io.techex.notification.Exchange;
import io.techex.notification.MailServer;
import io.techex.notification.NotificationServiceApplication;
import io.techex.notification.NotificationTest;
import io.techex.platform.events.Topics;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.techex.notification.Exchange.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding the feed: a second notification-service on an empty database, under a consumer name of its own, reads
 * every topic from the beginning and arrives at the same notifications (ids, audiences, kinds, links, parameters,
 * times), with the people signed in to it from the start, and sends no e-mail about any of them; what happens after
 * it began, it mails.
 */
@NotificationTest
class RebuildTest {

    static final String SQL = """
            SELECT notification_id, audience, kind, link, params::text, occurred_at FROM notification
            WHERE params ->> 'listingId' = ANY(?) ORDER BY notification_id""";

    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    TestEnvironment env;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    void aFeedRebuiltFromTheTopicsIsTheSameAndMailsNothingItReplayed() {
        Exchange exchange = new Exchange(kafka, topics, port);
        exchange.feed("hoa.pham");
        exchange.feed("thu.vo");
        String verified = exchange.draftedListing("Màng sinh học", "Biofilm");
        exchange.verdict(verified, true);
        String negotiated = exchange.draftedListing("Pin mặt trời", "Solar cell");
        String negotiation = UUID.randomUUID().toString();
        Instant now = Instant.now();
        exchange.publish("bidding/OfferMade", negotiated, sample("bidding/OfferMade", data -> data.put("listingId", negotiated)
                .put("negotiationId", negotiation).put("validUntil", now.plus(Duration.ofDays(4)).toString())), now);
        exchange.publish("bidding/OfferCountered", negotiated, sample("bidding/OfferCountered", data -> data.put("listingId", negotiated)
                .put("negotiationId", negotiation).put("by", "SELLER").put("validUntil", now.plus(Duration.ofDays(5)).toString())), now);
        String contract = UUID.randomUUID().toString();
        exchange.publish("contract/ContractCreated", negotiated, sample("contract/ContractCreated", data -> data
                .put("listingId", negotiated).put("contractId", contract)), now);
        String[] listings = {verified, negotiated};
        // the live feed: 1 + 1 + 1 + 2 notifications, 4 reminders pending, and the e-mails of hoa.pham and thu.vo sent
        // (and those of anyone else of hust or mekong-biotech whom other tests made known: none left unsent)
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(SQL, (Object) listings).size() == 5
                && jdbc.queryForObject("SELECT count(*) FROM mail_outbox o JOIN notification n USING (notification_id)"
                + " WHERE n.params ->> 'listingId' = ANY(?) AND o.person_id IN ('hoa.pham', 'thu.vo') AND o.sent_at IS NOT NULL",
                Integer.class, (Object) listings) == 5
                && jdbc.queryForObject("SELECT count(*) FROM mail_outbox o JOIN notification n USING (notification_id)"
                + " WHERE n.params ->> 'listingId' = ANY(?) AND o.sent_at IS NULL AND o.failed_at IS NULL",
                Integer.class, (Object) listings) == 0);
        List<Map<String, Object>> live = jdbc.queryForList(SQL, (Object) listings);
        List<String> ids = live.stream().map(row -> row.get("notification_id").toString()).toList();
        Map<String, Integer> mailed = mailCounts(ids);

        TestEnvironment fresh = TestInfrastructure.get().newEnvironment("rebuild");
        Map<String, Object> properties = new LinkedHashMap<>(fresh.springProperties());
        properties.put("techex.namespace", env.namespace());              // the same topics
        properties.put("techex.notification.feed.consumer", "rebuild");   // its own group: from offset 0
        properties.put("spring.mail.port", System.getProperty("techex.test.smtp-port"));
        properties.put("server.port", 0);
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext rebuilt = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .properties("spring.config.name=" + NotificationServiceApplication.CONFIG_NAME).run(arguments)) {
            Exchange second = new Exchange(kafka, topics, Integer.parseInt(rebuilt.getEnvironment().getRequiredProperty("local.server.port")));
            second.feed("hoa.pham");
            second.feed("thu.vo");
            JdbcTemplate rebuiltJdbc = new JdbcTemplate(rebuilt.getBean(DataSource.class));
            await().atMost(Duration.ofSeconds(60)).until(() -> rebuiltJdbc.queryForList(SQL, (Object) listings).size() == live.size());

            assertThat(rebuiltJdbc.queryForList(SQL, (Object) listings)).isEqualTo(live);
            assertThat(rebuiltJdbc.queryForObject("SELECT count(*) FROM reminder WHERE topic = ?", Integer.class,
                    "negotiation:" + negotiation)).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM reminder WHERE topic = ?",
                    Integer.class, "negotiation:" + negotiation)).isEqualTo(2);
            assertThat(rebuiltJdbc.queryForObject("SELECT count(*) FROM mail_outbox", Integer.class)).isZero();

            // news after the rebuild began is mailed, by the rebuilt feed too
            String later = exchange.draftedListing("Màng lọc mới", "New membrane");
            exchange.verdict(later, true);
            await().atMost(Duration.ofSeconds(30)).until(() -> rebuiltJdbc.queryForObject("""
                    SELECT count(*) FROM mail_outbox o JOIN notification n USING (notification_id)
                    WHERE n.params ->> 'listingId' = ? AND o.person_id = 'hoa.pham' AND o.sent_at IS NOT NULL""",
                    Integer.class, later) == 1);
        }
        assertThat(mailCounts(ids)).isEqualTo(mailed);
        assertThat(mailed.values()).allMatch(count -> count >= 1);
    }

    private static Map<String, Integer> mailCounts(List<String> notificationIds) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        notificationIds.forEach(id -> counts.put(id, MailServer.messagesOf(id).size()));
        return counts;
    }
}
