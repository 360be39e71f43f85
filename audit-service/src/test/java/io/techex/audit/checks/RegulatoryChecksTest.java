package io.techex.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.techex.audit.AuditTestSupport;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

import static io.techex.audit.AuditTestSupport.get;
import static io.techex.audit.AuditTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each regulatory check against the real trail: anomalies and compliant cases are planted as the other services'
 * relays would publish them (CloudEvents built from the contracts' samples, on the real topics), and a regulator
 * asks over HTTP. The test context's database is shared with the other audit tests, whose events are there too, so
 * every assertion looks at the contracts and listings planted here only.
 */
@IntegrationTest
class RegulatoryChecksTest {

    private static final String LAN = "lan.nguyen";
    private static final String KENJI = "kenji.sato";
    private static final String THU = "thu.vo";
    private static final String MINH = "minh.tran";
    private static final String AN = "an.do";

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;

    /** Event times: a minute apart, in the order planted, so that "before" in the checks is the planting order. */
    private Instant clock = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(30));
    private final List<String> planted = new ArrayList<>();

    @Test
    void contractsThatNeededRegistrationAndTookEffectWithoutItAreFound() {
        // anomalies: into Japan (31(1)(b)); State-funded within Vietnam (31(1)(c)); registered only after taking effect
        Contract abroad = new Contract().created("ORDINARY", false, "kyoto-materials")
                .signed("hust", "VN", LAN).signed("kyoto-materials", "JP", KENJI).activated();
        Contract stateFunded = new Contract().created("ORDINARY", true, "mekong-biotech")
                .signed("hust", "VN", LAN).signed("mekong-biotech", "VN", THU).activated();
        Contract registeredLate = new Contract().created("ENCOURAGED", true, "mekong-biotech")
                .signed("hust", "VN", LAN).signed("mekong-biotech", "VN", THU).activated().registered();
        // compliant: registered before taking effect; no duty (domestic, not State-funded); restricted and permitted
        Contract registered = new Contract().created("ORDINARY", false, "kyoto-materials")
                .signed("hust", "VN", LAN).signed("kyoto-materials", "JP", KENJI).registered().activated();
        Contract noDuty = new Contract().created("ORDINARY", false, "mekong-biotech")
                .signed("hust", "VN", LAN).signed("mekong-biotech", "VN", THU).activated();
        Contract permitted = new Contract().created("RESTRICTED", true, "kyoto-materials")
                .signed("hust", "VN", LAN).signed("kyoto-materials", "JP", KENJI).permitGranted().activated();
        awaitPlanted();

        List<JsonNode> findings = findings("unregistered-activations",
                abroad, stateFunded, registeredLate, registered, noDuty, permitted);

        assertThat(findings).extracting(finding -> finding.path("subject").path("id").asText())
                .containsExactlyInAnyOrder(abroad.contractId, stateFunded.contractId, registeredLate.contractId);
        JsonNode intoJapan = finding(findings, abroad);
        assertThat(intoJapan.path("assetId").asText()).isEqualTo(abroad.listingId);
        assertThat(intoJapan.path("subject").path("kind").asText()).isEqualTo("CONTRACT");
        assertThat(intoJapan.path("summary").asText()).contains("from Vietnam abroad (JP)", "31(1)(b)");
        assertThat(parties(intoJapan)).containsExactly("hust/TRANSFEROR/VN", "kyoto-materials/TRANSFEREE/JP");
        assertThat(eventIds(intoJapan)).containsExactlyElementsOf(abroad.events);
        assertThat(intoJapan.path("events").get(1).path("actor").path("person").asText()).isEqualTo(LAN);
        assertThat(intoJapan.path("events").get(3).path("occurredAt").asText()).isNotBlank();
        assertThat(finding(findings, stateFunded).path("summary").asText()).contains("State-funded", "31(1)(c)");
        assertThat(finding(findings, registeredLate).path("events").get(3).path("type").asText())
                .isEqualTo(EventTypes.CONTRACT_ACTIVATED);
    }

    @Test
    void restrictedTechnologiesTransferredWithoutAPermitAreFound() {
        // anomaly: a restricted assignment took effect and moved the ownership after its permit was refused
        Contract refused = new Contract().created("RESTRICTED", false, "mekong-biotech")
                .signed("hust", "VN", LAN).signed("mekong-biotech", "VN", THU)
                .permitRefused().activated().ownershipTransferred();
        // compliant: the same with the permit granted first
        Contract permitted = new Contract().created("RESTRICTED", false, "mekong-biotech")
                .signed("hust", "VN", LAN).signed("mekong-biotech", "VN", THU)
                .permitGranted().activated().ownershipTransferred();
        awaitPlanted();

        List<JsonNode> findings = findings("unpermitted-restricted-transfers", refused, permitted);

        assertThat(findings).hasSize(2).allSatisfy(finding -> {
            assertThat(finding.path("subject").path("id").asText()).isEqualTo(refused.contractId);
            assertThat(finding.path("assetId").asText()).isEqualTo(refused.listingId);
            assertThat(parties(finding)).containsExactly("hust/TRANSFEROR/VN", "mekong-biotech/TRANSFEREE/VN");
        });
        assertThat(findings.get(0).path("summary").asText()).contains("took effect without a transfer permit");
        assertThat(findings.get(1).path("summary").asText()).contains("ownership was transferred without a transfer permit");
        // the contract's creation, the refusal, then the offending event
        assertThat(eventIds(findings.get(0))).containsExactly(refused.events.get(0), refused.events.get(3), refused.events.get(4));
        assertThat(eventIds(findings.get(1))).containsExactly(refused.events.get(0), refused.events.get(3), refused.events.get(5));
        assertThat(types(findings.get(1))).containsExactly(EventTypes.CONTRACT_CREATED,
                EventTypes.TRANSFER_PERMIT_REFUSED, EventTypes.OWNERSHIP_TRANSFERRED);
    }

    @Test
    void royaltyReportsOverdueAndNotMadeAreFound() {
        // a year of quarterly royalties (the ContractCreated sample's terms) that ended long ago: every report is due
        LocalDate yearStart = LocalDate.now(ZoneOffset.UTC).minusYears(2).withDayOfMonth(1);
        LocalDate yearEnd = yearStart.plusYears(1).minusDays(1);
        // anomaly: the third quarter never reported
        Contract unreported = new Contract().created("ORDINARY", false, "mekong-biotech").activated(yearStart, yearEnd)
                .royaltyReported(1).royaltyReported(2).royaltyReported(4);
        // compliant: every quarter reported; a licence terminated after its second quarter began, both reported; a
        // licence whose first quarter is not over; a licence without royalties
        Contract reported = new Contract().created("ORDINARY", false, "mekong-biotech").activated(yearStart, yearEnd)
                .royaltyReported(1).royaltyReported(2).royaltyReported(3).royaltyReported(4);
        Contract terminated = new Contract().created("ORDINARY", false, "mekong-biotech").activated(yearStart, yearEnd)
                .terminated(yearStart.plusMonths(4)).royaltyReported(1).royaltyReported(2);
        Contract running = new Contract().created("ORDINARY", false, "mekong-biotech")
                .activated(LocalDate.now(ZoneOffset.UTC).minusMonths(2), null);
        Contract noRoyalty = new Contract().createdWithoutRoyalty().activated(yearStart, yearEnd);
        awaitPlanted();

        List<JsonNode> findings = findings("overdue-royalty-reports", unreported, reported, terminated, running, noRoyalty);

        assertThat(findings).hasSize(1);
        JsonNode overdue = findings.getFirst();
        assertThat(overdue.path("subject").path("id").asText()).isEqualTo(unreported.contractId);
        assertThat(overdue.path("assetId").asText()).isEqualTo(unreported.listingId);
        LocalDate thirdQuarterEnd = yearStart.plusMonths(9).minusDays(1);
        assertThat(overdue.path("summary").asText()).isEqualTo("royalty report for period 3 (" + yearStart.plusMonths(6)
                + " to " + thirdQuarterEnd + ") was due by " + thirdQuarterEnd.plusDays(30) + " and has not been made");
        assertThat(parties(overdue)).containsExactly("hust/LICENSOR/null", "mekong-biotech/LICENSEE/null");
        // the terms (ContractCreated) and the rights' first day (ContractActivated)
        assertThat(eventIds(overdue)).containsExactly(unreported.events.get(0), unreported.events.get(1));
        assertThat(types(overdue)).containsExactly(EventTypes.CONTRACT_CREATED, EventTypes.CONTRACT_ACTIVATED);
    }

    @Test
    void overdueRoyaltyReportsFollowTheTermsOfTheVersionInForce() {
        LocalDate yearStart = LocalDate.now(ZoneOffset.UTC).minusYears(2).withDayOfMonth(1);
        LocalDate yearEnd = yearStart.plusYears(1).minusDays(1);
        // compliant: created with quarterly reports, amended to one report a year before both signed, and reported
        Contract yearly = new Contract().created("ORDINARY", false, "mekong-biotech").amendedToReportPer("YEAR")
                .activated(2, yearStart, yearStart, yearEnd).royaltyReported(1);
        // anomaly: amended to monthly reports, only the first four months reported
        Contract monthly = new Contract().created("ORDINARY", false, "mekong-biotech").amendedToReportPer("MONTH")
                .activated(2, yearStart, yearStart, yearEnd)
                .royaltyReported(1).royaltyReported(2).royaltyReported(3).royaltyReported(4);
        // compliant: a licence agreed to run from two years ago that took effect last week; nothing is due yet
        LocalDate lastWeek = LocalDate.now(ZoneOffset.UTC).minusDays(7);
        Contract backdated = new Contract().created("ORDINARY", false, "mekong-biotech")
                .activated(1, lastWeek, yearStart, null);
        awaitPlanted();

        List<JsonNode> findings = findings("overdue-royalty-reports", yearly, monthly, backdated);

        assertThat(findings).extracting(finding -> finding.path("subject").path("id").asText()).containsOnly(monthly.contractId);
        assertThat(findings).hasSize(8);
        JsonNode fifthMonth = findings.getFirst();
        LocalDate fifthMonthEnd = yearStart.plusMonths(5).minusDays(1);
        assertThat(fifthMonth.path("summary").asText()).isEqualTo("royalty report for period 5 (" + yearStart.plusMonths(4)
                + " to " + fifthMonthEnd + ") was due by " + fifthMonthEnd.plusDays(30) + " and has not been made");
        // the terms as created, the amendment that made the version in force, and that version taking effect
        assertThat(eventIds(fifthMonth)).containsExactly(monthly.events.get(0), monthly.events.get(1), monthly.events.get(2));
        assertThat(types(fifthMonth)).containsExactly(EventTypes.CONTRACT_CREATED, EventTypes.CONTRACT_AMENDED,
                EventTypes.CONTRACT_ACTIVATED);
    }

    @Test
    void listingsPublishedWithoutVerifiedOwnershipAreFound() {
        // anomalies: published with no ownership check at all; published after the check rejected the ownership
        Listing unchecked = new Listing().submitted().published();
        Listing rejected = new Listing().submitted().ownershipRejected().published();
        // compliant: verified, then published
        Listing verified = new Listing().submitted().ownershipVerified().published();
        awaitPlanted();

        List<JsonNode> findings = findings("unverified-publications", unchecked.listingId, rejected.listingId,
                verified.listingId);

        assertThat(findings).extracting(finding -> finding.path("subject").path("id").asText())
                .containsExactly(unchecked.listingId, rejected.listingId);
        JsonNode none = findings.get(0);
        assertThat(none.path("subject").path("kind").asText()).isEqualTo("LISTING");
        assertThat(none.path("assetId").asText()).isEqualTo(unchecked.listingId);
        assertThat(none.path("summary").asText()).isEqualTo("published without any ownership verification");
        assertThat(parties(none)).containsExactly("hust/SELLER/null");
        assertThat(eventIds(none)).containsExactly(unchecked.events.get(0), unchecked.events.get(1));
        JsonNode afterRejection = findings.get(1);
        assertThat(afterRejection.path("summary").asText()).contains("OwnershipRejected");
        assertThat(eventIds(afterRejection)).containsExactly(rejected.events.get(1), rejected.events.get(2));
        assertThat(afterRejection.path("events").get(0).path("actor").path("person").asText()).isEqualTo(AN);
    }

    @Test
    void aRegulatorGetsEveryCheckAtOnceAndAnUnknownCheckIsNotFound() {
        Listing unchecked = new Listing().submitted().published();
        awaitPlanted();

        HttpResponse<String> all = get(port, "/audit/checks", TestTokens.REGULATOR);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        JsonNode checks = json(all);
        assertThat(StreamSupport.stream(checks.spliterator(), false).map(check -> check.path("name").asText()))
                .containsExactly("unverified-publications", "unregistered-activations",
                        "unpermitted-restricted-transfers", "overdue-royalty-reports");
        assertThat(checks).allSatisfy(check -> {
            assertThat(check.path("title").asText()).isNotBlank();
            assertThat(check.path("basis").asText()).isNotBlank();
            assertThat(check.path("ranAt").asText()).isNotBlank();
        });
        assertThat(StreamSupport.stream(checks.get(0).path("findings").spliterator(), false)
                .map(finding -> finding.path("subject").path("id").asText())).contains(unchecked.listingId);

        HttpResponse<String> unknown = get(port, "/audit/checks/contracts-we-dislike", TestTokens.REGULATOR);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unregistered-activations");
    }

    /** The check's findings about the planted contracts or listings (by id), in the order the check gave them. */
    private List<JsonNode> findings(String check, Object... subjects) {
        Set<String> ids = new java.util.HashSet<>();
        for (Object subject : subjects) {
            ids.add(subject instanceof Contract contract ? contract.contractId : subject.toString());
        }
        HttpResponse<String> response = get(port, "/audit/checks/" + check, TestTokens.REGULATOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = json(response);
        assertThat(result.path("name").asText()).isEqualTo(check);
        return StreamSupport.stream(result.path("findings").spliterator(), false)
                .filter(finding -> ids.contains(finding.path("subject").path("id").asText())).toList();
    }

    private static JsonNode finding(List<JsonNode> findings, Contract contract) {
        return findings.stream().filter(finding -> finding.path("subject").path("id").asText().equals(contract.contractId))
                .findFirst().orElseThrow();
    }

    private static List<String> parties(JsonNode finding) {
        return StreamSupport.stream(finding.path("parties").spliterator(), false)
                .map(party -> party.path("organisationId").asText() + "/" + party.path("role").asText() + "/"
                        + (party.path("country").isNull() ? "null" : party.path("country").asText()))
                .toList();
    }

    private static List<String> eventIds(JsonNode finding) {
        return StreamSupport.stream(finding.path("events").spliterator(), false)
                .map(event -> event.path("eventId").asText()).toList();
    }

    private static List<String> types(JsonNode finding) {
        return StreamSupport.stream(finding.path("events").spliterator(), false)
                .map(event -> event.path("type").asText()).toList();
    }

    /** Everything planted is in the trail: only then does a check's silence about a compliant case mean anything. */
    private void awaitPlanted() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM trail_entry WHERE event_id = ANY(?)", Integer.class,
                (Object) planted.toArray(String[]::new)) == planted.size());
    }

    /** Sends one event as its service's relay would, keyed by the listing, and waits for the broker's ack. */
    /** Sends an event whose data is its contract's sample about {@code listingId}, with {@code changes}. */
    private CloudEvent send(String service, String type, String listingId, Consumer<ObjectNode> changes,
                            String person) {
        ObjectNode data = EventContracts.find(type).orElseThrow().sample().deepCopy();
        data.put("listingId", listingId);
        changes.accept(data);
        return send(service, type, listingId, data, person);
    }

    private CloudEvent send(String service, String type, String listingId, ObjectNode data, String person) {
        clock = clock.plus(Duration.ofMinutes(1));
        String[] actor = actorOf(person);
        CloudEvent event = AuditTestSupport.event(service, type, listingId, data.toString(), clock,
                person, actor[0], actor[1]);
        try {
            kafka.send(topics.eventsOf(service), listingId, event).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not plant " + type, e);
        }
        planted.add(event.getId());
        return event;
    }

    private static String[] actorOf(String person) {
        if (person == null) {
            return new String[]{null, null};
        }
        return switch (person) {
            case LAN -> new String[]{"hust", "UNIVERSITY"};
            case KENJI -> new String[]{"kyoto-materials", "FIRM"};
            case THU -> new String[]{"mekong-biotech", "FIRM"};
            case MINH -> new String[]{"dost-hanoi", "REGULATOR"};
            case AN -> new String[]{"techex", "OPERATOR"};
            default -> throw new IllegalArgumentException(person);
        };
    }

    /** A contract's events on techex.contract.events, from the samples, each on a listing of its own. */
    private final class Contract {

        final String listingId = UUID.randomUUID().toString();
        final String contractId = UUID.randomUUID().toString();
        final List<String> events = new ArrayList<>();
        private String buyer;

        Contract created(String category, boolean stateFunded, String buyer) {
            this.buyer = buyer;
            return add(EventTypes.CONTRACT_CREATED, null, data -> {
                data.put("sellerOrganisationId", "hust");
                data.put("buyerOrganisationId", buyer);
                data.put("regulatoryCategory", category);
                data.put("stateFunded", stateFunded);
            });
        }

        Contract signed(String organisation, String country, String person) {
            return add(EventTypes.CONTRACT_SIGNED, person, data -> {
                data.put("organisationId", organisation);
                data.put("country", country);
            });
        }

        Contract registered() {
            return add(EventTypes.CONTRACT_REGISTERED, MINH, data -> {
            });
        }

        Contract permitGranted() {
            return add(EventTypes.TRANSFER_PERMIT_GRANTED, MINH, data -> {
            });
        }

        Contract permitRefused() {
            return add(EventTypes.TRANSFER_PERMIT_REFUSED, MINH, data -> {
            });
        }

        Contract activated() {
            return add(EventTypes.CONTRACT_ACTIVATED, null, data -> {
                data.put("sellerOrganisationId", "hust");
                data.put("buyerOrganisationId", buyer);
            });
        }

        Contract ownershipTransferred() {
            return add(EventTypes.OWNERSHIP_TRANSFERRED, null, data -> {
                data.put("fromOrganisationId", "hust");
                data.put("toOrganisationId", buyer);
            });
        }

        /** Version 1 took effect on {@code from}, its rights running from then to {@code until} (null: no end). */
        Contract activated(LocalDate from, LocalDate until) {
            return activated(1, from, from, until);
        }

        /** Version {@code version} took effect on {@code on}; its rights run from {@code from} to {@code until}. */
        Contract activated(int version, LocalDate on, LocalDate from, LocalDate until) {
            return add(EventTypes.CONTRACT_ACTIVATED, null, data -> {
                data.put("sellerOrganisationId", "hust");
                data.put("buyerOrganisationId", buyer);
                data.put("version", version);
                data.put("activatedAt", on.atTime(9, 0).toInstant(ZoneOffset.UTC).toString());
                data.put("rightsFrom", from.toString());
                if (until == null) {
                    data.remove("rightsUntil");
                } else {
                    data.put("rightsUntil", until.toString());
                }
            });
        }

        /** The parties amended version 1 into version 2, whose royalty is reported per {@code period}. */
        Contract amendedToReportPer(String period) {
            return add(EventTypes.CONTRACT_AMENDED, THU, data -> {
                data.put("previousVersion", 1).put("version", 2);
                ((ObjectNode) data.get("terms")).remove("termStart");
                ((ObjectNode) data.at("/terms/royalty")).put("period", period);
                data.putArray("changes").addObject().put("field", "royalty.period").put("before", "QUARTER").put("after", period);
            });
        }

        /** A lump-sum licence: the sample's terms without their royalty. */
        Contract createdWithoutRoyalty() {
            this.buyer = "mekong-biotech";
            return add(EventTypes.CONTRACT_CREATED, null, data -> {
                data.put("stateFunded", false);
                ((ObjectNode) data.get("terms")).remove("royalty");
            });
        }

        Contract terminated(LocalDate lastDay) {
            return add(EventTypes.CONTRACT_TERMINATED, LAN, data -> {
                data.put("reason", "AGREEMENT");
                data.remove("note");
                data.put("effectiveOn", lastDay.toString());
            });
        }

        /**
         * The licensee reports period {@code n}: from RoyaltyReported's sample, whose contract is being added to
         * contract-service; until it is in, the fields the check reads, which the trail records as they come.
         */
        Contract royaltyReported(int period) {
            ObjectNode data = EventContracts.find(EventTypes.ROYALTY_REPORTED)
                    .map(contract -> (ObjectNode) contract.sample().deepCopy())
                    .orElseGet(() -> EventJson.mapper().createObjectNode())
                    .put("contractId", contractId).put("listingId", listingId)
                    .put("licenseeOrganisationId", buyer).put("periodNumber", period);
            events.add(send("contract", EventTypes.ROYALTY_REPORTED, listingId, data, THU).getId());
            return this;
        }

        private Contract add(String type, String person, Consumer<ObjectNode> changes) {
            events.add(send("contract", type, listingId, changes.andThen(data -> data.put("contractId", contractId)),
                    person).getId());
            return this;
        }
    }

    /** A listing's events on techex.listing.events, from the samples. */
    private final class Listing {

        final String listingId = UUID.randomUUID().toString();
        final List<String> events = new ArrayList<>();

        Listing submitted() {
            return add(EventTypes.LISTING_SUBMITTED, LAN);
        }

        Listing ownershipVerified() {
            return add(EventTypes.OWNERSHIP_VERIFIED, AN);
        }

        Listing ownershipRejected() {
            return add(EventTypes.OWNERSHIP_REJECTED, AN);
        }

        Listing published() {
            return add(EventTypes.LISTING_PUBLISHED, LAN);
        }

        private Listing add(String type, String person) {
            events.add(send("listing", type, listingId, data -> {
            }, person).getId());
            return this;
        }
    }
}
