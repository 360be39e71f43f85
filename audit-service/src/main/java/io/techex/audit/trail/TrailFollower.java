package io.techex.audit.trail;

import io.techex.platform.consumer.InboundEvent;

import java.util.List;

/**
 * A read model kept from the trail's events: told of the events as they are recorded, once each and in the order
 * recorded, in the recording's transaction, so that it is rebuilt with the trail when the topics are replayed into an
 * empty database. The trail records a poll's events at once, and tells its followers of them together so that they
 * can write them together too ({@link StatementBatch}). A follower must not depend on the order of events from
 * different topics (services), which audit-service reads each at its own pace.
 */
public interface TrailFollower {

    void recorded(List<InboundEvent> events);
}
