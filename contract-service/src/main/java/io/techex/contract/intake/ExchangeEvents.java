package io.techex.contract.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cloudevents.CloudEvent;
import io.techex.contract.agreement.CreateContract;
import io.techex.contract.agreement.TermsCheck;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.RegulatoryCategory;
import io.techex.contract.legal.TransferLaw;
import io.techex.contracts.EventJson;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.consumer.EventConsumerConfiguration;
import io.techex.platform.consumer.EventInbox;
import io.techex.platform.consumer.InboundEvent;
import io.techex.platform.rules.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What contract-service takes from the exchange, once each (the inbox records the CloudEvent id in the same
 * transaction as the effect, and the contract's events join that transaction):
 * <ul>
 *   <li>{@code ListingPublished}: the technology's regulatory category, State funding, title and IP titles, kept in
 *       {@code technology}, since the legal path depends on them;</li>
 *   <li>{@code DealAgreed}: a contract, whose id is derived from the deal's, so even a redelivery the inbox missed
 *       cannot make two. A deal whose listing has not arrived yet (the two come on different topics, in no order)
 *       waits in {@code deal_awaiting_listing} and becomes a contract when it does.</li>
 * </ul>
 * A deal that no contract can come from (a prohibited technology, terms that break the contract rules) is logged and
 * left; it is checked before any command is sent, so the inbox's transaction stays clean.
 */
@Component
class ExchangeEvents {

    static final String CONSUMER = "contracts";
    static final String LISTING_PUBLISHED = "io.techex.listing.ListingPublished.v1";
    static final String DEAL_AGREED = "io.techex.bidding.DealAgreed.v1";
    static final Set<String> HANDLED = Set.of(LISTING_PUBLISHED, DEAL_AGREED);

    private static final Logger log = LoggerFactory.getLogger(ExchangeEvents.class);

    private final EventInbox inbox;
    private final JdbcTemplate jdbc;
    private final ActingCommandGateway commands;

    ExchangeEvents(EventInbox inbox, JdbcTemplate jdbc, ActingCommandGateway commands) {
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @KafkaListener(id = "contract-intake", topics = "#{@topics.consumed()}", groupId = "#{@topics.group('contracts')}",
            containerFactory = EventConsumerConfiguration.LISTENER_FACTORY)
    void on(CloudEvent cloudEvent) {
        if (!HANDLED.contains(cloudEvent.getType())) {
            // concerns nothing here (a bid, say): not even an inbox row, which would cost a transaction per event
            return;
        }
        inbox.handleOnce(CONSUMER, InboundEvent.from(cloudEvent), this::apply);
    }

    private void apply(InboundEvent event) {
        switch (event.type()) {
            case LISTING_PUBLISHED -> listingPublished(event.dataAs(ListingPublishedView.class));
            case DEAL_AGREED -> dealAgreed(event.dataAs(DealAgreedView.class), event.actor());
            default -> {
                // other events of listing and bidding say nothing a contract needs
            }
        }
    }

    private void listingPublished(ListingPublishedView listing) {
        String title = listing.title().en() == null ? listing.title().vi() : listing.title().vi() + " / " + listing.title().en();
        jdbc.update("""
                INSERT INTO technology (listing_id, seller_organisation_id, title, regulatory_category, state_funded,
                    ip_titles, published_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (listing_id) DO UPDATE SET seller_organisation_id = EXCLUDED.seller_organisation_id,
                    title = EXCLUDED.title, regulatory_category = EXCLUDED.regulatory_category,
                    state_funded = EXCLUDED.state_funded, ip_titles = EXCLUDED.ip_titles, published_at = EXCLUDED.published_at""",
                listing.listingId(), listing.sellerOrganisationId(), title, listing.regulatoryCategory().name(),
                Boolean.TRUE.equals(listing.stateFunded()), json(listing.ipTitles()), Timestamp.from(listing.publishedAt()));
        List<String[]> waiting = jdbc.query("SELECT deal, actor FROM deal_awaiting_listing WHERE listing_id = ? ORDER BY received_at",
                (rs, row) -> new String[]{rs.getString(1), rs.getString(2)}, listing.listingId());
        for (String[] deal : waiting) {
            dealAgreed(read(deal[0], DealAgreedView.class), deal[1] == null ? null : read(deal[1], Actor.class));
        }
        jdbc.update("DELETE FROM deal_awaiting_listing WHERE listing_id = ?", listing.listingId());
    }

    private void dealAgreed(DealAgreedView deal, Actor actor) {
        List<Technology> known = jdbc.query("SELECT * FROM technology WHERE listing_id = ?", (rs, row) -> new Technology(
                rs.getString("title"), RegulatoryCategory.valueOf(rs.getString("regulatory_category")),
                rs.getBoolean("state_funded"), read(rs.getString("ip_titles"), IpTitleRef[].class)), deal.listingId());
        if (known.isEmpty()) {
            jdbc.update("""
                    INSERT INTO deal_awaiting_listing (deal_id, listing_id, deal, actor) VALUES (?, ?, ?::jsonb, ?::jsonb)
                    ON CONFLICT (deal_id) DO NOTHING""", deal.dealId(), deal.listingId(), json(deal), actor == null ? null : json(actor));
            return;
        }
        Technology technology = known.getFirst();
        ContractTerms terms = deal.contractTerms();
        try {
            TransferLaw.requireTransferable(technology.category());
            TermsCheck.check(terms);
        } catch (RuleViolation refused) {
            log.warn("No contract from deal {} on listing {}: {}", deal.dealId(), deal.listingId(), refused.getMessage());
            return;
        }
        String contractId = contractIdOf(deal.dealId());
        // The deal's contract is there already: this is the same deal announced again (a new event id, so the inbox
        // let it through). Nothing to create, and the command must not be sent: it would take the contract's lock and
        // then wait in the event store behind a transaction already at work on the contract (a signature, which sends
        // its activation in the same transaction), which in turn waits for that lock: both stood still until the unit
        // of work's time limit. The view is written in the transaction that creates the contract.
        if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM contract_view WHERE contract_id = ?)",
                Boolean.class, contractId))) {
            log.debug("Deal {} already has its contract {}", deal.dealId(), contractId);
            return;
        }
        // a deal whose event names nobody (none should: deadlines and policies act as the exchange) is the exchange's
        commands.send(new CreateContract(contractId, deal.listingId(), deal.dealId(),
                deal.sellerOrganisationId(), deal.buyerOrganisationId(), technology.title(), List.of(technology.ipTitles()),
                technology.category(), technology.stateFunded(), terms, deal.agreedAt()), actor == null ? commands.system() : actor);
    }

    /** The contract of a deal: one per deal, whoever creates it and however often. */
    static String contractIdOf(String dealId) {
        return UUID.nameUUIDFromBytes(("contract|" + dealId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private record Technology(String title, RegulatoryCategory category, boolean stateFunded, IpTitleRef[] ipTitles) {
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
