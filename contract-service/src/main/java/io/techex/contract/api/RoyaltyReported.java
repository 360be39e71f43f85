package io.techex.contract.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The licensee reported its net sales for one royalty period of an active licence, and contract-service computed the
 * royalty due on them: {@code ratePercent} × {@code netSales}, rounded half up to the currency's minor unit (whole
 * dong for VND). A minimum annual royalty, if any, is topped up separately ({@link MinimumRoyaltyToppedUp}).
 *
 * @param periodNumber 1 for the period starting on the first day of the rights, then in order
 * @param periodUntil  last day of the period, included
 * @param late         reported after the period's report was due (it was flagged {@link RoyaltyReportOverdue})
 */
@EventType(name = "io.techex.contract.RoyaltyReported", version = 1)
public record RoyaltyReported(String contractId, String listingId, String licenseeOrganisationId, int periodNumber,
                              LocalDate periodFrom, LocalDate periodUntil, Money netSales,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ratePercent, Money royalty,
                              boolean late, Instant reportedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}
