package io.techex.audit.trail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** The regulator's view of an asset's history across all services, and its exports with proofs. */
@RestController
@RequestMapping("/audit/assets")
@Tag(name = "Trail", description = "Every public event about an asset across the exchange, in order, and its exports with proofs (regulators)")
class TrailController {

    private static final int TRAIL_BUFFER_BYTES = 64 * 1024;

    private final AssetTrails trails;
    private final TrailExports exports;
    private final JsonMapper mapper;
    private final TransactionTemplate reads;
    private final TrailCache cache;

    TrailController(AssetTrails trails, TrailExports exports, JsonMapper mapper, PlatformTransactionManager transactions,
                    TrailCache cache) {
        this.trails = trails;
        this.cache = cache;
        this.exports = exports;
        this.mapper = mapper;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.reads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * The trail, in the order things happened; {@code from}/{@code to} (ISO-8601 instants), {@code party} (an
     * organisation), {@code type} (repeatable) narrow it, {@code asOf} shows it as it stood at an instant.
     *
     * <p>Written to the client as the database sends it, the stored event data copied as it is: a trail of 10,000
     * events is never held in memory whole, nor parsed, except to be kept by {@link TrailCache} when it is asked for a
     * second time at one version; the cache answers the later reads of that version. Its (weak) ETag names the version
     * of the trail (see {@link AssetTrails#head}), so a client that already has it gets 304 and no body.
     */
    @Operation(summary = "An asset's trail", description = "In the order things happened; from and to (an empty or "
            + "single-instant window is fine), party and type narrow it, asOf shows it as it stood then. The trail only "
            + "grows: send the ETag of the copy you have in If-None-Match, and the answer is 304 while it is unchanged.")
    @ApiResponse(responseCode = "200", description = "The trail",
            headers = @Header(name = HttpHeaders.ETAG, description = "The version of this trail, for If-None-Match",
                    schema = @Schema(types = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssetTrail.class)))
    @ApiResponse(responseCode = "304", description = "The trail is still the one whose ETag was sent in If-None-Match",
            headers = @Header(name = HttpHeaders.ETAG, description = "The version of this trail", schema = @Schema(types = "string")))
    @ApiResponse(responseCode = "404", description = "No event about this asset (as of asOf, when given)")
    @GetMapping("/{assetId}/trail")
    void trail(@PathVariable String assetId, @CurrentActor Actor actor,
               @Parameter(description = "Events that occurred at or after this instant")
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
               @Parameter(description = "Events that occurred before this instant; not before from (equal to it: no event)")
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
               @RequestParam(required = false) String party,
               @RequestParam(name = "type", required = false) List<String> types,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
               @Parameter(description = "ETags of copies the client has: 304 when the trail is still one of them")
               @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
               HttpServletResponse response) throws IOException {
        TrailQuery query = new TrailQuery(from, to, party, types, asOf);
        // one snapshot for the version and the entries, so that the ETag names exactly the body it goes with
        TrailCache.Answer cached = reads.execute(status -> {
            AssetTrails.Head head = trails.head(assetId, query)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No trail for asset " + assetId));
            // weak: the same version is the same JSON, but Tomcat compresses no answer with a strong tag (gzipped bytes
            // are another representation), and If-None-Match compares weakly anyway
            String etag = "W/\"" + head.version() + "\"";
            response.setHeader(HttpHeaders.ETAG, etag);
            if (ETags.matches(ifNoneMatch, etag)) {
                response.setStatus(HttpStatus.NOT_MODIFIED.value());
                return null;
            }
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            // a trail is MBs: written to the socket 64 KB at a time rather than Tomcat's default 8 KB
            response.setBufferSize(TRAIL_BUFFER_BYTES);
            TrailCache.Answer answer = cache.get(assetId, query, head.version());
            if (answer != null) {
                return answer;
            }
            try {
                TrailCache.Recording body = cache.recording(assetId, query, head.version(), response.getOutputStream());
                try (JsonGenerator json = mapper.createGenerator(body)) {
                    writeTrail(json, assetId, query, head);
                }
                body.keep();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        // a kept answer goes out after the snapshot ended: a slow client holds no database connection meanwhile
        if (cached != null) {
            response.setContentLengthLong(cached.length());
            cached.writeTo(response.getOutputStream());
        }
    }

    /** What {@link AssetTrail} serialises to, field by field and entry by entry as they come. */
    private void writeTrail(JsonGenerator json, String assetId, TrailQuery query, AssetTrails.Head head) {
        json.writeStartObject();
        json.writeStringProperty("assetId", assetId);
        json.writePOJOProperty("asset", head.asset());
        json.writePOJOProperty("asOf", query.asOf());
        json.writePOJOProperty("latestTreeHeadSize", head.latestTreeHeadSize());
        json.writeArrayPropertyStart("entries");
        trails.forEachStoredEntry(assetId, query, entry -> TrailEntryJson.write(json, entry));
        json.writeEndArray();
        json.writeEndObject();
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
