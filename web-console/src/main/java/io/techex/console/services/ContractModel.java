package io.techex.console.services;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** contract-service's answers as the console reads them: its own records, not the service's classes. */
public final class ContractModel {

    private ContractModel() {
    }

    public record Money(BigDecimal amount, String currency) {
    }

    /** @param period MONTH, QUARTER or YEAR */
    public record Royalty(BigDecimal ratePercent, String period, Money minimumPerYear) {
    }

    public record Milestone(String milestoneId, String description, LocalDate dueDate, Money payment) {
    }

    /**
     * The licence an option's holder takes by exercising it.
     *
     * @param termMonths null: no end
     */
    public record LicenceTerms(String dealType, Integer termMonths, Money price, Royalty royalty,
                               List<Milestone> milestones) {

        public LicenceTerms {
            milestones = milestones == null ? List.of() : milestones;
        }
    }

    /** @param licenceOnExercise for an OPTION, the licence it fixes; null for every other deal */
    public record Terms(String dealType, String fieldOfUse, String territory, LocalDate termStart, LocalDate termEnd,
                        Integer termMonths, Money price, Royalty royalty, List<Milestone> milestones,
                        String governingTerms, LicenceTerms licenceOnExercise) {

        public Terms {
            milestones = milestones == null ? List.of() : milestones;
        }
    }

    public record IpTitle(String office, String number) {
    }

    public record Amendment(int number, String proposedBy, Terms terms) {
    }

    public record Signature(String organisationId, int version, String documentSha256, String keyId, String country,
                            Instant signedAt) {
    }

    /** @param decisionDueBy when the regulator's decision is due; null when no regulator is involved */
    public record LegalPath(String sellerCountry, String buyerCountry, boolean permitRequired,
                            boolean registrationRequired, List<String> reasons, Instant decisionDueBy) {

        public LegalPath {
            reasons = reasons == null ? List.of() : reasons;
        }
    }

    public record OverdueDecision(String decision, Instant dueBy) {
    }

    /** @param kind PERMIT or REGISTRATION; @param outcome GRANTED or REFUSED */
    public record Decision(String kind, String outcome, String regulatorOrganisationId, String officerName,
                           String number, String reason, Instant decidedAt) {
    }

    public record TerminationProposal(String organisationId, String note, LocalDate effectiveOn) {
    }

    public record Termination(String reason, String note, LocalDate effectiveOn, Instant terminatedAt) {
    }

    /**
     * A contract as a party reads it.
     *
     * @param status DRAFTING, AWAITING_PERMIT, AWAITING_REGISTRATION, READY, ACTIVE, REFUSED or TERMINATED
     */
    public record Contract(String contractId, String listingId, String dealId, String sellerOrganisationId,
                           String buyerOrganisationId, String technologyTitle, List<IpTitle> ipTitles,
                           String regulatoryCategory, boolean stateFunded, String status, int version,
                           String documentSha256, Terms terms, Amendment pendingAmendment, List<Signature> signatures,
                           LegalPath legalPath, OverdueDecision decisionOverdue, List<Decision> decisions,
                           LocalDate rightsFrom, LocalDate rightsUntil, String refusal,
                           TerminationProposal terminationProposal, Termination termination, String exercisedOption,
                           String licenceContractId, Instant createdAt, Instant updatedAt) {

        public Contract {
            ipTitles = ipTitles == null ? List.of() : ipTitles;
            signatures = signatures == null ? List.of() : signatures;
            decisions = decisions == null ? List.of() : decisions;
        }

        public boolean isOption() {
            return terms != null && "OPTION".equals(terms.dealType());
        }

        /** An option its holder may exercise now: in force (ACTIVE) and held by {@code organisationId}. */
        public boolean exercisableBy(String organisationId) {
            return isOption() && "ACTIVE".equals(status) && buyerOrganisationId.equals(organisationId);
        }

        public boolean isDrafting() {
            return "DRAFTING".equals(status);
        }

        /** Whether {@code organisationId} signed the current version. */
        public boolean signedBy(String organisationId) {
            return signatures.stream().anyMatch(s -> s.organisationId().equals(organisationId) && s.version() == version);
        }

        public Signature signatureOf(String organisationId) {
            return signatures.stream().filter(s -> s.organisationId().equals(organisationId)).findFirst().orElse(null);
        }

        public boolean isSeller(String organisationId) {
            return sellerOrganisationId.equals(organisationId);
        }

        public String counterparty(String organisationId) {
            return isSeller(organisationId) ? buyerOrganisationId : sellerOrganisationId;
        }
    }

    /** What exercising an option made: the option EXERCISED, the licence contract DRAFTING. */
    public record OptionExercise(String optionContractId, String optionStatus, String licenceContractId,
                                 String licenceStatus) {
    }

    /** A version's document: the Markdown bytes a party signs the SHA-256 of. */
    public record Document(byte[] markdown, String sha256, int version) {
    }

    public record SigningKey(String keyId, String organisationId, String publicKey, String registeredBy,
                             Instant registeredAt) {
    }

    /** @param status IN_PROGRESS, AWAITING_REPORT, OVERDUE or REPORTED */
    public record Period(int number, LocalDate from, LocalDate until, LocalDate reportDueBy, String status,
                         Money netSales, Money royalty, Money minimumTopUp, Money due, Money paid, Money outstanding,
                         boolean late) {
    }

    public record MilestoneLine(String milestoneId, String description, LocalDate dueDate, Money payment, boolean met,
                                LocalDate metOn, Money due, Money paid, Money outstanding) {
    }

    public record Payment(int paymentNumber, Integer periodNumber, String milestoneId, Money amount, LocalDate paidOn,
                          String reference, Instant recordedAt) {
    }

    public record Totals(Money reportedNetSales, Money due, Money paid, Money outstanding) {
    }

    /** A contract's royalty account on a day: periods, milestones, payments and the balance. */
    public record Statement(String contractId, String licensorOrganisationId, String licenseeOrganisationId,
                            String currency, Royalty royalty, LocalDate firstDay, LocalDate lastDay, LocalDate on,
                            List<Period> periods, List<MilestoneLine> milestones, List<Payment> payments,
                            Totals totals, int overdueReports) {

        public Statement {
            periods = periods == null ? List.of() : periods;
            milestones = milestones == null ? List.of() : milestones;
            payments = payments == null ? List.of() : payments;
        }

        /** The periods the licensee may report now: ended and not reported (contract-service refuses the others). */
        public List<Period> reportable() {
            return periods.stream().filter(p -> "AWAITING_REPORT".equals(p.status()) || "OVERDUE".equals(p.status())).toList();
        }
    }

    public record Grant(String contractId, String grantorOrganisationId, String holderOrganisationId, String dealType,
                        String fieldOfUse, String territory, LocalDate from, LocalDate until) {
    }

    /** Who holds which rights in an asset on a day. */
    public record AssetRights(String listingId, LocalDate on, String owner, List<Grant> grants) {

        public AssetRights {
            grants = grants == null ? List.of() : grants;
        }
    }
}
