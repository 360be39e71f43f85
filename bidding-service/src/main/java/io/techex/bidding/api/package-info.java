/**
 * What bidding-service publishes for the rest of the exchange: {@link io.techex.bidding.api.DealAgreed} (a CloudEvent
 * on {@code techex.bidding.events}, schema in the contracts folder) and the value types it carries.
 */
package io.techex.bidding.api;
