package io.techex.listing.need;

import io.techex.listing.api.Budget;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.NeedOwnerKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /needs} and {@code PUT /needs/{needId}}. A draft needs a title, a statement and the readiness
 * wanted; the rest may come in later revisions, and must be there to publish (422 naming the field).
 *
 * @param title             Vietnamese, English or both (at least one)
 * @param statement         the problem, Vietnamese, English or both (at least one)
 * @param ipcClasses        IPC fields: a class (C02), subclass (C02F) or group (C02F 1/28); at least one to publish
 * @param minReadinessLevel the lowest TRL the firm can use, 1 to 9
 * @param dealTypes         the deals the firm would make; at least one to publish
 * @param territory         ISO 3166 country the rights are needed in, or absent
 * @param budget            amounts as decimal strings, {@code {"min": "500000000", "max": "2000000000", "currency": "VND"}};
 *                          VND when no currency is named
 * @param deadline          when the need closes by itself: in the future, at most 730 days ahead, to publish
 * @param ownerNamePublic   false (the default): nobody but the operator and regulators learns who posted it
 * @param ownerKind         FIRM (the default) or STATE_AGENCY
 */
public record NeedRequest(@NotNull @Valid NeedTitle title, @NotNull @Valid NeedStatement statement, List<String> keywords,
                          List<String> ipcClasses, @NotNull @Min(1) @Max(9) Integer minReadinessLevel,
                          List<DealType> dealTypes, String territory, Budget budget, Instant deadline,
                          Boolean ownerNamePublic, NeedOwnerKind ownerKind) {

    /** A title: Vietnamese, English or both. */
    public record NeedTitle(@Size(min = 1, max = NeedContent.MAX_TITLE) String vi, @Size(min = 1, max = NeedContent.MAX_TITLE) String en) {
    }

    /** A problem statement: Vietnamese, English or both. */
    public record NeedStatement(@Size(min = 1, max = NeedContent.MAX_STATEMENT) String vi,
                            @Size(min = 1, max = NeedContent.MAX_STATEMENT) String en) {
    }

    NeedContent content() {
        return new NeedContent(new LocalizedText(strip(title.vi()), strip(title.en())),
                new LocalizedText(strip(statement.vi()), strip(statement.en())), keywords,
                ipcClasses, minReadinessLevel, dealTypes, territory,
                budget == null ? null : Budget.of(budget.min(), budget.max(), budget.currency()), deadline,
                Boolean.TRUE.equals(ownerNamePublic), ownerKind);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
