/**
 * The demand side of the market: firms, and State agencies acting as firms, post the technologies they need
 * ({@link io.techex.listing.need.Need}, from draft to published, then closed by its owner, expired at its persisted
 * deadline, or taken down by the operator), and everyone reads the needs on the market without their owner's name
 * unless it is public. The read model is {@code need_view}, processor {@code listing-needs}, rebuilt by replay.
 */
package io.techex.listing.need;
