package io.techex.audit.checks;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The CloudEvent types the checks read, as the contracts folder names them. A check reads fields of version 1 of
 * each; a new version of one of these events has a new shape, so it gets its own line here and its own look at the
 * queries rather than being matched by name. The queries name them as parameters ({@code :contractActivated}), so
 * the SQL reads as the event names.
 */
final class EventTypes {

    static final String LISTING_DRAFTED = "io.techex.listing.ListingDrafted.v1";
    static final String LISTING_DRAFT_REVISED = "io.techex.listing.ListingDraftRevised.v1";
    static final String LISTING_SUBMITTED = "io.techex.listing.ListingSubmitted.v1";
    static final String OWNERSHIP_VERIFIED = "io.techex.listing.OwnershipVerified.v1";
    static final String OWNERSHIP_REJECTED = "io.techex.listing.OwnershipRejected.v1";
    static final String LISTING_PUBLISHED = "io.techex.listing.ListingPublished.v1";

    static final String CONTRACT_CREATED = "io.techex.contract.ContractCreated.v1";
    static final String CONTRACT_AMENDED = "io.techex.contract.ContractAmended.v1";
    static final String CONTRACT_SIGNED = "io.techex.contract.ContractSigned.v1";
    static final String TRANSFER_PERMIT_GRANTED = "io.techex.contract.TransferPermitGranted.v1";
    static final String TRANSFER_PERMIT_REFUSED = "io.techex.contract.TransferPermitRefused.v1";
    static final String CONTRACT_REGISTERED = "io.techex.contract.ContractRegistered.v1";
    static final String REGISTRATION_REFUSED = "io.techex.contract.RegistrationRefused.v1";
    static final String CONTRACT_ACTIVATED = "io.techex.contract.ContractActivated.v1";
    static final String OWNERSHIP_TRANSFERRED = "io.techex.contract.OwnershipTransferred.v1";
    static final String CONTRACT_TERMINATED = "io.techex.contract.ContractTerminated.v1";
    static final String ROYALTY_REPORTED = "io.techex.contract.RoyaltyReported.v1";
    static final String ROYALTY_REPORT_OVERDUE = "io.techex.contract.RoyaltyReportOverdue.v1";

    private EventTypes() {
    }

    /** Every type above as a named query parameter: its constant's name in camel case. */
    static MapSqlParameterSource parameters() {
        return new MapSqlParameterSource()
                .addValue("listingDrafted", LISTING_DRAFTED)
                .addValue("listingDraftRevised", LISTING_DRAFT_REVISED)
                .addValue("listingSubmitted", LISTING_SUBMITTED)
                .addValue("ownershipVerified", OWNERSHIP_VERIFIED)
                .addValue("ownershipRejected", OWNERSHIP_REJECTED)
                .addValue("listingPublished", LISTING_PUBLISHED)
                .addValue("contractCreated", CONTRACT_CREATED)
                .addValue("contractAmended", CONTRACT_AMENDED)
                .addValue("contractSigned", CONTRACT_SIGNED)
                .addValue("transferPermitGranted", TRANSFER_PERMIT_GRANTED)
                .addValue("transferPermitRefused", TRANSFER_PERMIT_REFUSED)
                .addValue("contractRegistered", CONTRACT_REGISTERED)
                .addValue("registrationRefused", REGISTRATION_REFUSED)
                .addValue("contractActivated", CONTRACT_ACTIVATED)
                .addValue("ownershipTransferred", OWNERSHIP_TRANSFERRED)
                .addValue("contractTerminated", CONTRACT_TERMINATED)
                .addValue("royaltyReported", ROYALTY_REPORTED)
                .addValue("royaltyReportOverdue", ROYALTY_REPORT_OVERDUE);
    }
}
