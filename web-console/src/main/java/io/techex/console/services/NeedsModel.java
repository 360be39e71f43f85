package io.techex.console.services;

import io.techex.console.services.Model.Price;
import io.techex.console.services.Model.Text;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * listing-service's demand side as the console reads it: needs, the proposals answering them and the matches the
 * exchange found. Amounts are BigDecimal whether sent as decimal strings or numbers.
 */
public final class NeedsModel {

    private NeedsModel() {
    }

    /** {@code {"min": "500000000", "max": "2000000000", "currency": "VND"}}; min may be absent. */
    public record Budget(BigDecimal min, BigDecimal max, String currency) {

        /** The most the firm would pay, as a price the page formats like any other. */
        public Price maxPrice() {
            return max == null ? null : new Price(max, currency == null ? "VND" : currency, false);
        }
    }

    /**
     * A need as its reader may see it.
     *
     * @param ownerOrganisationId null unless the firm made its name public, or the reader is the firm (or an insider)
     */
    public record Need(String needId, String status, String ownerOrganisationId, boolean ownerNamePublic, int revision,
                       Text title, Text statement, List<String> ipcClasses, int minReadinessLevel,
                       List<String> dealTypes, String territory, Budget budget, Instant deadline, Instant publishedAt,
                       Instant updatedAt) {

        public Need {
            ipcClasses = ipcClasses == null ? List.of() : ipcClasses;
            dealTypes = dealTypes == null ? List.of() : dealTypes;
        }

        /** Whom the page may name as the need's firm: only when the firm chose to be named. */
        public String publicOwner() {
            return ownerNamePublic ? ownerOrganisationId : null;
        }

        public boolean isDraft() {
            return "DRAFT".equals(status);
        }

        public boolean isPublished() {
            return "PUBLISHED".equals(status);
        }
    }

    public record NeedPage(List<Need> needs, String nextCursor) {

        public NeedPage {
            needs = needs == null ? List.of() : needs;
        }
    }

    /** An answer to a need: one of a university's listings (kind LISTING) or an R&D offer. */
    public record Proposal(String proposalId, String needId, String needOwnerOrganisationId,
                           String proposerOrganisationId, String kind, String listingId, Text message, String status,
                           String declineReason, Instant draftedAt, Instant submittedAt, Instant decidedAt) {

        public boolean isDraft() {
            return "DRAFT".equals(status);
        }

        /** The firm may still shortlist, decline or ask to negotiate. */
        public boolean isOpen() {
            return "SUBMITTED".equals(status) || "SHORTLISTED".equals(status);
        }

        public boolean isShortlisted() {
            return "SHORTLISTED".equals(status);
        }

        public boolean isNegotiationRequested() {
            return "NEGOTIATION_REQUESTED".equals(status);
        }
    }

    /** One component of a match's score: {@code {"kind": "IPC", "score": 1.0, "weight": 0.25, "detail": "..."}}. */
    public record MatchReason(String kind, double score, double weight, String detail) {
    }

    /** A listing on the market that matches a need, best first. */
    public record ListingMatch(String listingId, String sellerOrganisationId, Text title, int readinessLevel,
                               double score, List<MatchReason> reasons, Instant scoredAt) {

        public ListingMatch {
            reasons = reasons == null ? List.of() : reasons;
        }
    }

    public record NeedMatches(String needId, List<ListingMatch> matches) {

        public NeedMatches {
            matches = matches == null ? List.of() : matches;
        }
    }

    /** Where a write led: the id it created. */
    public record Created(String needId, String proposalId, String status) {
    }
}
