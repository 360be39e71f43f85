package io.techex.listing.matching;

import io.techex.listing.api.MatchFound;
import io.techex.listing.api.MatchKind;
import io.techex.listing.api.MatchReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The exchange records that a need and a listing match (see {@link MatchFound}). */
public record RecordMatch(@TargetAggregateIdentifier String matchId, String needId, String listingId,
                          String needOwnerOrganisationId, boolean ownerNamePublic, String sellerOrganisationId,
                          double score, List<MatchReason> reasons, MatchKind foundFor, int rank) {
}
