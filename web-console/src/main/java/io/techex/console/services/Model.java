package io.techex.console.services;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * listing-service's answers as the console reads them: its own records, not the service's classes, so that the
 * console depends on the API only. Amounts are BigDecimal whether the service sends a decimal string or a number.
 */
public final class Model {

    private Model() {
    }

    /** Vietnamese, and English when the seller wrote it. */
    public record Text(String vi, String en) {

        /** The reader's language where there is text in it, Vietnamese otherwise. */
        public String in(Locale locale) {
            return "en".equals(locale.getLanguage()) && en != null && !en.isBlank() ? en : vi;
        }

        /** Whether {@link #in} falls back to Vietnamese for this reader: the page then marks the text {@code lang="vi"}. */
        public String languageFor(Locale locale) {
            return "en".equals(locale.getLanguage()) && en != null && !en.isBlank() ? "en" : "vi";
        }
    }

    public record Owner(String organisationId, String name, BigDecimal sharePercent) {
    }

    public record IpTitle(String office, String number, String kind, LocalDate filingDate, LocalDate grantDate,
                          LocalDate expiryDate, List<Owner> owners) {

        public IpTitle {
            owners = owners == null ? List.of() : owners;
        }
    }

    public record Deal(String dealType, String fieldOfUse, String territory) {
    }

    public record Price(BigDecimal amount, String currency, boolean onRequest) {
    }

    /** A listing: all of it from {@code GET /listings/{id}}, its summary part from the lists. */
    public record Listing(String listingId, String sellerOrganisationId, String status, int revision, Text title,
                          Text summary, String assetType, int readinessLevel, Instant draftedAt, Instant updatedAt,
                          String ownerOrganisationId, Instant publishedAt, List<IpTitle> ipTitles,
                          List<String> ipcClasses, List<String> keywords, List<Deal> dealTypes, Price askingPrice,
                          String regulatoryCategory, boolean stateFunded, String saleMode, String ownershipRejection,
                          Set<String> coOwnerConsents) {

        public Listing {
            ipTitles = ipTitles == null ? List.of() : ipTitles;
            ipcClasses = ipcClasses == null ? List.of() : ipcClasses;
            keywords = keywords == null ? List.of() : keywords;
            dealTypes = dealTypes == null ? List.of() : dealTypes;
            coOwnerConsents = coOwnerConsents == null ? Set.of() : coOwnerConsents;
        }

        public boolean isEditable() {
            return "DRAFT".equals(status) || "OWNERSHIP_REJECTED".equals(status);
        }

        public boolean isOnTheMarket() {
            return Set.of("PUBLISHED", "UNDER_NEGOTIATION", "UNDER_AUCTION", "LICENSED").contains(status);
        }

        /** Organisations other than the seller named as owners of a listed IP title. */
        public Set<String> coOwners() {
            Set<String> coOwners = new java.util.LinkedHashSet<>();
            ipTitles.forEach(title -> title.owners().stream().map(Owner::organisationId)
                    .filter(owner -> !owner.equals(sellerOrganisationId)).forEach(coOwners::add));
            return coOwners;
        }
    }

    public record SearchHit(String listingId, String sellerOrganisationId, String status, Text title, Text summary,
                            String assetType, int readinessLevel, List<String> ipcClasses, List<String> keywords,
                            List<String> dealTypes, Price askingPrice, Instant publishedAt) {

        public SearchHit {
            ipcClasses = ipcClasses == null ? List.of() : ipcClasses;
            keywords = keywords == null ? List.of() : keywords;
            dealTypes = dealTypes == null ? List.of() : dealTypes;
        }
    }

    public record SearchPage(List<SearchHit> hits, String nextCursor) {

        public SearchPage {
            hits = hits == null ? List.of() : hits;
        }
    }

    public record Document(String documentId, String listingId, String name, String mediaType, String sha256,
                           long sizeBytes, String visibility, Instant attachedAt) {

        public boolean isConfidential() {
            return "CONFIDENTIAL".equals(visibility);
        }
    }

    public record Nda(String ndaId, String listingId, String sellerOrganisationId, String firmOrganisationId,
                      String status, String message, String declineReason, String requestedBy, Instant requestedAt,
                      String decidedBy, Instant decidedAt) {
    }

    public record Enquiry(String enquiryId, String listingId, String sellerOrganisationId, String firmOrganisationId,
                          String kind, String message, String askedBy, Instant askedAt, String answer,
                          String answeredBy, Instant answeredAt) {

        public boolean isOpenQuestion() {
            return "QUESTION".equals(kind) && answer == null;
        }
    }

    /** A document's bytes as the service sent them. */
    public record Download(byte[] content, String contentType, String contentDisposition) {
    }

    /** Where a write led: the id it created, if any. */
    public record Created(String listingId, String ndaId, String enquiryId, String documentId) {
    }
}
