package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.RegulatoryCategory;

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
    public String technologyTitle;
    public List<IpTitleRef> ipTitles = new ArrayList<>();
    public RegulatoryCategory regulatoryCategory;
    public boolean stateFunded;
    public ContractStatus status;
    public int version;
    public String documentSha256;
    public ContractTerms terms;
    public Amendment pendingAmendment;
    public List<Signature> signatures = new ArrayList<>();
    public LegalPathDetermined legalPath;
    /** The regulator's decision awaited is past its deadline; null when none is. */
    public OverdueDecision decisionOverdue;
    public List<Decision> decisions = new ArrayList<>();
    public LocalDate rightsFrom;
    public LocalDate rightsUntil;
    public String refusal;
    public TerminationProposed terminationProposal;
    public Termination termination;
    public Instant createdAt;
    public Instant updatedAt;

    public record Amendment(int number, String proposedBy, ContractTerms terms) {
    }

    public record Signature(String organisationId, int version, String documentSha256, String keyId, String country,
                            Instant signedAt) {
    }

    /** A regulator's decision: kind PERMIT or REGISTRATION, outcome GRANTED or REFUSED. */
    public record Decision(String kind, String outcome, String regulatorOrganisationId, String officerPersonId,
                           String officerName, String number, String reason, Instant decidedAt) {
    }

    /** @param decision PERMIT or REGISTRATION */
    public record OverdueDecision(String decision, Instant dueBy) {
    }

    public record Termination(String reason, String note, LocalDate effectiveOn, Instant terminatedAt) {
    }
}
