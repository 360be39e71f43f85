package io.techex.contract.rights;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/** Who holds which rights in an asset on a day: a fact of the exchange, open to every role. */
@RestController
@Tag(name = "Rights", description = "The rights ledger: who holds what in an asset on a day")
class RightsController {

    private final RightsLedger ledger;
    private final Clock clock;

    RightsController(RightsLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** {@code on} defaults to today (UTC). */
    @Operation(summary = "Who holds which rights in an asset on a day", description = "on defaults to today (UTC).")
    @GetMapping("/assets/{listingId}/rights")
    AssetRights on(@PathVariable UUID listingId,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {
        return ledger.on(listingId.toString(), on == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : on);
    }
}
