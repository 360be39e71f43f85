/**
 * What bidding-service publishes for the rest of the exchange as CloudEvents on {@code techex.bidding.events} (schemas
 * in the contracts folder), and the value types they carry. Every public event of the service is here, with everything
 * it carries ({@code TechExArchitecture} checks both).
 *
 * <p>For the market (listing-service shows whether a listing is under negotiation or auction, and when it is back):
 * {@link NegotiationOpened}, {@link NegotiationEnded}, {@link AuctionScheduled}, {@link AuctionExtended},
 * {@link AuctionClosedWithoutSale} and {@link DealAgreed} (also contract-service's start). They name no buyer, no offer
 * terms, no reserve and no sealed amount.
 *
 * <p>For the regulators' trail (audit-service records every public event; regulators alone may read it): every
 * binding offer and bid with its amount, {@link OfferMade}, {@link OfferCountered}, {@link BidPlaced}, and the
 * sealed-bid commitments, reveals and void bids ({@link SealedBidCommitted}, {@link SealedBidRevealed},
 * {@link SealedBidVoided}). These are confidential to the parties and the regulators; no consumer other than
 * audit-service may show them.
 *
 * <p>Some of these were released beside their aggregates ({@code auction.BidPlaced} …); the event store names each
 * payload by its class, and {@link io.techex.bidding.events.RenamedEvents} reads those rows as the classes here.
 */
package io.techex.bidding.api;
