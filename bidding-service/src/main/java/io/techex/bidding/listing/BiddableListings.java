package io.techex.bidding.listing;

import io.techex.bidding.api.DealType;
import io.techex.platform.rules.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.web.server.ResponseStatusException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code biddable_listing} table: what listing-service's events said about each published listing. */
@Repository
public class BiddableListings {

    private final JdbcTemplate jdbc;

    BiddableListings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BiddableListing> find(String listingId) {
        List<BiddableListing> found = jdbc.query("""
                SELECT listing_id, seller_organisation_id, sale_mode, deal_types, state, closed_reason
                FROM biddable_listing WHERE listing_id = ?""", (rs, row) -> new BiddableListing(
                rs.getString("listing_id"), rs.getString("seller_organisation_id"), rs.getString("sale_mode"),
                dealTypes(rs.getString("deal_types")), BiddableListing.State.valueOf(rs.getString("state")),
                rs.getString("closed_reason")), listingId);
        return found.stream().findFirst();
    }

    /**
     * The listing, if it is on the market and sold by {@code saleMode}. A listing bidding never heard of is a 404; one
     * that stopped taking deals, or is sold the other way, a 409.
     */
    public BiddableListing requireOpen(String listingId, String saleMode) {
        BiddableListing listing = find(listingId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No published listing " + listingId));
        if (listing.state() == BiddableListing.State.CLOSED) {
            throw RuleViolation.conflict("listing-not-biddable", "Listing " + listingId + " takes no new deals: "
                    + listing.closedReason());
        }
        if (!listing.saleMode().equals(saleMode)) {
            throw RuleViolation.conflict("sale-mode-mismatch", "Listing " + listingId + " is sold by "
                    + listing.saleMode() + ", not " + saleMode);
        }
        return listing;
    }

    void published(ListingOnMarket listing) {
        String dealTypes = listing.dealTypes().stream().map(ListingOnMarket.Deal::dealType).distinct()
                .collect(Collectors.joining(","));
        jdbc.update("""
                INSERT INTO biddable_listing (listing_id, seller_organisation_id, sale_mode, deal_types, state)
                VALUES (?, ?, ?, ?, 'ON_MARKET')
                ON CONFLICT (listing_id) DO UPDATE SET seller_organisation_id = excluded.seller_organisation_id,
                    sale_mode = excluded.sale_mode, deal_types = excluded.deal_types, state = 'ON_MARKET',
                    closed_reason = NULL, updated_at = now()""",
                listing.listingId(), listing.sellerOrganisationId(), listing.saleMode(), dealTypes);
    }

    void nonExclusiveOnly(String listingId) {
        jdbc.update("UPDATE biddable_listing SET state = 'NON_EXCLUSIVE_ONLY', updated_at = now() WHERE listing_id = ? AND state = 'ON_MARKET'",
                listingId);
    }

    void closed(String listingId, String reason) {
        jdbc.update("UPDATE biddable_listing SET state = 'CLOSED', closed_reason = ?, updated_at = now() WHERE listing_id = ?",
                reason, listingId);
    }

    private static EnumSet<DealType> dealTypes(String csv) {
        EnumSet<DealType> types = EnumSet.noneOf(DealType.class);
        Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(DealType::valueOf).forEach(types::add);
        return types;
    }
}
