package io.techex.listing.proposal;

import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.Money;
import io.techex.listing.api.ProposalKind;
import io.techex.listing.api.RndOffer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * The body of {@code POST /needs/{needId}/proposals}.
 *
 * @param kind      LISTING (then {@code listingId}: one of the caller's listings on the market) or RND_OFFER (then
 *                  {@code rndOffer})
 * @param message   optional: why it answers the need, in Vietnamese, English or both
 * @param rndOffer  what would be developed, in how many months, for what cost ({@code {"amount": "800000000",
 *                  "currency": "VND"}}, a decimal string; VND when no currency is named), and the TRL it would reach
 */
public record ProposalRequest(@NotNull ProposalKind kind, UUID listingId, @Valid ProposalText message, @Valid RndOfferRequest rndOffer) {

    /** Text in Vietnamese, English or both. */
    public record ProposalText(@Size(min = 1, max = Proposal.MAX_TEXT) String vi, @Size(min = 1, max = Proposal.MAX_TEXT) String en) {
        LocalizedText toLocalized() {
            return new LocalizedText(vi, en);
        }
    }

    public record RndOfferRequest(@NotNull @Valid ProposalText description, @NotNull @Min(1) @Max(Proposal.MAX_DURATION_MONTHS) Integer durationMonths,
                        @NotNull Money cost, @Min(1) @Max(9) Integer readinessLevel) {
        RndOffer toOffer() {
            return new RndOffer(description.toLocalized(), durationMonths, cost, readinessLevel);
        }
    }

    DraftProposal toDraft(String proposalId, String needId, String needOwnerOrganisationId, String proposerOrganisationId) {
        return new DraftProposal(proposalId, needId, needOwnerOrganisationId, proposerOrganisationId, kind,
                listingId == null ? null : listingId.toString(), message == null ? null : message.toLocalized(),
                rndOffer == null ? null : rndOffer.toOffer());
    }
}
