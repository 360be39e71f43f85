package io.techex.audit.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.platform.rules.RuleViolation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** The market statistics for the ministry's reports: regulators only (AuditAccessRules). */
@RestController
@Tag(name = "Statistics", description = "Market statistics for regulators: deals that took effect, grouped")
class StatisticsController {

    private final DealStatistics statistics;

    StatisticsController(DealStatistics statistics) {
        this.statistics = statistics;
    }

    @Operation(summary = "Deals that took effect, counted and valued per group and currency",
            description = "A deal is a contract that took effect (ContractActivated), valued at the price of its"
            + " version in force; amounts of different currencies are never added. from and to are days in Vietnam's"
            + " time, both included (either may be left out). groupBy (repeatable, or comma-separated, in order):"
            + " ipcSection (A-H, of the listing's first IPC class), dealType, sellerCountry, buyerCountry, direction"
            + " (DOMESTIC, FROM_VIETNAM, INTO_VIETNAM, BETWEEN_FOREIGN; the parties' countries as they signed: no event"
            + " names a province), period (MONTH, QUARTER or YEAR, as period= says; QUARTER by default). format=csv"
            + " answers text/csv with a column per dimension, then currency, deals and value.")
    // the handler answers either form (ResponseEntity<?>), so the document is told both
    @ApiResponse(responseCode = "200", description = "The report, as JSON or (format=csv) as CSV", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = StatisticsReport.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping("/audit/statistics")
    ResponseEntity<?> statistics(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "ipcSection, dealType, sellerCountry, buyerCountry, direction, period")
            @RequestParam(required = false) List<String> groupBy,
            @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "json") String format) {
        if (!format.equals("json") && !format.equals("csv")) {
            throw RuleViolation.invalid("format", "must be json or csv");
        }
        StatisticsReport report = statistics.report(StatisticsQuery.of(from, to, groupBy, period));
        if (format.equals("csv")) {
            String file = "techex-statistics" + (report.groupBy().isEmpty() ? "" : "-" + String.join("-", report.groupBy()))
                    + (from == null ? "" : "-from-" + from) + (to == null ? "" : "-to-" + to) + ".csv";
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                    .body(DealStatistics.csv(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }
}
