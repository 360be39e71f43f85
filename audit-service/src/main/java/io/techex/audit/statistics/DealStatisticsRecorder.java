package io.techex.audit.statistics;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.audit.trail.StatementBatch;
import io.techex.audit.trail.TrailFollower;
import io.techex.platform.consumer.InboundEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the facts the market statistics are counted from, as the trail records the events that state them: a listing's
 * field (IPC section), each version's deal type and price, each party's country as it signed, and the contracts that
 * took effect. Each event type is read at its version 1 shape; a new version is a new case here, not a silent match.
 */
@Component
class DealStatisticsRecorder implements TrailFollower {

    static final String LISTING_DRAFTED = "io.techex.listing.ListingDrafted.v1";
    static final String LISTING_DRAFT_REVISED = "io.techex.listing.ListingDraftRevised.v1";
    static final String CONTRACT_CREATED = "io.techex.contract.ContractCreated.v1";
    static final String CONTRACT_AMENDED = "io.techex.contract.ContractAmended.v1";
    static final String CONTRACT_SIGNED = "io.techex.contract.ContractSigned.v1";
    static final String CONTRACT_ACTIVATED = "io.techex.contract.ContractActivated.v1";

    private final JdbcTemplate jdbc;

    DealStatisticsRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void recorded(List<InboundEvent> events) {
        StatementBatch statements = new StatementBatch(jdbc);
        events.forEach(event -> recorded(event, statements));
        statements.flush();
    }

    private static void recorded(InboundEvent event, StatementBatch statements) {
        JsonNode data = event.data();
        switch (event.type()) {
            case LISTING_DRAFTED, LISTING_DRAFT_REVISED -> {
                // a revision that leaves the classes out keeps them; one that empties them leaves the listing unclassified
                if (data.has("ipcClasses")) {
                    statements.add("""
                            INSERT INTO statistic_listing (listing_id, ipc_section) VALUES (?, ?)
                            ON CONFLICT (listing_id) DO UPDATE SET ipc_section = EXCLUDED.ipc_section""",
                            data.path("listingId").asText(), ipcSection(data.path("ipcClasses")));
                }
            }
            case CONTRACT_CREATED -> version(statements, data.path("contractId").asText(), 1, data.path("terms"));
            case CONTRACT_AMENDED -> version(statements, data.path("contractId").asText(), data.path("version").asInt(),
                    data.path("terms"));
            case CONTRACT_SIGNED -> statements.add("""
                    INSERT INTO statistic_contract_party (contract_id, organisation_id, country) VALUES (?, ?, ?)
                    ON CONFLICT (contract_id, organisation_id) DO UPDATE SET country = EXCLUDED.country""",
                    data.path("contractId").asText(), data.path("organisationId").asText(), data.path("country").asText());
            case CONTRACT_ACTIVATED -> statements.add("""
                    INSERT INTO statistic_deal (contract_id, listing_id, seller_organisation_id, buyer_organisation_id,
                        version, deal_type, took_effect_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (contract_id) DO NOTHING""",
                    data.path("contractId").asText(), data.path("listingId").asText(),
                    data.path("sellerOrganisationId").asText(), data.path("buyerOrganisationId").asText(),
                    data.path("version").asInt(1), data.path("dealType").asText(),
                    Timestamp.from(Instant.parse(data.path("activatedAt").asText())));
            default -> {
                // no other event changes what the statistics count
            }
        }
    }

    private static void version(StatementBatch statements, String contractId, int version, JsonNode terms) {
        JsonNode price = terms.path("price");
        statements.add("""
                INSERT INTO statistic_contract_version (contract_id, version, deal_type, amount, currency) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (contract_id, version) DO NOTHING""",
                contractId, version, terms.path("dealType").asText(), new BigDecimal(price.path("amount").asText()),
                price.path("currency").asText());
    }

    /** The section (A to H, the first letter of an IPC symbol) of the first class listed; null when there is none. */
    static String ipcSection(JsonNode classes) {
        String first = classes.isArray() && !classes.isEmpty() ? classes.get(0).asText("").strip() : "";
        char section = first.isEmpty() ? ' ' : Character.toUpperCase(first.charAt(0));
        return section >= 'A' && section <= 'H' ? String.valueOf(section) : null;
    }
}
