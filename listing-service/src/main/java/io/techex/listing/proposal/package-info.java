/**
 * Answers to needs: a university proposes one of its listings on the market, or an R&D offer (what it would develop,
 * in how long, for how much), with confidential attachments that only the need's owner and the university read. The
 * need's owner shortlists, declines, or asks to negotiate on a proposed listing, which it then does in bidding-service
 * like any negotiation. Each proposal is an event-sourced {@link io.techex.listing.proposal.Proposal}; the read model
 * ({@code proposal_view}, {@code proposal_attachment}) is processor {@code listing-proposals}, rebuilt by replay.
 */
package io.techex.listing.proposal;
