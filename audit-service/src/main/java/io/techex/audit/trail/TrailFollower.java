package io.techex.audit.trail;

import io.techex.platform.consumer.InboundEvent;

/**
 * A read model kept from the trail's events: told of each event as it is recorded, once, in the recording's
 * transaction, so that it is rebuilt with the trail when the topics are replayed into an empty database. It must not
 * depend on the order of events from different topics (services), which audit-service reads each at its own pace.
 */
public interface TrailFollower {

    void recorded(InboundEvent event);
}
