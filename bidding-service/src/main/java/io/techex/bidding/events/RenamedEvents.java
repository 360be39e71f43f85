package io.techex.bidding.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.function.Function;

/**
 * Reads events stored under a class name that has since changed as the class they are now. The event store keeps
 * each payload's class name; a renamed event class would otherwise leave its old events unreadable, and the
 * aggregates that own them without their history. Only the name changes; the JSON is read as it is.
 *
 * <p>{@code auction.AuctionScheduled} became {@code EnglishAuctionScheduled} when the exchange-wide
 * {@code api.AuctionScheduled} (without the reserve) was introduced for both auction formats.
 */
@Component
public class RenamedEvents extends SingleEventUpcaster {

    static final Map<String, String> RENAMED = Map.of(
            "io.techex.bidding.auction.AuctionScheduled", "io.techex.bidding.auction.EnglishAuctionScheduled");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return RENAMED.containsKey(event.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(RENAMED.get(event.getType().getName()), event.getType().getRevision()),
                JsonNode.class, Function.identity());
    }
}
