package io.techex.audit.trail;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.techex.audit.log.TreeHead;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A trail exported with everything needed to check it offline: the signed tree head it is proven against, and for
 * every entry its leaf (the exact canonical bytes, as a string) and its audit path. {@code VerifyExport} checks one.
 *
 * @param format         {@value #FORMAT}
 * @param pendingEntries entries that match the filters but are newer than the tree head, hence not in the export
 */
public record TrailExport(String format, String assetId, Instant generatedAt, Filters filters, TreeHead treeHead,
                          long pendingEntries, List<Entry> entries) {

    public static final String FORMAT = "techex-audit-export/1";

    public record Filters(@Nullable Instant from, @Nullable Instant to, @Nullable String party, List<String> types,
                          @Nullable Instant asOf) {
    }

    /**
     * @param canonical the leaf: the CloudEvent in canonical JSON; {@code leafHash} is SHA-256(0x00 || its UTF-8)
     * @param auditPath base64 hashes, RFC 9162 §2.1.3.1, against {@code treeHead}
     */
    @Schema(name = "ExportEntry")
    public record Entry(long leafIndex, String eventId, String type, String source, Instant occurredAt,
                        @Nullable AssetTrail.Actor actor,
                        @Schema(types = "object", description = "The event's data, as its type's contract has it")
                        @JsonRawValue String data, String canonical, String leafHash,
                        List<String> auditPath) {
    }
}
