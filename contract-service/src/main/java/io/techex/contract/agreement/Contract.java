package io.techex.contract.agreement;

import io.techex.contract.api.ContractActivated;
import io.techex.contract.api.ContractAmended;
import io.techex.contract.api.ContractCreated;
import io.techex.contract.api.ContractRegistered;
import io.techex.contract.api.ContractSigned;
import io.techex.contract.api.ContractTerminated;
import io.techex.contract.api.ContractTerminated.TerminationReason;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.DealType;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.LicenceTerms;
import io.techex.contract.api.OptionExercised;
import io.techex.contract.api.OptionLapsed;
import io.techex.contract.api.OwnershipTransferred;
import io.techex.contract.api.RegistrationRefused;
import io.techex.contract.api.RegulatoryCategory;
import io.techex.contract.api.RegulatoryDecisionOverdue;
import io.techex.contract.api.RegulatoryDecisionOverdue.Decision;
import io.techex.contract.api.RegulatoryDecisionRequested;
import io.techex.contract.api.TransferPermitGranted;
import io.techex.contract.api.TransferPermitRefused;
import io.techex.contract.legal.LegalPath;
import io.techex.contract.legal.Transfer;
import io.techex.contract.legal.TransferLaw;
import io.techex.contract.rights.RightsClaim;
import io.techex.contract.signing.Ed25519;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.techex.contract.agreement.ContractStatus.ACTIVE;
import static io.techex.contract.agreement.ContractStatus.AWAITING_PERMIT;
import static io.techex.contract.agreement.ContractStatus.AWAITING_REGISTRATION;
import static io.techex.contract.agreement.ContractStatus.DRAFTING;
import static io.techex.contract.agreement.ContractStatus.EXERCISED;
import static io.techex.contract.agreement.ContractStatus.LAPSED;
import static io.techex.contract.agreement.ContractStatus.READY;
import static io.techex.contract.agreement.ContractStatus.REFUSED;
import static io.techex.contract.agreement.ContractStatus.TERMINATED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A technology transfer contract from an agreed deal to rights held and released (see {@link ContractStatus}).
 * <ul>
 *   <li>Drafting: either party proposes new terms, the other accepts; each accepted amendment is a new version whose
 *       Markdown document ({@link ContractDocument}) has its SHA-256 recorded, and voids signatures on older ones
 *       ({@link ContractAmended}, with every term it changed).</li>
 *   <li>The version in force is the one both parties signed: the last signature completes it, and it is the version
 *       {@link ContractActivated} names. Its terms alone say which rights are granted, from and until when, and what
 *       royalty is owed. A version amended after one party signed it is never in force: the amendment is a new
 *       version, which both sign anew. Once both signed, the contract is no longer amended (its regulators decided,
 *       or will decide, on that version; to change it, the parties end it by agreement and contract anew), and an
 *       amendment still pending then lapses.</li>
 *   <li>Signing: each party signs the current version's SHA-256 with its organisation's registered Ed25519 key; the
 *       signature is verified here, and one over an older version is refused as such.</li>
 *   <li>On the last signature {@link TransferLaw} decides the path (permit, registration, or neither) with both
 *       parties' countries, which each signer's token stated.</li>
 *   <li>Taking effect is not this aggregate's decision alone: once READY, the rights ledger checks, in the same
 *       transaction, that no one else holds overlapping rights, and then activates or refuses it.</li>
 *   <li>Time: a regulator's decision is requested publicly ({@link RegulatoryDecisionRequested}, with its deadline), and
 *       a durable deadline follows it from its request; one not made by then is recorded
 *       overdue ({@link RegulatoryDecisionOverdue}) and the contract keeps waiting for it. A licence with an end
 *       terminates by EXPIRY at the start of the day after its last day, by a deadline set when it took effect; the
 *       rights ledger releases its rights from the termination event, as for every termination. A deadline that finds
 *       its decision made, or the licence already ended, does nothing.</li>
 *   <li>Options: an OPTION is negotiated, signed and approved like any contract and, in force, reserves its field and
 *       territory for its period in the rights ledger as an exclusive licence would. Its holder exercises it while
 *       it is in force ({@link OptionExercised}): the answer is the licence contract to draw up, on the terms the
 *       option fixed, with an id derived from the option's so that it is only ever one. Unexercised, it lapses by a
 *       deadline at the start of the day after its last day ({@link OptionLapsed}) and the ledger frees its rights.
 *       Exercise and lapse are commands and deadlines of this one aggregate, so they never interleave: whichever
 *       comes first wins, an exercise after the lapse (or after the last day, before the deadline has run) is a
 *       409 option-not-in-force, and a lapse after the exercise does nothing.</li>
 * </ul>
 * To an organisation that is not a party the contract does not exist (404); regulators are let through by role at
 * the HTTP layer and named in their decisions.
 */
@Aggregate
public class Contract {

    static final String REGULATORY_DECISION = "regulatory-decision";
    static final String TERM_END = "term-end";
    static final String OPTION_END = "option-end";

    @AggregateIdentifier
    private String contractId;
    private String listingId;
    private String dealId;
    private String exercisedOption;
    private String seller;
    private String buyer;
    private String technologyTitle;
    private List<IpTitleRef> ipTitles;
    private RegulatoryCategory category;
    private boolean stateFunded;
    private ContractTerms terms;
    private ContractStatus status;
    private int version;
    private String documentSha256;
    /** Every version's hash, index = version - 1: a signature over one of these is over an older version. */
    private final List<String> versionHashes = new ArrayList<>();
    private final Map<String, String> signedBy = new HashMap<>();
    private final Map<String, String> countries = new HashMap<>();
    private AmendmentProposed pendingAmendment;
    private int amendments;
    private boolean registrationRequired;
    private Instant decisionDueBy;
    private boolean decisionOverdue;
    private LocalDate rightsFrom;
    private LocalDate rightsUntil;
    private TerminationProposed terminationProposal;

    protected Contract() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public Contract(CreateContract command) {
        TransferLaw.requireTransferable(command.regulatoryCategory());
        requireId("listingId", command.listingId());
        requireId("sellerOrganisationId", command.sellerOrganisationId());
        requireId("buyerOrganisationId", command.buyerOrganisationId());
        if (command.sellerOrganisationId().equals(command.buyerOrganisationId())) {
            throw RuleViolation.invalid("buyerOrganisationId", "A seller cannot contract with itself");
        }
        TermsCheck.check(command.terms());
        var document = new ContractDocument(command.contractId(), command.listingId(), command.sellerOrganisationId(),
                command.buyerOrganisationId(), command.technologyTitle(), command.ipTitles(), command.terms(), 1);
        apply(new ContractCreated(command.contractId(), command.listingId(), command.dealId(),
                command.sellerOrganisationId(), command.buyerOrganisationId(), command.technologyTitle(),
                command.ipTitles(), command.regulatoryCategory(), command.stateFunded(), command.terms(), 1,
                document.sha256(), command.at(), command.exercisedOption()));
    }

    @CommandHandler
    ContractProgress handle(ProposeAmendment command) {
        requireParty(command.organisationId());
        requireAmendable();
        TermsCheck.check(command.terms());
        if (command.terms().dealType() != terms.dealType()) {
            throw RuleViolation.invalid("terms.dealType", "The deal was agreed as " + terms.dealType() + "; an amendment keeps it");
        }
        apply(new AmendmentProposed(contractId, amendments + 1, command.organisationId(), command.terms()));
        return progress(null);
    }

    @CommandHandler
    ContractProgress handle(AcceptAmendment command) {
        requireParty(command.organisationId());
        requireAmendable();
        if (pendingAmendment == null || pendingAmendment.number() != command.number()) {
            throw RuleViolation.conflict("amendment-not-pending", "Contract " + contractId + " has no pending amendment "
                    + command.number() + (pendingAmendment == null ? "" : "; amendment " + pendingAmendment.number() + " is pending"));
        }
        if (pendingAmendment.proposedBy().equals(command.organisationId())) {
            throw RuleViolation.conflict("own-amendment", "The other party accepts an amendment, not the party that proposed it");
        }
        ContractTerms amended = pendingAmendment.terms();
        int next = version + 1;
        apply(new ContractAmended(contractId, listingId, command.number(), pendingAmendment.proposedBy(),
                command.organisationId(), version, documentSha256, next, document(amended, next).sha256(),
                TermChanges.between(terms, amended), amended, command.at()));
        return progress(null);
    }

    @CommandHandler
    ContractProgress handle(SignContract command, DeadlineManager deadlines) {
        requireParty(command.organisationId());
        requireDrafting("sign it");
        if (signedBy.containsKey(command.organisationId())) {
            throw RuleViolation.conflict("already-signed", command.organisationId() + " already signed version " + version);
        }
        if (command.country() == null || !command.country().matches("[A-Z]{2}")) {
            throw RuleViolation.unprocessable("country-unknown", null, "The signer's token states no country for "
                    + command.organisationId() + "; the legal path depends on it");
        }
        if (command.documentSha256() != null && !command.documentSha256().equals(documentSha256)) {
            throw olderVersion(command.documentSha256());
        }
        PublicKey key = Ed25519.publicKey(command.publicKey(), "keyId");
        if (!Ed25519.verifies(key, documentSha256, command.signature())) {
            for (int older = 0; older < versionHashes.size() - 1; older++) {
                if (Ed25519.verifies(key, versionHashes.get(older), command.signature())) {
                    throw olderVersion(versionHashes.get(older));
                }
            }
            throw RuleViolation.invalid("signature", "The signature does not verify with key " + command.keyId()
                    + " over the SHA-256 of version " + version + " (" + documentSha256 + ")");
        }
        apply(new ContractSigned(contractId, listingId, command.organisationId(), version, documentSha256,
                command.keyId(), command.publicKey(), command.signature(), command.country(), command.at()));
        if (signedBy.size() == 2) {
            LegalPath path = TransferLaw.pathOf(new Transfer(category, stateFunded, countries.get(seller), countries.get(buyer)));
            Instant dueBy = path.permitRequired() ? command.at().plus(TransferLaw.PERMIT_DECISION_TIME)
                    : path.registrationRequired() ? command.at().plus(TransferLaw.REGISTRATION_DECISION_TIME) : null;
            apply(new LegalPathDetermined(contractId, listingId, countries.get(seller), countries.get(buyer),
                    path.permitRequired(), path.registrationRequired(), path.reasons(), dueBy));
            requestDecision(deadlines, path.reasons(), command.at());
        }
        return progress(status == READY ? claim() : null);
    }

    @CommandHandler
    ContractProgress handle(GrantPermit command, DeadlineManager deadlines) {
        requireAwaiting(AWAITING_PERMIT, "permit");
        requireId("permitNumber", command.permitNumber());
        apply(new TransferPermitGranted(contractId, listingId, command.regulatorOrganisationId(), command.officerPersonId(),
                command.officerName(), command.permitNumber().strip(), command.at()));
        if (registrationRequired) {
            // not reached under TransferLaw today (a permit replaces registration); kept so a rule change stays safe
            List<String> reasons = List.of("permit granted; registration still required");
            apply(new LegalPathDetermined(contractId, listingId, countries.get(seller), countries.get(buyer), false, true,
                    reasons, command.at().plus(TransferLaw.REGISTRATION_DECISION_TIME)));
            requestDecision(deadlines, reasons, command.at());
        }
        return progress(status == READY ? claim() : null);
    }

    @CommandHandler
    ContractProgress handle(RefusePermit command) {
        requireAwaiting(AWAITING_PERMIT, "permit");
        requireReason(command.reason());
        apply(new TransferPermitRefused(contractId, listingId, command.regulatorOrganisationId(), command.officerPersonId(),
                command.officerName(), command.reason().strip(), command.at()));
        return progress(null);
    }

    @CommandHandler
    ContractProgress handle(RegisterContract command) {
        requireAwaiting(AWAITING_REGISTRATION, "registration");
        requireId("registrationNumber", command.registrationNumber());
        apply(new ContractRegistered(contractId, listingId, command.regulatorOrganisationId(), command.officerPersonId(),
                command.officerName(), command.registrationNumber().strip(), command.at()));
        return progress(claim());
    }

    @CommandHandler
    ContractProgress handle(RefuseRegistration command) {
        requireAwaiting(AWAITING_REGISTRATION, "registration");
        requireReason(command.reason());
        apply(new RegistrationRefused(contractId, listingId, command.regulatorOrganisationId(), command.officerPersonId(),
                command.officerName(), command.reason().strip(), command.at()));
        return progress(null);
    }

    @CommandHandler
    ContractProgress handle(ActivateContract command, DeadlineManager deadlines) {
        requireReady();
        apply(new ContractActivated(contractId, listingId, seller, buyer, terms.dealType(), terms.fieldOfUse(),
                terms.territory(), command.rightsFrom(), command.rightsUntil(), version, command.at()));
        if (terms.dealType().isLicence() && command.rightsUntil() != null) {
            deadlines.schedule(command.rightsUntil().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), TERM_END,
                    new TermEndDue(command.rightsUntil()));
        }
        if (terms.dealType() == DealType.OPTION) {
            // TermsCheck gives every option an end, and ContractSteps turns months into its last day
            deadlines.schedule(command.rightsUntil().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), OPTION_END,
                    new OptionEndDue(command.rightsUntil()));
        }
        if (terms.dealType() == DealType.ASSIGNMENT) {
            apply(new OwnershipTransferred(contractId, listingId, seller, buyer, ipTitles, command.at()));
        }
        return progress(null);
    }

    @CommandHandler
    ContractProgress handle(RefuseActivation command) {
        requireReady();
        apply(new ContractActivationRefused(contractId, listingId, command.reason(), command.at()));
        return progress(null);
    }

    @CommandHandler
    ContractProgress handle(TerminateContract command) {
        requireParty(command.organisationId());
        if (status != ACTIVE) {
            throw RuleViolation.conflict("contract-not-active", "Contract " + contractId + " is " + status + "; only an active licence is terminated");
        }
        if (terms.dealType() == DealType.ASSIGNMENT) {
            throw RuleViolation.conflict("assignment-completed", "Contract " + contractId
                    + " assigned the technology; ownership does not return by terminating it");
        }
        if (command.reason() == null) {
            throw RuleViolation.invalid("reason", "A termination is by AGREEMENT, for BREACH or at EXPIRY");
        }
        if (terms.dealType() == DealType.OPTION && command.reason() == TerminationReason.EXPIRY) {
            throw RuleViolation.invalid("reason", "An option lapses by itself at the end of its period, on "
                    + rightsUntil + "; it is ended earlier by AGREEMENT or for BREACH");
        }
        if (command.effectiveOn() == null || command.effectiveOn().isBefore(rightsFrom)) {
            throw RuleViolation.invalid("effectiveOn", "The last day of the rights is on or after their first day, " + rightsFrom);
        }
        String note = command.note() == null || command.note().isBlank() ? null : command.note().strip();
        switch (command.reason()) {
            case EXPIRY -> {
                if (rightsUntil == null || !command.effectiveOn().equals(rightsUntil)) {
                    throw RuleViolation.invalid("effectiveOn", "A licence expires on the last day of its term, "
                            + (rightsUntil == null ? "which this one does not have" : rightsUntil.toString()));
                }
            }
            case BREACH -> {
                if (note == null) {
                    throw RuleViolation.invalid("note", "Say which obligation the other party breached");
                }
            }
            case AGREEMENT -> {
                if (terminationProposal == null || terminationProposal.organisationId().equals(command.organisationId())
                        || !terminationProposal.effectiveOn().equals(command.effectiveOn())) {
                    if (terminationProposal != null && terminationProposal.organisationId().equals(command.organisationId())) {
                        throw RuleViolation.conflict("termination-already-proposed", "The other party's agreement is awaited");
                    }
                    apply(new TerminationProposed(contractId, command.organisationId(), note, command.effectiveOn()));
                    return progress(null);
                }
            }
        }
        apply(new ContractTerminated(contractId, listingId, command.reason(), note, command.effectiveOn(), command.at()));
        return progress(new RightsClaim(contractId, listingId, seller, buyer, terms.dealType(), terms.fieldOfUse(),
                terms.territory(), rightsFrom, command.effectiveOn(), null));
    }

    @CommandHandler
    CreateContract handle(ExerciseOption command) {
        requireParty(command.organisationId());
        if (terms.dealType() != DealType.OPTION) {
            throw RuleViolation.conflict("not-an-option", "Contract " + contractId + " is an " + terms.dealType()
                    + ", not an option");
        }
        if (!buyer.equals(command.organisationId())) {
            throw RuleViolation.conflict("not-the-option-holder", "Only the option's holder, " + buyer
                    + ", exercises it");
        }
        LocalDate today = LocalDate.ofInstant(command.at(), ZoneOffset.UTC);
        if (status != ACTIVE || today.isBefore(rightsFrom) || today.isAfter(rightsUntil)) {
            throw RuleViolation.conflict("option-not-in-force", "Option " + contractId + " is not in force on "
                    + today + ": " + switch (status) {
                        case EXERCISED -> "it was exercised already";
                        case LAPSED -> "it lapsed at the end of its period, " + rightsUntil;
                        case ACTIVE -> today.isBefore(rightsFrom) ? "its period starts on " + rightsFrom
                                : "its period ended on " + rightsUntil;
                        default -> "it is " + status;
                    });
        }
        String licenceContractId = licenceContractIdOf(contractId);
        apply(new OptionExercised(contractId, listingId, seller, buyer, licenceContractId, today, command.at()));
        LicenceTerms licence = terms.licenceOnExercise();
        ContractTerms licenceTerms = new ContractTerms(licence.dealType(), terms.fieldOfUse(), terms.territory(), null,
                null, licence.termMonths(), licence.price(), licence.royalty(), licence.milestones(), terms.governingTerms());
        return new CreateContract(licenceContractId, listingId, dealId, seller, buyer, technologyTitle, ipTitles,
                category, stateFunded, licenceTerms, command.at(), contractId);
    }

    /** The licence contract an option's exercise draws up: one per option, however often it is asked for. */
    static String licenceContractIdOf(String optionContractId) {
        return UUID.nameUUIDFromBytes(("licence|" + optionContractId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The option's period ended: it lapses unless it was exercised or ended otherwise before. */
    @DeadlineHandler(deadlineName = OPTION_END)
    void on(OptionEndDue due) {
        if (status == ACTIVE && due.lastDay().equals(rightsUntil)) {
            apply(new OptionLapsed(contractId, listingId, seller, buyer, rightsUntil,
                    rightsUntil.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
    }

    @DeadlineHandler(deadlineName = REGULATORY_DECISION)
    void on(RegulatoryDecisionDue due) {
        ContractStatus awaiting = due.decision() == Decision.PERMIT ? AWAITING_PERMIT : AWAITING_REGISTRATION;
        if (status == awaiting && due.dueBy().equals(decisionDueBy) && !decisionOverdue) {
            apply(new RegulatoryDecisionOverdue(contractId, listingId, due.decision(), due.dueBy()));
        }
    }

    /** The licence ran its term: it ends at the start of the next day (UTC), unless it ended otherwise before. */
    @DeadlineHandler(deadlineName = TERM_END)
    void on(TermEndDue due) {
        if (status == ACTIVE && due.lastDay().equals(rightsUntil)) {
            apply(new ContractTerminated(contractId, listingId, TerminationReason.EXPIRY, null, rightsUntil,
                    rightsUntil.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
    }

    @EventSourcingHandler
    void on(ContractCreated event) {
        contractId = event.contractId();
        listingId = event.listingId();
        dealId = event.dealId();
        exercisedOption = event.exercisedOption();
        seller = event.sellerOrganisationId();
        buyer = event.buyerOrganisationId();
        technologyTitle = event.technologyTitle();
        ipTitles = event.ipTitles();
        category = event.regulatoryCategory();
        stateFunded = event.stateFunded();
        terms = event.terms();
        version = event.version();
        documentSha256 = event.documentSha256();
        versionHashes.add(documentSha256);
        status = DRAFTING;
    }

    @EventSourcingHandler
    void on(AmendmentProposed event) {
        pendingAmendment = event;
        amendments = event.number();
    }

    @EventSourcingHandler
    void on(ContractAmended event) {
        newVersion(event.version(), event.documentSha256(), event.terms());
    }

    @EventSourcingHandler
    void on(AmendmentAccepted event) {
        newVersion(event.version(), event.documentSha256(), event.terms());
    }

    private void newVersion(int number, String sha256, ContractTerms newTerms) {
        pendingAmendment = null;
        terms = newTerms;
        version = number;
        documentSha256 = sha256;
        versionHashes.add(documentSha256);
        signedBy.clear();
    }

    @EventSourcingHandler
    void on(ContractSigned event) {
        signedBy.put(event.organisationId(), event.documentSha256());
        countries.put(event.organisationId(), event.country());
    }

    @EventSourcingHandler
    void on(LegalPathDetermined event) {
        // both signed: an amendment not accepted by then lapses with the drafting
        pendingAmendment = null;
        registrationRequired = event.registrationRequired();
        decisionDueBy = event.decisionDueBy();
        decisionOverdue = false;
        status = event.permitRequired() ? AWAITING_PERMIT : event.registrationRequired() ? AWAITING_REGISTRATION : READY;
    }

    @EventSourcingHandler
    void on(RegulatoryDecisionOverdue event) {
        decisionOverdue = true;
    }

    @EventSourcingHandler
    void on(TransferPermitGranted event) {
        status = registrationRequired ? AWAITING_REGISTRATION : READY;
    }

    @EventSourcingHandler
    void on(ContractRegistered event) {
        registrationRequired = false;
        status = READY;
    }

    @EventSourcingHandler
    void on(TransferPermitRefused event) {
        status = REFUSED;
    }

    @EventSourcingHandler
    void on(RegistrationRefused event) {
        status = REFUSED;
    }

    @EventSourcingHandler
    void on(ContractActivationRefused event) {
        status = REFUSED;
    }

    @EventSourcingHandler
    void on(ContractActivated event) {
        status = ACTIVE;
        rightsFrom = event.rightsFrom();
        rightsUntil = event.rightsUntil();
    }

    @EventSourcingHandler
    void on(TerminationProposed event) {
        terminationProposal = event;
    }

    @EventSourcingHandler
    void on(ContractTerminated event) {
        status = TERMINATED;
    }

    @EventSourcingHandler
    void on(OptionExercised event) {
        status = EXERCISED;
    }

    @EventSourcingHandler
    void on(OptionLapsed event) {
        status = LAPSED;
    }

    /**
     * After a LegalPathDetermined naming a regulator's decision: regulators are asked for it, publicly (the
     * notification service tells them, and reminds them before it is due), and it is tracked from now until it is due.
     */
    private void requestDecision(DeadlineManager deadlines, List<String> reasons, Instant at) {
        if (decisionDueBy != null && status.awaitsRegulator()) {
            Decision decision = status == AWAITING_PERMIT ? Decision.PERMIT : Decision.REGISTRATION;
            apply(new RegulatoryDecisionRequested(contractId, listingId, decision, decisionDueBy, seller, buyer,
                    countries.get(seller), countries.get(buyer), reasons, at));
            deadlines.schedule(decisionDueBy, REGULATORY_DECISION, new RegulatoryDecisionDue(decision, decisionDueBy));
        }
    }

    private ContractDocument document(ContractTerms withTerms, int atVersion) {
        return new ContractDocument(contractId, listingId, seller, buyer, technologyTitle, ipTitles, withTerms, atVersion);
    }

    private RightsClaim claim() {
        return new RightsClaim(contractId, listingId, seller, buyer, terms.dealType(), terms.fieldOfUse(),
                terms.territory(), terms.termStart(), terms.termEnd(), terms.termMonths(), exercisedOption);
    }

    private ContractProgress progress(RightsClaim claim) {
        return new ContractProgress(contractId, status, claim);
    }

    private RuleViolation olderVersion(String sha256) {
        int older = versionHashes.indexOf(sha256) + 1;
        return RuleViolation.conflict("signature-over-older-version", (older > 0 ? "That signature is over version " + older
                : "That is not the SHA-256 of any version") + "; contract " + contractId + " is at version " + version
                + " (" + documentSha256 + "): read it again and sign that");
    }

    private void requireParty(String organisationId) {
        if (!seller.equals(organisationId) && !buyer.equals(organisationId)) {
            // another organisation's contract does not exist for it: 404, so its existence does not leak
            throw new AggregateNotFoundException(contractId, "No contract " + contractId);
        }
    }

    private void requireDrafting(String what) {
        if (status != DRAFTING) {
            throw RuleViolation.conflict("contract-not-drafting", "Contract " + contractId + " is " + status
                    + "; it is too late to " + what);
        }
    }

    private void requireAmendable() {
        if (status != DRAFTING) {
            throw RuleViolation.conflict("contract-not-drafting", "Contract " + contractId + " is " + status
                    + ": both parties signed version " + version + ", and a signed version is not amended: it takes "
                    + "effect, or not, as signed; to change its terms, end it by agreement and contract anew");
        }
    }

    private void requireAwaiting(ContractStatus expected, String what) {
        if (status != expected) {
            throw RuleViolation.conflict("no-" + what + "-pending", "Contract " + contractId + " is " + status
                    + "; it awaits no " + what + " decision");
        }
    }

    private void requireReady() {
        if (status != READY) {
            throw RuleViolation.conflict("contract-not-ready", "Contract " + contractId + " is " + status
                    + "; it takes effect once signed and approved as the law requires");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.invalid("reason", "Say why, so that the parties can put it right");
        }
    }

    private static void requireId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalid(field, field + " is required");
        }
    }
}
