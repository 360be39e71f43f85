package io.techex.bidding.negotiation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.Party;
import io.techex.contracts.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Reads the negotiations' read model, {@code negotiation_view}, which {@link NegotiationProjection} keeps. A
 * negotiation is its two parties' business: reads for an organisation find only those it is a party to.
 */
@Component
class NegotiationViews {

    private static final String SELECT = """
            SELECT negotiation_id, listing_id, seller_organisation_id, buyer_organisation_id, status, round,
                   last_offer_by, terms, valid_until, closed_reason, ended_by, ended_at FROM negotiation_view""";

    private static final RowMapper<NegotiationRow> ROW = (rs, row) -> new NegotiationRow(
            rs.getString("negotiation_id"), rs.getString("listing_id"), rs.getString("seller_organisation_id"),
            rs.getString("buyer_organisation_id"), NegotiationStatus.valueOf(rs.getString("status")), rs.getInt("round"),
            Party.valueOf(rs.getString("last_offer_by")), terms(rs.getString("terms")),
            rs.getTimestamp("valid_until").toInstant(), rs.getString("closed_reason"),
            rs.getString("ended_by") == null ? null : Party.valueOf(rs.getString("ended_by")),
            rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant());

    private final JdbcTemplate jdbc;

    NegotiationViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The negotiation, if {@code organisationId} is one of its parties. */
    Optional<NegotiationRow> find(String negotiationId, String organisationId) {
        return jdbc.query(SELECT + " WHERE negotiation_id = ? AND (buyer_organisation_id = ? OR seller_organisation_id = ?)",
                ROW, negotiationId, organisationId, organisationId).stream().findFirst();
    }

    /** A firm's own negotiations; a seller's, the negotiations on its listings. Newest first, 200 at most. */
    List<NegotiationRow> ofParty(String organisationId) {
        return jdbc.query(SELECT + " WHERE buyer_organisation_id = ? OR seller_organisation_id = ? ORDER BY updated_at DESC LIMIT 200",
                ROW, organisationId, organisationId);
    }

    /** Every round's offer of the negotiation, the first first. */
    List<NegotiationRow.Round> rounds(String negotiationId) {
        return jdbc.query("""
                SELECT round, offer_by, terms, valid_until, made_at FROM negotiation_round_view
                WHERE negotiation_id = ? ORDER BY round""", (rs, row) -> new NegotiationRow.Round(rs.getInt("round"),
                Party.valueOf(rs.getString("offer_by")), terms(rs.getString("terms")),
                rs.getTimestamp("valid_until").toInstant(), rs.getTimestamp("made_at").toInstant()), negotiationId);
    }

    /** The listing the negotiation is about, whoever asks. */
    Optional<String> listingOf(String negotiationId) {
        return jdbc.queryForList("SELECT listing_id FROM negotiation_view WHERE negotiation_id = ?", String.class,
                negotiationId).stream().findFirst();
    }

    private static DealTerms terms(String json) {
        try {
            return EventJson.mapper().readValue(json, DealTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable terms in negotiation_view", e);
        }
    }
}
