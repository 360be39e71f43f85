package io.techex.platform.axon;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads events stored under a class name that has since changed (an event class renamed, or moved to another package)
 * as the class they are now. The event store keeps each payload's class name, and a stored row is never rewritten (the
 * store's hash chain covers that name), so an event class that moves is registered here, old name → class, and every
 * reader of the store gets the class it has now: aggregates loading their history, projections and policies, the Kafka
 * relay, replays. Only the name changes; the JSON is read as it is, and the revision is kept, so an event whose JSON
 * changes too needs an upcaster of its own.
 *
 * <p>A service declares its renames once, in a subclass that is a Spring bean; Axon puts every upcaster bean into the
 * event store's chain. An old name must no longer be a class: events written under it by a new class of that name
 * would otherwise be read as the other one.
 *
 * <pre>{@code
 * @Component
 * public class RenamedEvents extends RenamedEventUpcaster {
 *     public RenamedEvents() {
 *         super(Map.of("io.techex.bidding.auction.BidPlaced", BidPlaced.class));
 *     }
 * }
 * }</pre>
 */
public class RenamedEventUpcaster extends SingleEventUpcaster {

    private final Map<String, String> renamed = new TreeMap<>();

    /** @param renamed each stored class name that changed, and the class its events are read as now */
    protected RenamedEventUpcaster(Map<String, Class<?>> renamed) {
        renamed.forEach((oldName, now) -> {
            if (isClass(oldName)) {
                throw new IllegalStateException("Events stored as " + oldName + " cannot be read as " + now.getName()
                        + ": " + oldName + " is a class again. Give it another name.");
            }
            this.renamed.put(oldName, now.getName());
        });
    }

    /** Old class name → the name of the class its events are read as, in the order of the old names. */
    public Map<String, String> renamed() {
        return Collections.unmodifiableMap(renamed);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return renamed.containsKey(event.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(renamed.get(event.getType().getName()),
                event.getType().getRevision()), JsonNode.class, Function.identity());
    }

    private boolean isClass(String name) {
        try {
            Class.forName(name, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
