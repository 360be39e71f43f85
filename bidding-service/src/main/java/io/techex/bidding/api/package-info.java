/**
 * What bidding-service publishes for the rest of the exchange as CloudEvents on {@code techex.bidding.events} (schemas
 * in the contracts folder), and the value types they carry.
 *
 * <p>For the market (listing-service shows whether a listing is under negotiation or auction, and when it is back):
 * {@link io.techex.bidding.api.NegotiationOpened}, {@link io.techex.bidding.api.NegotiationEnded},
 * {@link io.techex.bidding.api.AuctionScheduled}, {@code auction.AuctionExtended},
 * {@code auction.AuctionClosedWithoutSale} and {@link io.techex.bidding.api.DealAgreed} (also contract-service's
 * start). They name no buyer, no offer terms, no reserve and no sealed amount.
 *
 * <p>For the regulators' trail (audit-service records every public event; regulators alone may read it): every
 * binding offer and bid with its amount, {@code negotiation.OfferMade}, {@code negotiation.OfferCountered},
 * {@code auction.BidPlaced}, and the sealed-bid commitments and reveals. These are confidential to the parties and the
 * regulators; no consumer other than audit-service may show them. Events that were internal first stay in their
 * feature package, as the event store names each payload by its class.
 */
package io.techex.bidding.api;
