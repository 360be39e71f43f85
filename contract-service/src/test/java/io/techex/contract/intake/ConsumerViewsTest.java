package io.techex.contract.intake;

import io.techex.contracts.ContractCheck;
import org.junit.jupiter.api.Test;

/** contract-service's views of listing and bidding events still read what those services send. */
class ConsumerViewsTest {

    @Test
    void readsListingPublished() {
        ContractCheck.assertConsumerReads(ExchangeEvents.LISTING_PUBLISHED, ListingPublishedView.class);
    }

    @Test
    void readsDealAgreed() {
        ContractCheck.assertConsumerReads(ExchangeEvents.DEAL_AGREED, DealAgreedView.class);
    }
}
