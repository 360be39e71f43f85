package io.techex.contracts;

/**
 * A domain event that other services may rely on. The owning service's relay publishes it on Kafka as a
 * CloudEvent whose type comes from {@link EventType} and whose data must satisfy the JSON Schema kept in
 * {@code contracts/<domain>/<Name>.v<N>.schema.json}.
 */
public interface PublicEvent {

    /**
     * The technology asset (the listing) this event is about. It becomes the CloudEvent subject and the Kafka
     * key, so every event of one asset lands on one partition, in order, whichever service produced it.
     */
    String assetId();
}
