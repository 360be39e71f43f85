package io.techex.audit.statistics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.techex.audit.AuditServiceApplication;
import io.techex.audit.AuditTestSupport;
import io.techex.contracts.EventContracts;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.techex.audit.AuditTestSupport.get;
import static io.techex.audit.AuditTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The market statistics against the real trail: deals planted as the services' relays publish them (CloudEvents from
 * the contracts' samples, on the real topics, the contract's events before its listing's), asked for by a regulator
 * over HTTP, then rebuilt by a second audit-service replaying the topics into an empty database. Every deal planted
 * here took effect in 2011, a year no other test of the module plants in, and every question asks for 2011 only.
 */
@IntegrationTest
// a context (hence topics) of its own: the replay reads every topic from the start and would send other tests'
// poison messages to the dead-letter topic a second time
@TestPropertySource(properties = "techex.audit.log.consumer=trail-statistics")
class DealStatisticsTest {

    private static final String YEAR_2011 = "from=2011-01-01&to=2011-12-31";

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEnvironment env;

    private final List<String> planted = new ArrayList<>();

    @Test
    void dealsThatTookEffectAreCountedAndValuedExactlyPerGroupAndCurrencyAndRebuiltByReplay() throws Exception {
        // hust licenses a water-treatment patent (C02F) to kyoto-materials: from Vietnam abroad, first quarter;
        // the contract's events come before its listing's, as they may when audit-service reads the topics
        String water = listingId();
        String intoJapan = new Deal(water, "hust", "kyoto-materials").created("EXCLUSIVE_LICENCE", "800000000", "VND")
                .signed("hust", "VN").signed("kyoto-materials", "JP").activated(1, "EXCLUSIVE_LICENCE", "2011-02-10T03:00:00Z").contractId;
        drafted(water, "C02F 1/28", "B01J");
        // a medicine (A61K) assigned within Vietnam, amended to version 2 before taking effect: its price counts; it
        // took effect at 01:30 on 1 April in Vietnam (still 31 March in UTC): the second quarter
        String medicine = drafted(listingId(), "A61K 36/00");
        new Deal(medicine, "hust", "mekong-biotech").created("NON_EXCLUSIVE_LICENCE", "500000000", "VND")
                .amended(2, "ASSIGNMENT", "650000000", "VND")
                .signed("hust", "VN").signed("mekong-biotech", "VN").activated(2, "ASSIGNMENT", "2011-03-31T18:30:00Z");
        // an unclassified technology from Japan into Vietnam, priced in dollars beyond a double's digits
        String software = drafted(listingId());
        new Deal(software, "kyoto-materials", "mekong-biotech").created("NON_EXCLUSIVE_LICENCE", "123456789012345678.25", "USD")
                .signed("kyoto-materials", "JP").signed("mekong-biotech", "VN")
                .activated(1, "NON_EXCLUSIVE_LICENCE", "2011-11-30T09:00:00Z");
        // not counted: signed but never in effect; in effect in 2010
        new Deal(water, "hust", "mekong-biotech").created("ASSIGNMENT", "999", "VND").signed("hust", "VN").signed("mekong-biotech", "VN");
        new Deal(medicine, "hust", "mekong-biotech").created("ASSIGNMENT", "777", "VND").signed("hust", "VN")
                .signed("mekong-biotech", "VN").activated(1, "ASSIGNMENT", "2010-12-31T16:59:00Z");
        awaitPlanted();

        JsonNode totals = report(port, YEAR_2011);
        assertThat(totals.path("groupBy")).isEmpty();
        assertThat(totals.path("timeZone").asText()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(totals.path("counted").asText()).contains("ContractActivated");
        assertThat(rows(totals, "totals")).containsExactly("USD 1 123456789012345678.25", "VND 2 1450000000");

        assertThat(rows(report(port, YEAR_2011 + "&groupBy=ipcSection"), "rows"))
                .containsExactly("A VND 1 650000000", "C VND 1 800000000", "none USD 1 123456789012345678.25");
        assertThat(rows(report(port, YEAR_2011 + "&groupBy=direction,period"), "rows")).containsExactly(
                "DOMESTIC 2011-Q2 VND 1 650000000", "FROM_VIETNAM 2011-Q1 VND 1 800000000",
                "INTO_VIETNAM 2011-Q4 USD 1 123456789012345678.25");
        assertThat(rows(report(port, YEAR_2011 + "&groupBy=sellerCountry&groupBy=buyerCountry&groupBy=dealType"), "rows"))
                .containsExactly("JP VN NON_EXCLUSIVE_LICENCE USD 1 123456789012345678.25",
                        "VN JP EXCLUSIVE_LICENCE VND 1 800000000", "VN VN ASSIGNMENT VND 1 650000000");
        assertThat(rows(report(port, YEAR_2011 + "&groupBy=period&period=MONTH"), "rows"))
                .containsExactly("2011-02 VND 1 800000000", "2011-04 VND 1 650000000", "2011-11 USD 1 123456789012345678.25");
        // a deal is counted on the days of Vietnam: 31 December 2010 at 23:59 there is not in 2011
        assertThat(rows(report(port, "from=2010-12-31&to=2010-12-31"), "totals")).containsExactly("VND 1 777");

        HttpResponse<String> csv = get(port, "/audit/statistics?" + YEAR_2011 + "&groupBy=ipcSection,direction&format=csv",
                TestTokens.REGULATOR);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"techex-statistics-ipcSection-direction-from-2011-01-01-to-2011-12-31.csv\"");
        assertThat(csv.body()).isEqualTo("ipcSection,direction,currency,deals,value\r\n"
                + "A,DOMESTIC,VND,1,650000000\r\n"
                + "C,FROM_VIETNAM,VND,1,800000000\r\n"
                + ",INTO_VIETNAM,USD,1,123456789012345678.25\r\n");

        // an empty database replaying the topics from the start has the same statistics
        Map<String, Object> properties = new LinkedHashMap<>(TestInfrastructure.get().newEnvironment("statistics-replay").springProperties());
        properties.put("techex.namespace", env.namespace());
        properties.put("techex.audit.log.consumer", "statistics-replay");
        properties.put("server.port", 0);
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext replay = new SpringApplicationBuilder(AuditServiceApplication.class)
                .properties("spring.config.name=" + AuditServiceApplication.CONFIG_NAME).run(arguments)) {
            int replayPort = Integer.parseInt(replay.getEnvironment().getProperty("local.server.port"));
            JdbcTemplate replayed = new JdbcTemplate(replay.getBean(javax.sql.DataSource.class));
            await().atMost(Duration.ofSeconds(60)).until(() -> replayed.queryForObject(
                    "SELECT count(*) FROM trail_entry WHERE event_id = ANY(?)", Integer.class,
                    (Object) planted.toArray(String[]::new)) == planted.size());
            for (String question : List.of("", "&groupBy=ipcSection", "&groupBy=direction,period", "&groupBy=period&period=MONTH")) {
                assertThat(report(replayPort, YEAR_2011 + question)).isEqualTo(report(port, YEAR_2011 + question));
            }
        }
    }

    @Test
    void badQuestionsAreProblemsNamingTheParameter() {
        assertProblem("groupBy=province", "groupBy");
        assertProblem("groupBy=dealType,dealType", "groupBy");
        assertProblem("period=WEEK", "period");
        assertProblem("from=2011-12-31&to=2011-01-01", "to");
        assertProblem("from=31/12/2011", "from");
        assertProblem("format=xml", "format");
    }

    private void assertProblem(String query, String field) {
        HttpResponse<String> response = get(port, "/audit/statistics?" + query, TestTokens.REGULATOR);
        // a value that cannot be read is a 400, one that breaks a rule of the question a 422: both name the parameter
        assertThat(response.statusCode()).as(query + ": " + response.body()).isIn(400, 422);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(response).path("errors").get(0).path("field").asText()).as(query).isEqualTo(field);
    }

    private static JsonNode report(int port, String query) {
        HttpResponse<String> response = get(port, "/audit/statistics?" + query, TestTokens.REGULATOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Each row or total as its group's values ("none" for one left out), currency, deals and value, separated by spaces. */
    private static List<String> rows(JsonNode report, String part) {
        List<String> lines = new ArrayList<>();
        report.path(part).forEach(row -> {
            List<String> cells = new ArrayList<>();
            if (part.equals("rows")) {
                report.path("groupBy").forEach(dimension -> cells.add(row.path("group").path(dimension.asText()).asText("none")));
            }
            cells.add(row.path("currency").asText());
            cells.add(row.path("deals").asText());
            cells.add(row.path("value").asText());
            lines.add(String.join(" ", cells));
        });
        return lines;
    }

    private static String listingId() {
        return UUID.randomUUID().toString();
    }

    /** The listing's ListingDrafted, with these IPC classes (none: unclassified). */
    private String drafted(String listingId, String... ipcClasses) {
        ObjectNode data = sample("io.techex.listing.ListingDrafted.v1", listingId);
        var classes = data.putArray("ipcClasses");
        for (String ipc : ipcClasses) {
            classes.add(ipc);
        }
        send("listing", "io.techex.listing.ListingDrafted.v1", listingId, data, Instant.parse("2011-01-05T02:00:00Z"));
        return listingId;
    }

    private static ObjectNode sample(String type, String listingId) {
        ObjectNode data = EventContracts.find(type).orElseThrow().sample().deepCopy();
        data.put("listingId", listingId);
        return data;
    }

    private void send(String service, String type, String listingId, ObjectNode data, Instant time) {
        CloudEvent event = AuditTestSupport.event(service, type, listingId, data.toString(), time, null, null, null);
        kafka.send(topics.eventsOf(service), listingId, event).join();
        planted.add(event.getId());
    }

    private void awaitPlanted() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM trail_entry WHERE event_id = ANY(?)", Integer.class,
                (Object) planted.toArray(String[]::new)) == planted.size());
    }

    /** One contract's events on techex.contract.events, from the samples. */
    private final class Deal {

        final String contractId = UUID.randomUUID().toString();
        private final String listingId;
        private final String seller;
        private final String buyer;

        Deal(String listingId, String seller, String buyer) {
            this.listingId = listingId;
            this.seller = seller;
            this.buyer = buyer;
        }

        Deal created(String dealType, String amount, String currency) {
            return add("io.techex.contract.ContractCreated.v1", data -> {
                data.put("sellerOrganisationId", seller).put("buyerOrganisationId", buyer);
                ObjectNode terms = (ObjectNode) data.get("terms");
                terms.put("dealType", dealType);
                terms.putObject("price").put("amount", amount).put("currency", currency);
            });
        }

        Deal amended(int version, String dealType, String amount, String currency) {
            return add("io.techex.contract.ContractAmended.v1", data -> {
                data.put("previousVersion", version - 1).put("version", version);
                ObjectNode terms = (ObjectNode) data.get("terms");
                terms.put("dealType", dealType);
                terms.putObject("price").put("amount", amount).put("currency", currency);
            });
        }

        Deal signed(String organisation, String country) {
            return add("io.techex.contract.ContractSigned.v1", data -> data.put("organisationId", organisation).put("country", country));
        }

        Deal activated(int version, String dealType, String at) {
            return add("io.techex.contract.ContractActivated.v1", data -> data.put("sellerOrganisationId", seller)
                    .put("buyerOrganisationId", buyer).put("version", version).put("dealType", dealType).put("activatedAt", at));
        }

        private Deal add(String type, Consumer<ObjectNode> changes) {
            ObjectNode data = sample(type, listingId);
            data.put("contractId", contractId);
            changes.accept(data);
            send("contract", type, listingId, data, Instant.parse("2011-01-10T02:00:00Z"));
            return this;
        }
    }
}
