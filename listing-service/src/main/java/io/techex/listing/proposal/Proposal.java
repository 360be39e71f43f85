package io.techex.listing.proposal;

import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.Money;
import io.techex.listing.api.NegotiationRequested;
import io.techex.listing.api.ProposalDeclined;
import io.techex.listing.api.ProposalKind;
import io.techex.listing.api.ProposalShortlisted;
import io.techex.listing.api.ProposalSubmitted;
import io.techex.listing.api.ProposalWithdrawn;
import io.techex.listing.api.RndOffer;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A university's answer to a need ({@link ProposalStatus}): one of its listings, or an R&D offer, with a message and
 * confidential attachments. Only the two parties act on it: the proposer drafts, attaches, submits and withdraws; the
 * need's owner shortlists, declines, or asks to negotiate on the listing it names. To any other organisation, and to
 * the need's owner while it is a draft, it does not exist (404).
 * <p>
 * Decisions it embodies:
 * <ul>
 *   <li>Attachments are added to a draft only: what the need's owner judges is what was submitted, and
 *       {@link ProposalSubmitted} names each attachment's SHA-256.</li>
 *   <li>A university proposes a listing once per need (the id is derived from both): a second proposal of the same
 *       listing would only repeat the first.</li>
 *   <li>Only a proposal that names a listing leads to a negotiation, which bidding-service holds: an R&D offer has no
 *       listing to negotiate on; the firm contracts it outside the exchange's listings.</li>
 * </ul>
 */
@Aggregate
public class Proposal {

    static final int MAX_TEXT = 5000;
    static final int MAX_REASON = 2000;
    static final int MAX_ATTACHMENTS = 10;
    static final int MAX_DURATION_MONTHS = 120;

    @AggregateIdentifier
    private String proposalId;
    private String needId;
    private String needOwnerOrganisationId;
    private String proposerOrganisationId;
    private ProposalKind kind;
    private String listingId;
    private LocalizedText message;
    private RndOffer rndOffer;
    private final List<ProposalAttachment> attachments = new ArrayList<>();
    private ProposalStatus status;

    protected Proposal() {
        // for Axon: rebuilt from its events
    }

    /** The one proposal of {@code listingId} to {@code needId}. */
    public static String idOfListing(String needId, String listingId) {
        return UUID.nameUUIDFromBytes(("proposal|" + needId + "|" + listingId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @CommandHandler
    public Proposal(DraftProposal command) {
        requireText("needId", command.needId(), 36);
        requireText("needOwnerOrganisationId", command.needOwnerOrganisationId(), 100);
        requireText("proposerOrganisationId", command.proposerOrganisationId(), 100);
        if (command.kind() == null) {
            throw RuleViolation.invalid("kind", "A proposal is a LISTING or an RND_OFFER");
        }
        if (command.proposerOrganisationId().equals(command.needOwnerOrganisationId())) {
            throw RuleViolation.unprocessable("proposal-to-oneself", null, "An organisation does not answer its own need");
        }
        LocalizedText message = optionalText("message", command.message());
        RndOffer offer = command.rndOffer() == null || command.rndOffer().cost() == null ? command.rndOffer()
                : new RndOffer(command.rndOffer().description(), command.rndOffer().durationMonths(),
                        Money.of(command.rndOffer().cost().amount(), command.rndOffer().cost().currency()),
                        command.rndOffer().readinessLevel());
        switch (command.kind()) {
            case LISTING -> {
                requireText("listingId", command.listingId(), 36);
                if (command.rndOffer() != null) {
                    throw RuleViolation.invalid("rndOffer", "A proposal of a listing carries no R&D offer; propose one apart");
                }
                if (!command.proposalId().equals(idOfListing(command.needId(), command.listingId()))) {
                    throw RuleViolation.invalid("proposalId", "A listing's proposal's id is derived from its need and listing");
                }
            }
            case RND_OFFER -> {
                if (command.listingId() != null) {
                    throw RuleViolation.invalid("listingId", "An R&D offer names no listing; propose the listing apart");
                }
                checkOffer(offer);
                offer = new RndOffer(optionalText("rndOffer.description", offer.description()), offer.durationMonths(),
                        offer.cost(), offer.readinessLevel());
            }
        }
        apply(new ProposalDrafted(command.proposalId(), command.needId(), command.needOwnerOrganisationId(),
                command.proposerOrganisationId(), command.kind(), command.listingId(), message, offer));
    }

    @CommandHandler
    void handle(AttachToProposal command) {
        requireProposer(command.organisationId());
        ProposalAttachment attachment = command.attachment();
        if (attachment == null || attachment.attachmentId() == null || attachment.attachmentId().isBlank()) {
            throw RuleViolation.invalid("attachment.attachmentId", "An attachment has an id");
        }
        if (status != ProposalStatus.DRAFT) {
            throw RuleViolation.conflict("proposal-not-draft", "Proposal " + proposalId + " is " + status
                    + "; files are attached to a draft, before it is submitted");
        }
        if (attachments.stream().anyMatch(a -> a.attachmentId().equals(attachment.attachmentId()))) {
            throw RuleViolation.conflict("attachment-already-added", "Attachment " + attachment.attachmentId()
                    + " is attached already");
        }
        if (attachments.size() >= MAX_ATTACHMENTS) {
            throw RuleViolation.conflict("too-many-attachments", "A proposal has at most " + MAX_ATTACHMENTS + " attachments");
        }
        apply(new ProposalAttachmentAdded(proposalId, needId, attachment, command.at()));
    }

    @CommandHandler
    void handle(SubmitProposal command) {
        requireProposer(command.organisationId());
        if (command.at() == null) {
            throw RuleViolation.invalid("at", "Submitting needs the time it happens");
        }
        if (status != ProposalStatus.DRAFT) {
            throw RuleViolation.conflict("proposal-already-submitted", "Proposal " + proposalId + " is " + status
                    + "; a draft is submitted once");
        }
        apply(new ProposalSubmitted(proposalId, needId, needOwnerOrganisationId, proposerOrganisationId, kind, listingId,
                message, rndOffer, attachments.stream().map(ProposalAttachment::ref).toList(), command.at()));
    }

    @CommandHandler
    void handle(WithdrawProposal command) {
        requireProposer(command.organisationId());
        String reason = optionalReason(command.reason());
        requireOpen("withdrawn");
        apply(new ProposalWithdrawn(proposalId, needId, needOwnerOrganisationId, proposerOrganisationId, reason));
    }

    @CommandHandler
    void handle(ShortlistProposal command) {
        requireNeedOwner(command.organisationId());
        if (status == ProposalStatus.SHORTLISTED) {
            throw RuleViolation.conflict("proposal-already-shortlisted", "Proposal " + proposalId + " is shortlisted already");
        }
        requireOpen("shortlisted");
        apply(new ProposalShortlisted(proposalId, needId, needOwnerOrganisationId, proposerOrganisationId));
    }

    @CommandHandler
    void handle(DeclineProposal command) {
        requireNeedOwner(command.organisationId());
        String reason = optionalReason(command.reason());
        if (reason == null) {
            throw RuleViolation.invalid("reason", "Say why you decline, so that the university knows what would fit");
        }
        requireOpen("declined");
        apply(new ProposalDeclined(proposalId, needId, needOwnerOrganisationId, proposerOrganisationId, reason));
    }

    /** @return the listing to negotiate on */
    @CommandHandler
    String handle(RequestNegotiation command) {
        requireNeedOwner(command.organisationId());
        if (command.at() == null) {
            throw RuleViolation.invalid("at", "Asking to negotiate needs the time it happens");
        }
        if (kind != ProposalKind.LISTING) {
            throw RuleViolation.conflict("proposal-names-no-listing", "Proposal " + proposalId
                    + " is an R&D offer: there is no listing to negotiate on; contract it with the university directly");
        }
        if (status == ProposalStatus.NEGOTIATION_REQUESTED) {
            throw RuleViolation.conflict("negotiation-already-requested", "You asked to negotiate on listing " + listingId
                    + " already; make your offer on it in bidding-service");
        }
        requireOpen("taken to a negotiation");
        apply(new NegotiationRequested(proposalId, needId, listingId, needOwnerOrganisationId, proposerOrganisationId,
                command.at()));
        return listingId;
    }

    @EventSourcingHandler
    void on(ProposalDrafted event) {
        proposalId = event.proposalId();
        needId = event.needId();
        needOwnerOrganisationId = event.needOwnerOrganisationId();
        proposerOrganisationId = event.proposerOrganisationId();
        kind = event.kind();
        listingId = event.listingId();
        message = event.message();
        rndOffer = event.rndOffer();
        status = ProposalStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(ProposalAttachmentAdded event) {
        attachments.add(event.attachment());
    }

    @EventSourcingHandler
    void on(ProposalSubmitted event) {
        status = ProposalStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(ProposalWithdrawn event) {
        status = ProposalStatus.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(ProposalShortlisted event) {
        status = ProposalStatus.SHORTLISTED;
    }

    @EventSourcingHandler
    void on(ProposalDeclined event) {
        status = ProposalStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(NegotiationRequested event) {
        status = ProposalStatus.NEGOTIATION_REQUESTED;
    }

    private void requireProposer(String organisationId) {
        if (!proposerOrganisationId.equals(organisationId)) {
            throw notFound();
        }
    }

    /** The need's owner knows of a proposal once it is submitted; a draft does not exist for it. */
    private void requireNeedOwner(String organisationId) {
        if (!needOwnerOrganisationId.equals(organisationId) || status == ProposalStatus.DRAFT) {
            throw notFound();
        }
    }

    private AggregateNotFoundException notFound() {
        return new AggregateNotFoundException(proposalId, "No proposal " + proposalId);
    }

    private void requireOpen(String what) {
        if (status == ProposalStatus.DRAFT) {
            throw RuleViolation.conflict("proposal-not-submitted", "Proposal " + proposalId + " is a draft; only a "
                    + "submitted proposal is " + what);
        }
        if (!status.isOpen()) {
            throw RuleViolation.conflict("proposal-decided", "Proposal " + proposalId + " is " + status
                    + " and can no longer be " + what);
        }
    }

    private static void checkOffer(RndOffer offer) {
        if (offer == null) {
            throw RuleViolation.invalid("rndOffer", "An R&D offer says what would be developed, in how long, for how much");
        }
        LocalizedText description = offer.description();
        if (description == null || description.vi() == null && description.en() == null) {
            throw RuleViolation.invalid("rndOffer.description", "Say what would be developed, in Vietnamese, English or both");
        }
        if (offer.durationMonths() < 1 || offer.durationMonths() > MAX_DURATION_MONTHS) {
            throw RuleViolation.invalid("rndOffer.durationMonths", "The work takes 1 to " + MAX_DURATION_MONTHS
                    + " months, not " + offer.durationMonths());
        }
        Money cost = offer.cost();
        if (cost == null || cost.amount() == null || cost.amount().signum() <= 0) {
            throw RuleViolation.invalid("rndOffer.cost.amount", "An R&D offer names its cost, more than zero");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(cost.currency() == null ? "" : cost.currency());
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("rndOffer.cost.currency", "A currency is an ISO 4217 code like VND, not " + cost.currency());
        }
        int decimals = Math.max(currency.getDefaultFractionDigits(), 0);
        if (cost.amount().stripTrailingZeros().scale() > decimals) {
            throw RuleViolation.invalid("rndOffer.cost.amount", "A " + currency.getCurrencyCode() + " amount has at most "
                    + decimals + " decimal places; " + cost.amount().toPlainString() + " has more");
        }
        if (offer.readinessLevel() != null && (offer.readinessLevel() < 1 || offer.readinessLevel() > 9)) {
            throw RuleViolation.invalid("rndOffer.readinessLevel", "Technology readiness level is 1 to 9, not " + offer.readinessLevel());
        }
    }

    /** Each language stripped and 1 to {@link #MAX_TEXT} characters when given; null when neither is. */
    private static LocalizedText optionalText(String field, LocalizedText text) {
        if (text == null) {
            return null;
        }
        String vi = strip(field + ".vi", text.vi());
        String en = strip(field + ".en", text.en());
        return vi == null && en == null ? null : new LocalizedText(vi, en);
    }

    private static String strip(String field, String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw RuleViolation.invalid(field, "When given, 1 to " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw RuleViolation.invalid(field, field + " is 1 to " + max + " characters");
        }
    }

    /** Stripped, null when blank; at most {@link #MAX_REASON} characters. */
    private static String optionalReason(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String reason = value.strip();
        if (reason.length() > MAX_REASON) {
            throw RuleViolation.invalid("reason", "A reason is at most " + MAX_REASON + " characters");
        }
        return reason;
    }
}
