package io.techex.notification.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.techex.notification.Exchange;
import io.techex.notification.MailServer;
import io.techex.notification.NotificationTest;
import io.techex.platform.events.Topics;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.techex.notification.Exchange.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mail through a real SMTP server (GreenMail): to the people of the notification's audience whom the service knows,
 * in their language, once, with a Message-ID of the notification; never for a kind turned off or with e-mail off; and
 * after the relay refused it, again until it is taken.
 */
@NotificationTest
class MailOutboxTest {

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
    void eachKnownPersonOfTheAudienceGetsOneEmailInTheirLanguageWithTheNotificationsMessageId() throws Exception {
        exchange.feed("hoa.pham");      // hoa.pham of hust signs in: known from now on
        exchange.feed("kenji.sato");    // kyoto-materials, reads English
        String listing = exchange.draftedListing("Màng lọc gốm", "Ceramic membrane");
        exchange.verdict(listing, true);
        String auction = UUID.randomUUID().toString();
        for (String bidder : List.of("kyoto-materials", "mekong-biotech")) {
            exchange.publish("bidding/BidPlaced", listing, sample("bidding/BidPlaced", data -> data.put("listingId", listing)
                    .put("auctionId", auction).put("bidderOrganisationId", bidder).put("amount", "2500000000")), Instant.now());
        }

        String verified = notificationId("hoa.pham", listing, "LISTING_VERIFIED");
        MimeMessage toHoa = awaitMail(verified, "hoa.pham@hust.example");
        assertThat(toHoa.getSubject()).isEqualTo("Đã xác minh quyền sở hữu: «Màng lọc gốm»");
        assertThat(MailServer.header(toHoa, "Message-ID")).isEqualTo("<" + verified + ".hoa.pham@notification.techex>");
        assertThat(MailServer.header(toHoa, "Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(((String) toHoa.getContent()).replace("\r\n", "\n"))
                .startsWith("Sàn đã xác minh quyền sở hữu công nghệ «Màng lọc gốm».")
                .contains("Xem chi tiết: http://localhost:8080/technologies/" + listing);
        assertThat(((InternetAddress) toHoa.getFrom()[0]).getAddress()).isEqualTo("no-reply@techex.example");

        String outbid = notificationId("kenji.sato", listing, "OUTBID");
        MimeMessage toKenji = awaitMail(outbid, "kenji.sato@kyoto-materials.example");
        assertThat(toKenji.getSubject()).isEqualTo("You have been outbid: \"Ceramic membrane\"");
        assertThat((String) toKenji.getContent()).contains("2,500,000,000 VND").contains("http://localhost:8080/auctions/" + auction);

        // once each, however long one waits; and the outbox says so
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                MailServer.messagesOf(verified).stream().filter(m -> isTo(m, "hoa.pham@hust.example")).count() == 1
                        && MailServer.messagesOf(outbid).size() == 1);
        Map<String, Object> row = jdbc.queryForMap("SELECT attempts, sent_at, failed_at FROM mail_outbox WHERE notification_id = ?"
                + " AND person_id = 'hoa.pham'", UUID.fromString(verified));
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("failed_at")).isNull();
    }

    @Test
    void anEmailAboutAListingWhoseEventsComeAfterItWaitsForTheListingsTitle() throws Exception {
        exchange.feed("kenji.sato");
        String listing = UUID.randomUUID().toString();
        String auction = UUID.randomUUID().toString();
        for (String bidder : List.of("kyoto-materials", "mekong-biotech")) {
            exchange.publish("bidding/BidPlaced", listing, sample("bidding/BidPlaced", data -> data.put("listingId", listing)
                    .put("auctionId", auction).put("bidderOrganisationId", bidder).put("amount", "2600000000")), Instant.now());
        }
        // the bids travel on bidding's topic, the listing's events on listing's: here the listing's come only once the
        // outbid notification, and with it the e-mail, is written
        String outbid = notificationId("kenji.sato", listing, "OUTBID");
        exchange.publish("listing/ListingDrafted", listing, sample("listing/ListingDrafted", data -> {
            data.put("listingId", listing).put("sellerOrganisationId", "hust");
            data.putObject("title").put("vi", "Gốm xốp").put("en", "Porous ceramic");
        }), Instant.now());

        MimeMessage toKenji = awaitMail(outbid, "kenji.sato@kyoto-materials.example");
        assertThat(toKenji.getSubject()).isEqualTo("You have been outbid: \"Porous ceramic\"");
    }

    @Test
    void aKindTurnedOffLeavesTheFeedAndTheMailboxAndEmailTurnedOffLeavesOnlyTheMailbox() throws Exception {
        exchange.put("/notifications/preferences", """
                {"language": "en", "emailEnabled": true, "mutedKinds": ["LISTING_REJECTED"]}""", "quang.le");
        String rejected = exchange.draftedListing("hcmut", "Gạch không nung", "Unfired brick");
        String verified = exchange.draftedListing("hcmut", "Xi măng xanh", "Green cement");
        exchange.verdict(rejected, false);
        exchange.verdict(verified, true);

        String mailed = notificationId("quang.le", verified, "LISTING_VERIFIED");
        MimeMessage message = awaitMail(mailed, "quang.le@hcmut.example");
        assertThat(message.getHeader("Content-Language", null)).isEqualTo("en");
        assertThat(about(exchange.feed("quang.le"), rejected)).isEmpty();
        String muted = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT notification_id::text FROM notification WHERE params ->> 'listingId' = ?", String.class, rejected),
                found -> !found.isEmpty()).getFirst();
        assertThat(MailServer.messagesOf(muted)).isEmpty();

        exchange.put("/notifications/preferences", """
                {"language": "en", "emailEnabled": false, "mutedKinds": []}""", "quang.le");
        String later = exchange.draftedListing("hcmut", "Bê tông nhẹ", "Lightweight concrete");
        exchange.verdict(later, true);
        String unmailed = notificationId("quang.le", later, "LISTING_VERIFIED");
        // the muted kind is back in the feed once turned on again, and nothing is mailed with e-mail off
        assertThat(about(exchange.feed("quang.le"), rejected)).hasSize(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> MailServer.messagesOf(unmailed).isEmpty() && MailServer.messagesOf(muted).isEmpty());
        exchange.put("/notifications/preferences", """
                {"language": "vi", "emailEnabled": true, "mutedKinds": []}""", "quang.le");
    }

    @Test
    void anEmailTheRelayRefusedIsSentOnceItIsBackAndOnlyOnce() {
        exchange.feed("hoa.pham");
        String listing = exchange.draftedListing("Sơn chống hà", "Antifouling paint");
        MailServer.get().stop();
        String notification;
        try {
            exchange.verdict(listing, true);
            notification = notificationId("hoa.pham", listing, "LISTING_VERIFIED");
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                    SELECT attempts FROM mail_outbox WHERE notification_id = ? AND person_id = 'hoa.pham' AND last_error IS NOT NULL""",
                    Integer.class, UUID.fromString(notification)) >= 1);
        } finally {
            MailServer.get().start();
        }
        awaitMail(notification, "hoa.pham@hust.example");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> MailServer.messagesOf(notification).stream().filter(m -> isTo(m, "hoa.pham@hust.example")).count() == 1);
        assertThat(jdbc.queryForObject("SELECT sent_at IS NOT NULL FROM mail_outbox WHERE notification_id = ? AND person_id = 'hoa.pham'",
                Boolean.class, UUID.fromString(notification))).isTrue();
    }

    // ----

    private String notificationId(String person, String listing, String kind) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> about(exchange.feed(person), listing).stream()
                .filter(n -> kind.equals(n.path("kind").asText())).map(n -> n.path("notificationId").asText()).findFirst()
                .orElse(null), id -> id != null);
    }

    private static MimeMessage awaitMail(String notificationId, String to) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> MailServer.messagesOf(notificationId).stream()
                .filter(m -> isTo(m, to)).findFirst().orElse(null), message -> message != null);
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress().equals(address);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> about(JsonNode feed, String listingId) {
        return StreamSupport.stream(feed.spliterator(), false)
                .filter(n -> listingId.equals(n.path("params").path("listingId").asText())).toList();
    }
}
