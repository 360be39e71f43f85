package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.util.List;

/**
 * A listing and a need match well: when one of them came on the market or changed, the other was among its
 * {@value MatchingPolicy#TOP} best counterparts with a score of at least {@value MatchingPolicy#THRESHOLD}. Once per pair,
 * ever: a pair that drops out and comes back, or whose score moves, is not announced again; the current matches, with
 * their current scores, are the read side's ({@code GET /needs/{needId}/matches}, {@code GET /listings/{listingId}/matches}).
 * <p>
 * For a consumer telling the need's owner about the listing, or the listing's seller about the need: the need's owner
 * may be named to the seller only when {@code ownerNamePublic}.
 *
 * @param foundFor which of the two had changed: NEED (the listing is among the need's best) or LISTING
 * @param rank     the other's place among the changed one's counterparts, from 1
 */
@EventType(name = "io.techex.listing.MatchFound", version = 1)
public record MatchFound(String matchId, String needId, String listingId, String needOwnerOrganisationId,
                         boolean ownerNamePublic, String sellerOrganisationId, double score, List<MatchReason> reasons,
                         MatchKind foundFor, int rank) implements PublicEvent {

    public MatchFound {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** A match is part of the need's story, as its proposals are. */
    @Override
    public String assetId() {
        return needId;
    }
}
