package io.techex.listing.api;

import jakarta.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * A registered IP right the listing is about (patent, utility solution, design, plant variety certificate...), as
 * the granting office records it. Dates are the office's calendar dates, hence {@link LocalDate}.
 *
 * @param office     granting or receiving office: a country code such as {@code VN} or {@code US}, or {@code WIPO},
 *                   {@code EPO}
 * @param number     the office's application or grant number
 * @param kind       the office's kind code (e.g. {@code B1}), when it has one
 * @param grantDate  null while the application is pending
 * @param expiryDate end of protection (for a pending application: when it would end if granted)
 * @param owners     registered owners; their shares sum to 100
 */
public record IpTitle(String office, String number, @Nullable String kind, LocalDate filingDate, @Nullable LocalDate grantDate,
                      LocalDate expiryDate, List<IpTitleOwner> owners) {

    public IpTitle {
        owners = owners == null ? List.of() : List.copyOf(owners);
    }

    public IpTitleRef ref() {
        return new IpTitleRef(office, number);
    }
}
