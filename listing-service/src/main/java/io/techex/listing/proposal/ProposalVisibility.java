package io.techex.listing.proposal;

import io.techex.listing.need.NeedRow;
import io.techex.listing.need.NeedVisibility;
import io.techex.platform.actor.Actor;

/**
 * Who may see a proposal, its attachments and the need's owner, in one place. The proposing university sees its
 * proposals from the draft on; the need's owner once submitted; the operator and regulators read everything but the
 * attachments' content, which is the two parties' alone. Everyone else is told it does not exist.
 */
final class ProposalVisibility {

    private ProposalVisibility() {
    }

    static boolean canSee(ProposalRow proposal, Actor actor) {
        return isParty(proposal, actor) || NeedVisibility.mayReadEverything(actor);
    }

    static boolean isParty(ProposalRow proposal, Actor actor) {
        return isProposer(proposal, actor) || isNeedOwner(proposal, actor);
    }

    static boolean isProposer(ProposalRow proposal, Actor actor) {
        return proposal.proposerOrganisationId().equals(actor.organisationId());
    }

    /** The need's owner, once the proposal is before it. */
    static boolean isNeedOwner(ProposalRow proposal, Actor actor) {
        return proposal.needOwnerOrganisationId().equals(actor.organisationId()) && proposal.status() != ProposalStatus.DRAFT;
    }

    /**
     * The need's owner is named to the proposer when the need's owner name is public, or once the firm asked to
     * negotiate on the proposed listing (it then makes its offer under its own name).
     */
    static boolean showsNeedOwner(ProposalRow proposal, NeedRow need, Actor actor) {
        return !isProposer(proposal, actor) || need != null && NeedVisibility.showsOwner(need, actor)
                || proposal.status() == ProposalStatus.NEGOTIATION_REQUESTED;
    }
}
