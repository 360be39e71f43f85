package io.techex.audit.trail;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * The trail of one asset: what the exchange knows of it, and every event about it in order.
 *
 * @param asOf             the trail as it stood then (only events that had occurred), or null for now
 * @param latestTreeHeadSize the size of the newest signed tree head (signed by {@code asOf}, when given): entries with
 *                         a smaller {@code leafIndex} are provably in the log; null before the first head
 */
public record AssetTrail(String assetId, @Nullable Asset asset, @Nullable Instant asOf, @Nullable Long latestTreeHeadSize,
                         List<Entry> entries) {

    /** The asset's headline as of the trail's time, null until its listing events arrived. */
    public record Asset(String sellerOrganisationId, String titleVi, @Nullable String titleEn) {
    }

    /**
     * One event: what happened, when, and who did it (null actor for events no person caused), and its place in the
     * exchange-wide log ({@code leafIndex} and {@code leafHash} null for the few seconds before it gets one).
     */
    @Schema(name = "TrailEntry")
    public record Entry(long position, String eventId, String type, String source, Instant occurredAt, @Nullable Actor actor,
                        @Schema(types = "object", description = "The event's data, as its type's contract has it")
                        @JsonRawValue String data,
                        @Nullable Long leafIndex, @Nullable String leafHash) {
    }

    public record Actor(String person, String organisation, String role) {
    }
}
