package io.techex.bidding.listing;

import io.cloudevents.CloudEvent;
import io.techex.platform.consumer.EventConsumerConfiguration;
import io.techex.platform.consumer.EventInbox;
import io.techex.platform.consumer.InboundEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * Keeps {@code biddable_listing} in step with listing-service, once per event: the inbox records the CloudEvent id in
 * the same transaction as the change (and as the commands that end open negotiations and auctions, which join it).
 */
@Component
class ListingEventsConsumer {

    static final String CONSUMER = "biddable-listings";
    static final String PUBLISHED = "io.techex.listing.ListingPublished.v1";
    static final String WITHDRAWN = "io.techex.listing.ListingWithdrawn.v1";
    static final String UNDER_CONTRACT = "io.techex.listing.ListingUnderContract.v1";
    static final String LICENSED = "io.techex.listing.ListingLicensed.v1";
    static final String TRANSFERRED = "io.techex.listing.ListingTransferred.v1";
    static final Set<String> HANDLED = Set.of(PUBLISHED, WITHDRAWN, UNDER_CONTRACT, LICENSED, TRANSFERRED);

    private final EventInbox inbox;
    private final BiddableListings listings;
    private final List<BiddingStopped> stopListeners;

    ListingEventsConsumer(EventInbox inbox, BiddableListings listings, List<BiddingStopped> stopListeners) {
        this.inbox = inbox;
        this.listings = listings;
        this.stopListeners = stopListeners;
    }

    @KafkaListener(id = "bidding-biddable-listings", topics = "#{@topics.consumed()}",
            groupId = "#{@topics.group('biddable-listings')}", containerFactory = EventConsumerConfiguration.LISTENER_FACTORY)
    void on(CloudEvent cloudEvent) {
        if (!HANDLED.contains(cloudEvent.getType())) {
            // concerns nothing here (a bid, say): not even an inbox row, which would cost a transaction per event
            return;
        }
        inbox.handleOnce(CONSUMER, InboundEvent.from(cloudEvent), this::apply);
    }

    private void apply(InboundEvent event) {
        switch (event.type()) {
            case PUBLISHED -> listings.published(event.dataAs(ListingOnMarket.class));
            case WITHDRAWN -> stop(event.dataAs(ListingRef.class).listingId(), "the seller withdrew the listing");
            case TRANSFERRED -> stop(event.dataAs(ListingRef.class).listingId(), "the listing was assigned");
            case UNDER_CONTRACT -> {
                var contract = event.dataAs(ListingDealMade.class);
                // a non-exclusive licence under contract leaves room for further non-exclusive deals
                if (!"NON_EXCLUSIVE_LICENCE".equals(contract.deal().dealType())) {
                    stop(contract.listingId(), "the listing is under an exclusive contract");
                }
            }
            case LICENSED -> {
                var licensed = event.dataAs(ListingLicence.class);
                if ("NON_EXCLUSIVE_LICENCE".equals(licensed.licence().dealType())) {
                    listings.nonExclusiveOnly(licensed.listingId());
                } else {
                    stop(licensed.listingId(), "the listing is licensed exclusively");
                }
            }
            default -> {
                // drafts, submissions, ownership checks: nothing a bidder can act on
            }
        }
    }

    private void stop(String listingId, String reason) {
        listings.closed(listingId, reason);
        stopListeners.forEach(listener -> listener.onBiddingStopped(listingId, reason));
    }
}
