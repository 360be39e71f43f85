package io.techex.listing.matching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.techex.contracts.EventJson;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.MatchReason;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Reads the matches read model: a need's best listings, a listing's best needs, with what to show of each. */
@Component
public class Matches {

    static final int MAX_LIMIT = 50;
    private static final TypeReference<List<MatchReason>> REASONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    Matches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The listings that match {@code needId} best, best first. */
    public List<ListingMatch> ofNeed(String needId, int limit) {
        return jdbc.query("""
                SELECT s.listing_id, s.score, s.reasons, s.scored_at, l.seller_organisation_id, l.title_vi, l.title_en,
                    l.readiness_level
                FROM match_score s JOIN listing_summary l ON l.listing_id = s.listing_id
                WHERE s.need_id = ? ORDER BY s.score DESC, s.listing_id LIMIT ?""",
                (rs, n) -> new ListingMatch(rs.getString("listing_id"), rs.getString("seller_organisation_id"),
                        new LocalizedText(rs.getString("title_vi"), rs.getString("title_en")), rs.getInt("readiness_level"),
                        score(rs), reasons(rs), rs.getTimestamp("scored_at").toInstant()),
                needId, limit);
    }

    /** The needs that {@code listingId} matches best, best first, with their owners (the caller decides whom to show). */
    public List<NeedMatch> ofListing(String listingId, int limit) {
        return jdbc.query("""
                SELECT s.need_id, s.score, s.reasons, s.scored_at, n.owner_organisation_id, n.owner_name_public,
                    n.title_vi, n.title_en, n.deadline
                FROM match_score s JOIN need_view n ON n.need_id = s.need_id
                WHERE s.listing_id = ? ORDER BY s.score DESC, s.need_id LIMIT ?""",
                (rs, n) -> new NeedMatch(rs.getString("need_id"), rs.getString("owner_organisation_id"),
                        rs.getBoolean("owner_name_public"), new LocalizedText(rs.getString("title_vi"), rs.getString("title_en")),
                        rs.getTimestamp("deadline") == null ? null : rs.getTimestamp("deadline").toInstant(),
                        score(rs), reasons(rs), rs.getTimestamp("scored_at").toInstant()),
                listingId, limit);
    }

    private static double score(ResultSet rs) throws SQLException {
        // stored as a real; shown as the three decimals it was computed to
        return Scorer.round(rs.getDouble("score"));
    }

    private static List<MatchReason> reasons(ResultSet rs) throws SQLException {
        try {
            return EventJson.mapper().readValue(rs.getString("reasons"), REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable reasons of a match", e);
        }
    }

    /** A listing matching a need. */
    public record ListingMatch(String listingId, String sellerOrganisationId, LocalizedText title, int readinessLevel,
                               double score, List<MatchReason> reasons, Instant scoredAt) {
    }

    /** A need a listing matches; {@code ownerOrganisationId} is for the caller to hide unless {@code ownerNamePublic}. */
    public record NeedMatch(String needId, String ownerOrganisationId, boolean ownerNamePublic, LocalizedText title,
                            Instant deadline, double score, List<MatchReason> reasons, Instant scoredAt) {
    }
}
