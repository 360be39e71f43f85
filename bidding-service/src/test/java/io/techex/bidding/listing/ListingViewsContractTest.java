package io.techex.bidding.listing;

import io.techex.contracts.ContractCheck;
import org.junit.jupiter.api.Test;

/** Bidding's views of listing-service's events still read what listing-service sends (its contract samples). */
class ListingViewsContractTest {

    @Test
    void biddingsViewsOfListingEventsReadWhatListingServiceSends() {
        ContractCheck.assertConsumerReads(ListingEventsConsumer.PUBLISHED, ListingOnMarket.class);
        ContractCheck.assertConsumerReads(ListingEventsConsumer.WITHDRAWN, ListingRef.class);
        ContractCheck.assertConsumerReads(ListingEventsConsumer.TRANSFERRED, ListingRef.class);
        ContractCheck.assertConsumerReads(ListingEventsConsumer.UNDER_CONTRACT, ListingDealMade.class);
        ContractCheck.assertConsumerReads(ListingEventsConsumer.LICENSED, ListingLicence.class);
    }
}
