package io.techex.console.regulator;


import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What contract-service and audit-service answer a regulator, as the console reads it: its own records, not the
 * services' classes. Amounts are BigDecimal whether sent as decimal strings or numbers.
 */
public final class Regulation {

    private Regulation() {
    }

    // ---- contract-service

    public record Money(BigDecimal amount, String currency) {
    }

    public record Royalty(BigDecimal ratePercent, String period, Money minimumPerYear) {
    }

    public record Milestone(String milestoneId, String description, Money payment) {
    }

    public record Terms(String dealType, String fieldOfUse, String territory, LocalDate termStart, Integer termMonths,
                 Money price, Royalty royalty, List<Milestone> milestones) {

        public Terms {
            milestones = milestones == null ? List.of() : milestones;
        }
    }

    public record IpTitleRef(String office, String number) {
    }

    public record Signature(String organisationId, int version, String documentSha256, String keyId, String country,
                     Instant signedAt) {
    }

    /** @param reasons the rules of the Law on Technology Transfer that applied, in words (contract-service's) */
    public record LegalPath(String contractId, String sellerCountry, String buyerCountry, boolean permitRequired,
                     boolean registrationRequired, List<String> reasons, Instant decisionDueBy) {

        public LegalPath {
            reasons = reasons == null ? List.of() : reasons;
        }
    }

    public record OverdueDecision(String decision, Instant dueBy) {
    }

    /** @param kind PERMIT or REGISTRATION; @param outcome GRANTED or REFUSED */
    public record Decision(String kind, String outcome, String regulatorOrganisationId, String officerPersonId,
                    String officerName, String number, String reason, Instant decidedAt) {

        /** The event the decision is, as the trail names it. */
        public String eventName() {
            boolean granted = "GRANTED".equals(outcome);
            return "PERMIT".equals(kind) ? (granted ? "TransferPermitGranted" : "TransferPermitRefused")
                    : (granted ? "ContractRegistered" : "RegistrationRefused");
        }
    }

    public record Contract(String contractId, String listingId, String dealId, String sellerOrganisationId,
                    String buyerOrganisationId, String technologyTitle, List<IpTitleRef> ipTitles,
                    String regulatoryCategory, boolean stateFunded, String status, int version, String documentSha256,
                    Terms terms, List<Signature> signatures, LegalPath legalPath, OverdueDecision decisionOverdue,
                    List<Decision> decisions, LocalDate rightsFrom, LocalDate rightsUntil, String refusal,
                    Instant createdAt, Instant updatedAt) {

        public Contract {
            ipTitles = ipTitles == null ? List.of() : ipTitles;
            signatures = signatures == null ? List.of() : signatures;
            decisions = decisions == null ? List.of() : decisions;
        }

        /** PERMIT or REGISTRATION while one is awaited; null otherwise. */
        public String awaitedDecision() {
            return switch (status) {
                case "AWAITING_PERMIT" -> "PERMIT";
                case "AWAITING_REGISTRATION" -> "REGISTRATION";
                default -> null;
            };
        }

        public boolean isOverdue() {
            return decisionOverdue != null && awaitedDecision() != null;
        }

        /** When the awaited decision is due: the legal path's deadline. */
        public Instant dueBy() {
            return decisionOverdue != null ? decisionOverdue.dueBy() : legalPath == null ? null : legalPath.decisionDueBy();
        }

        /** When the decision was asked for: the last signature. */
        public Instant waitingSince() {
            return signatures.stream().map(Signature::signedAt).max(Instant::compareTo).orElse(updatedAt);
        }

        public String countryOf(String organisation) {
            if (legalPath != null) {
                if (organisation.equals(sellerOrganisationId)) {
                    return legalPath.sellerCountry();
                }
                if (organisation.equals(buyerOrganisationId)) {
                    return legalPath.buyerCountry();
                }
            }
            return signatures.stream().filter(s -> s.organisationId().equals(organisation)).map(Signature::country)
                    .reduce((first, last) -> last).orElse(null);
        }
    }

    // ---- audit-service

    public record Actor(String person, String organisation, String role) {
    }

    public record TrailAsset(String sellerOrganisationId, String titleVi, String titleEn) {
    }

    public record TrailEntry(long position, String eventId, String type, String source, Instant occurredAt, Actor actor,
                      Map<String, Object> data, Long leafIndex, String leafHash) {

        /** {@code ContractRegistered} of {@code io.techex.contract.ContractRegistered.v1}. */
        public String name() {
            String[] parts = type.split("\\.");
            return parts.length >= 5 ? parts[3] : type;
        }

        /** {@code contract} of {@code io.techex.contract.ContractRegistered.v1}. */
        public String service() {
            String[] parts = type.split("\\.");
            return parts.length >= 5 ? parts[2] : "";
        }

        public String text(String field) {
            Object value = data == null ? null : data.get(field);
            return value == null ? null : value.toString();
        }
    }

    public record Trail(String assetId, TrailAsset asset, Instant asOf, Long latestTreeHeadSize, List<TrailEntry> entries) {

        public Trail {
            entries = entries == null ? List.of() : entries;
        }
    }

    public record FindingEvent(String eventId, String type, Instant occurredAt, Actor actor) {

        public String name() {
            String[] parts = type.split("\\.");
            return parts.length >= 5 ? parts[3] : type;
        }
    }

    public record Party(String organisationId, String role, String country) {
    }

    public record Subject(String kind, String id) {
    }

    public record Finding(String assetId, Subject subject, String summary, List<Party> parties, List<FindingEvent> events) {

        public Finding {
            parties = parties == null ? List.of() : parties;
            events = events == null ? List.of() : events;
        }
    }

    public record Check(String name, String title, String basis, Instant ranAt, List<Finding> findings) {

        public Check {
            findings = findings == null ? List.of() : findings;
        }
    }

    public record StatisticsRow(Map<String, String> group, String currency, long deals, BigDecimal value) {
    }

    public record StatisticsTotal(String currency, long deals, BigDecimal value) {
    }

    public record Statistics(LocalDate from, LocalDate to, String timeZone, String period, List<String> groupBy,
                      String counted, List<StatisticsRow> rows, List<StatisticsTotal> totals) {

        public Statistics {
            rows = rows == null ? List.of() : rows;
            totals = totals == null ? List.of() : totals;
        }
    }

    public record SigningKey(String keyId, String algorithm, String publicKey, Instant firstUsedAt) {
    }

    /** A file as a service sent it, passed on to the browser. */
    public record Download(byte[] content, String contentType, String contentDisposition) {
    }

}
