package io.techex.audit.trail;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.List;

/** The trail of one asset: what the exchange knows of it, and every event about it in order. */
public record AssetTrail(String assetId, Asset asset, List<Entry> entries) {

    /** The asset's headline, null until its listing events arrived. */
    public record Asset(String sellerOrganisationId, String titleVi, String titleEn) {
    }

    /** One event: what happened, when, and who did it (null actor for events no person caused). */
    public record Entry(long position, String eventId, String type, String source, Instant occurredAt, Actor actor,
                        @JsonRawValue String data) {
    }

    public record Actor(String person, String organisation, String role) {
    }
}
