package io.techex.audit.trail;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.techex.audit.log.AssetHead;
import io.swagger.v3.oas.annotations.media.Schema;
import io.techex.audit.log.TreeHead;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A trail exported with everything needed to check it offline: the signed tree head it is proven against, the log's
 * signed word on how many entries the asset has in that tree and which is the newest ({@code assetHead}), and for
 * every entry its leaf (the exact canonical bytes, as a string) and its audit path. {@code VerifyExport} checks one;
 * {@code audit-service/LOG.md} describes every field for verifiers written elsewhere.
 * <p>
 * Without filters, the entries are all the asset's leaves in the tree, in the log's order, and the back-links inside
 * the leaves prove it. With filters ({@code from, to, party, types, asOf}) they are the leaves that match: each is
 * proven to be in the log, but that none is missing is not proven.
 *
 * @param format         {@value #FORMAT}
 * @param pendingEntries entries that match the filters but are newer than the tree head, hence not in the export
 */
public record TrailExport(String format, String assetId, Instant generatedAt, Filters filters, TreeHead treeHead,
                          AssetHead assetHead, long pendingEntries, List<Entry> entries) {

    public static final String FORMAT = "techex-audit-export/2";

    /** What the export was narrowed by; any of them set (or {@code types} not empty): not proven complete. */
    public record Filters(@Nullable Instant from, @Nullable Instant to, @Nullable String party, List<String> types,
                          @Nullable Instant asOf) {
    }

    /**
     * @param canonical     the leaf, exactly: format 2 is {@code {"assetPrevious":…,"event":<CloudEvent>,"leafVersion":2}},
     *                      format 1 (leaves from before back-links) the CloudEvent alone; {@code leafHash} is
     *                      SHA-256(0x00 || its UTF-8)
     * @param leafVersion   the leaf's format, 1 or 2
     * @param assetPrevious the leaf index of the asset's previous entry, as the leaf says (null: the asset's first
     *                      entry, or a format 1 leaf, which has no back-link)
     * @param auditPath     base64 hashes, RFC 9162 §2.1.3.1, against {@code treeHead}
     */
    @Schema(name = "ExportEntry")
    public record Entry(long leafIndex, String eventId, String type, String source, Instant occurredAt,
                        @Nullable AssetTrail.Actor actor,
                        @Schema(types = "object", description = "The event's data, as its type's contract has it")
                        @JsonRawValue String data, String canonical, int leafVersion,
                        @Nullable Long assetPrevious, String leafHash, List<String> auditPath) {
    }
}
