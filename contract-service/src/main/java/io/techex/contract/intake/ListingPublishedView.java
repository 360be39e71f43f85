package io.techex.contract.intake;

import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.RegulatoryCategory;

import java.time.Instant;
import java.util.List;

/** What contract-service reads of listing-service's {@code ListingPublished} v1 (unknown fields ignored). */
record ListingPublishedView(String listingId, String sellerOrganisationId, Title title,
                            RegulatoryCategory regulatoryCategory, Boolean stateFunded, List<IpTitleRef> ipTitles,
                            Instant publishedAt) {

    record Title(String vi, String en) {
    }
}
