package io.techex.contract.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.contract.api.ContractActivated;
import io.techex.contract.api.ContractAmended;
import io.techex.contract.api.ContractCreated;
import io.techex.contract.api.ContractRegistered;
import io.techex.contract.api.ContractSigned;
import io.techex.contract.api.ContractTerminated;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.OptionExercised;
import io.techex.contract.api.OptionLapsed;
import io.techex.contract.api.RegistrationRefused;
import io.techex.contract.api.RegulatoryDecisionOverdue;
import io.techex.contract.api.TransferPermitGranted;
import io.techex.contract.api.TransferPermitRefused;
import io.techex.contracts.EventJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps {@code contract_view}. Its processor is subscribing (see {@code contract-service.yml}): it runs in the
 * command's transaction, so a party that just signed reads its signature back at once, and a failure here rolls the
 * command back rather than leaving the view behind for good.
 */
@Component
@ProcessingGroup(ContractViewProjection.PROCESSING_GROUP)
public class ContractViewProjection {

    public static final String PROCESSING_GROUP = "contract-view";

    private final JdbcTemplate jdbc;

    ContractViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ContractCreated event) {
        var view = new ContractView();
        view.contractId = event.contractId();
        view.listingId = event.listingId();
        view.dealId = event.dealId();
        view.sellerOrganisationId = event.sellerOrganisationId();
        view.buyerOrganisationId = event.buyerOrganisationId();
        view.technologyTitle = event.technologyTitle();
        view.ipTitles = event.ipTitles();
        view.regulatoryCategory = event.regulatoryCategory();
        view.stateFunded = event.stateFunded();
        view.status = ContractStatus.DRAFTING;
        view.version = event.version();
        view.documentSha256 = event.documentSha256();
        view.terms = event.terms();
        view.exercisedOption = event.exercisedOption();
        view.createdAt = event.createdAt();
        view.updatedAt = event.createdAt();
        jdbc.update("""
                INSERT INTO contract_view (contract_id, listing_id, seller_organisation_id, buyer_organisation_id, status,
                    view, updated_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (contract_id) DO NOTHING""",
                view.contractId, view.listingId, view.sellerOrganisationId, view.buyerOrganisationId, view.status.name(),
                json(view), java.sql.Timestamp.from(view.updatedAt));
    }

    @EventHandler
    void on(AmendmentProposed event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> view.pendingAmendment = new ContractView.Amendment(event.number(), event.proposedBy(), event.terms()));
    }

    @EventHandler
    void on(ContractAmended event, @Timestamp Instant at) {
        newVersion(event.contractId(), at, event.version(), event.documentSha256(), event.terms());
    }

    /** Amendments accepted before {@link ContractAmended} was published, as older contracts' histories hold them. */
    @EventHandler
    void on(AmendmentAccepted event, @Timestamp Instant at) {
        newVersion(event.contractId(), at, event.version(), event.documentSha256(), event.terms());
    }

    private void newVersion(String contractId, Instant at, int version, String documentSha256, ContractTerms terms) {
        update(contractId, at, view -> {
            view.pendingAmendment = null;
            view.terms = terms;
            view.version = version;
            view.documentSha256 = documentSha256;
            view.signatures.clear();
        });
    }

    @EventHandler
    void on(ContractSigned event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> view.signatures.add(new ContractView.Signature(event.organisationId(),
                event.version(), event.documentSha256(), event.keyId(), event.country(), event.signedAt())));
    }

    @EventHandler
    void on(LegalPathDetermined event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> {
            // both signed: the signed version is in force, and an amendment not accepted by then lapses
            view.pendingAmendment = null;
            view.legalPath = event;
            view.decisionOverdue = null;
            view.status = event.permitRequired() ? ContractStatus.AWAITING_PERMIT
                    : event.registrationRequired() ? ContractStatus.AWAITING_REGISTRATION : ContractStatus.READY;
        });
    }

    @EventHandler
    void on(RegulatoryDecisionOverdue event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> view.decisionOverdue = new ContractView.OverdueDecision(event.decision().name(), event.dueBy()));
    }

    @EventHandler
    void on(TransferPermitGranted event, @Timestamp Instant at) {
        decided(event.contractId(), at, new ContractView.Decision("PERMIT", "GRANTED", event.regulatorOrganisationId(),
                event.officerPersonId(), event.officerName(), event.permitNumber(), null, event.decidedAt()), ContractStatus.READY);
    }

    @EventHandler
    void on(TransferPermitRefused event, @Timestamp Instant at) {
        decided(event.contractId(), at, new ContractView.Decision("PERMIT", "REFUSED", event.regulatorOrganisationId(),
                event.officerPersonId(), event.officerName(), null, event.reason(), event.decidedAt()), ContractStatus.REFUSED);
    }

    @EventHandler
    void on(ContractRegistered event, @Timestamp Instant at) {
        decided(event.contractId(), at, new ContractView.Decision("REGISTRATION", "GRANTED", event.regulatorOrganisationId(),
                event.officerPersonId(), event.officerName(), event.registrationNumber(), null, event.decidedAt()), ContractStatus.READY);
    }

    @EventHandler
    void on(RegistrationRefused event, @Timestamp Instant at) {
        decided(event.contractId(), at, new ContractView.Decision("REGISTRATION", "REFUSED", event.regulatorOrganisationId(),
                event.officerPersonId(), event.officerName(), null, event.reason(), event.decidedAt()), ContractStatus.REFUSED);
    }

    @EventHandler
    void on(ContractActivated event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> {
            view.status = ContractStatus.ACTIVE;
            view.rightsFrom = event.rightsFrom();
            view.rightsUntil = event.rightsUntil();
        });
    }

    @EventHandler
    void on(ContractActivationRefused event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> {
            view.status = ContractStatus.REFUSED;
            view.refusal = event.reason();
        });
    }

    @EventHandler
    void on(TerminationProposed event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> view.terminationProposal = event);
    }

    @EventHandler
    void on(ContractTerminated event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> {
            view.status = ContractStatus.TERMINATED;
            view.terminationProposal = null;
            view.rightsUntil = event.effectiveOn();
            view.termination = new ContractView.Termination(event.reason().name(), event.note(), event.effectiveOn(), event.terminatedAt());
        });
    }

    @EventHandler
    void on(OptionExercised event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> {
            view.status = ContractStatus.EXERCISED;
            view.licenceContractId = event.licenceContractId();
        });
    }

    @EventHandler
    void on(OptionLapsed event, @Timestamp Instant at) {
        update(event.contractId(), at, view -> view.status = ContractStatus.LAPSED);
    }

    /** The contract as stored, whoever asks; who may see it is the caller's business. */
    public Optional<ContractView> find(String contractId) {
        return jdbc.query("SELECT view FROM contract_view WHERE contract_id = ?", (rs, row) -> read(rs.getString(1)), contractId)
                .stream().findFirst();
    }

    /** Contracts where the organisation is a party, newest first. */
    public List<ContractView> ofParty(String organisationId) {
        return jdbc.query("""
                SELECT view FROM contract_view WHERE seller_organisation_id = ? OR buyer_organisation_id = ?
                ORDER BY updated_at DESC""", (rs, row) -> read(rs.getString(1)), organisationId, organisationId);
    }

    /**
     * Contracts awaiting a regulator's permit or registration: those past their deadline first, then the most urgent.
     * Overdue is the deadline's recorded verdict, not a comparison with the clock here, so the queue says what the
     * audit trail says.
     */
    public List<ContractView> awaitingRegulator() {
        return jdbc.query("""
                SELECT view FROM contract_view WHERE status IN ('AWAITING_PERMIT', 'AWAITING_REGISTRATION')
                ORDER BY decision_overdue DESC, decision_due_by, contract_id""", (rs, row) -> read(rs.getString(1)));
    }

    private void decided(String contractId, Instant at, ContractView.Decision decision, ContractStatus status) {
        update(contractId, at, view -> {
            view.decisions.add(decision);
            view.status = status;
        });
    }

    private void update(String contractId, Instant at, Consumer<ContractView> change) {
        ContractView view = find(contractId).orElseThrow(() -> new IllegalStateException("No view of contract " + contractId));
        change.accept(view);
        view.updatedAt = at;
        jdbc.update("""
                UPDATE contract_view SET status = ?, decision_due_by = ?, decision_overdue = ?, view = ?::jsonb, updated_at = ?
                WHERE contract_id = ?""",
                view.status.name(), view.status.awaitsRegulator() && view.legalPath != null && view.legalPath.decisionDueBy() != null
                        ? java.sql.Timestamp.from(view.legalPath.decisionDueBy()) : null,
                view.status.awaitsRegulator() && view.decisionOverdue != null,
                json(view), java.sql.Timestamp.from(at), contractId);
    }

    private static String json(ContractView view) {
        try {
            return EventJson.mapper().writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the view of contract " + view.contractId, e);
        }
    }

    private static ContractView read(String json) {
        try {
            return EventJson.mapper().readValue(json, ContractView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable contract view", e);
        }
    }
}
