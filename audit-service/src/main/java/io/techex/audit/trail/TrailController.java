package io.techex.audit.trail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.List;

/** The regulator's view of an asset's history across all services, and its exports with proofs. */
@RestController
@RequestMapping("/audit/assets")
@Tag(name = "Trail", description = "Every public event about an asset across the exchange, in order, and its exports with proofs (regulators)")
class TrailController {

    private final AssetTrails trails;
    private final TrailExports exports;

    TrailController(AssetTrails trails, TrailExports exports) {
        this.trails = trails;
        this.exports = exports;
    }

    /**
     * The trail, in the order things happened; {@code from}/{@code to} (ISO-8601 instants), {@code party} (an
     * organisation), {@code type} (repeatable) narrow it, {@code asOf} shows it as it stood at an instant.
     */
    @Operation(summary = "An asset's trail", description = "In the order things happened; from and to (an empty or "
            + "single-instant window is fine), party and type narrow it, asOf shows it as it stood then.")
    @GetMapping("/{assetId}/trail")
    AssetTrail trail(@PathVariable String assetId, @CurrentActor Actor actor,
                     @Parameter(description = "Events that occurred at or after this instant")
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                     @Parameter(description = "Events that occurred before this instant; not before from (equal to it: no event)")
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                     @RequestParam(required = false) String party,
                     @RequestParam(name = "type", required = false) List<String> types,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        return trails.find(assetId, new TrailQuery(from, to, party, types, asOf))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No trail for asset " + assetId));
    }

    /**
     * The trail's entries that are in the log up to a signed tree head ({@code treeSize}, default the latest), each
     * with its leaf and audit path: {@code format=json} (default) or {@code csv}. Same filters as the trail.
     */
    @Operation(summary = "Export an asset's trail with its proofs", description = "The entries in the log up to a "
            + "signed tree head (treeSize, default the latest), each with its leaf and audit path, to check offline.")
    @ApiResponse(responseCode = "200", description = "The export, as JSON or as CSV",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = TrailExport.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(types = "string"))})
    @ApiResponse(responseCode = "409", description = "No tree head has been signed yet: a regulator may sign one with POST /audit/log/tree-heads")
    @GetMapping("/{assetId}/export")
    ResponseEntity<?> export(@PathVariable String assetId,
                             @RequestParam(defaultValue = "json") String format,
                             @RequestParam(required = false) Long treeSize,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                             @RequestParam(required = false) String party,
                             @RequestParam(name = "type", required = false) List<String> types,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        if (!format.equals("json") && !format.equals("csv")) {
            throw RuleViolation.invalid("format", "must be json or csv");
        }
        TrailExport export = exports.export(assetId, new TrailQuery(from, to, party, types, asOf), treeSize);
        String file = "trail-" + assetId.replaceAll("[^A-Za-z0-9-]", "_") + "-" + export.treeHead().treeSize() + "." + format;
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
        if (format.equals("csv")) {
            return response.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .body(exports.csv(export));
        }
        return response.contentType(MediaType.APPLICATION_JSON).body(export);
    }
}
