package io.techex.contract.agreement;

import io.swagger.v3.oas.annotations.media.Schema;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.RegulatoryCategory;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A contract as its parties and regulators read it. A plain document (kept as JSON in {@code contract_view.view})
 * that the projection edits event by event, hence mutable fields rather than a record.
 */
public class ContractView {

    public String contractId;
    public String listingId;
    public String dealId;
    public String sellerOrganisationId;
    public String buyerOrganisationId;
    @Nullable
    public String technologyTitle;
    public List<IpTitleRef> ipTitles = new ArrayList<>();
    @Nullable
    public RegulatoryCategory regulatoryCategory;
    public boolean stateFunded;
    public ContractStatus status;
    public int version;
    @Nullable
    public String documentSha256;
    @Nullable
    public ContractTerms terms;
    @Nullable
    public Amendment pendingAmendment;
    public List<Signature> signatures = new ArrayList<>();
    @Nullable
    public LegalPathDetermined legalPath;
    /** The regulator's decision awaited is past its deadline; null when none is. */
    @Nullable
    public OverdueDecision decisionOverdue;
    public List<Decision> decisions = new ArrayList<>();
    @Nullable
    public LocalDate rightsFrom;
    @Nullable
    public LocalDate rightsUntil;
    @Nullable
    public String refusal;
    @Nullable
    public TerminationProposed terminationProposal;
    @Nullable
    public Termination termination;
    /** For a licence drawn up by exercising an option: that option. */
    @Nullable
    public String exercisedOption;
    /** For an option its holder exercised: the licence contract drawn up. */
    @Nullable
    public String licenceContractId;
    public Instant createdAt;
    public Instant updatedAt;

    public record Amendment(int number, String proposedBy, ContractTerms terms) {
    }

    public record Signature(String organisationId, int version, String documentSha256, String keyId, @Nullable String country,
                            Instant signedAt) {
    }

    /** A regulator's decision: kind PERMIT or REGISTRATION, outcome GRANTED or REFUSED. */
    @Schema(name = "RegulatorsDecision")
    public record Decision(String kind, String outcome, String regulatorOrganisationId, String officerPersonId,
                           String officerName, @Nullable String number, @Nullable String reason, Instant decidedAt) {
    }

    /** @param decision PERMIT or REGISTRATION */
    public record OverdueDecision(String decision, Instant dueBy) {
    }

    public record Termination(String reason, @Nullable String note, LocalDate effectiveOn, Instant terminatedAt) {
    }
}
