package io.techex.listing.disclosure;

import io.techex.listing.api.NdaAccepted;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A firm's non-disclosure agreement on one listing. Its id is derived from listing and firm ({@link #idOf}), so a
 * firm has one per listing however often it asks, and a second request while one is pending meets the first.
 * <ul>
 *   <li>A request may follow a decline (the firm may have changed what it offers), never a pending or accepted one.</li>
 *   <li>Only the seller named in the request decides; to any other organisation the NDA does not exist (404).</li>
 *   <li>Acceptance is final: there is no revocation, since what was disclosed cannot be taken back. This is also
 *       what lets downloads rely on a read model that may lag: lag can only refuse a firm a moment too long, never
 *       let one in that the seller shut out.</li>
 * </ul>
 */
@Aggregate
public class Nda {

    static final int MAX_TEXT = 2000;

    @AggregateIdentifier
    private String ndaId;
    private String listingId;
    private String sellerOrganisationId;
    private String firmOrganisationId;
    private NdaStatus status;

    protected Nda() {
        // for Axon: rebuilt from its events
    }

    /** The one NDA of {@code firmOrganisationId} on {@code listingId}. */
    public static String idOf(String listingId, String firmOrganisationId) {
        return UUID.nameUUIDFromBytes(("nda|" + listingId + "|" + firmOrganisationId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RequestNda command) {
        requireText("listingId", command.listingId(), 36);
        requireText("sellerOrganisationId", command.sellerOrganisationId(), 100);
        requireText("firmOrganisationId", command.firmOrganisationId(), 100);
        if (!command.ndaId().equals(idOf(command.listingId(), command.firmOrganisationId()))) {
            throw RuleViolation.invalid("ndaId", "An NDA's id is derived from its listing and firm");
        }
        if (command.firmOrganisationId().equals(command.sellerOrganisationId())) {
            throw RuleViolation.unprocessable("nda-with-oneself", null, "A seller needs no NDA to read its own listing");
        }
        String message = optionalText("message", command.message());
        if (status == NdaStatus.REQUESTED) {
            throw RuleViolation.conflict("nda-already-requested", "Your NDA request on listing " + command.listingId()
                    + " awaits the seller's decision");
        }
        if (status == NdaStatus.ACCEPTED) {
            throw RuleViolation.conflict("nda-already-accepted", "The seller already accepted your NDA on listing "
                    + command.listingId());
        }
        apply(new NdaRequested(command.ndaId(), command.listingId(), command.sellerOrganisationId(),
                command.firmOrganisationId(), message));
    }

    @CommandHandler
    void handle(AcceptNda command) {
        requireSeller(command.organisationId());
        requirePending();
        apply(new NdaAccepted(ndaId, listingId, sellerOrganisationId, firmOrganisationId));
    }

    @CommandHandler
    void handle(DeclineNda command) {
        requireSeller(command.organisationId());
        String reason = optionalText("reason", command.reason());
        if (reason == null) {
            throw RuleViolation.invalid("reason", "Say why you decline, so that the firm knows what would change your mind");
        }
        requirePending();
        apply(new NdaDeclined(ndaId, listingId, reason));
    }

    @EventSourcingHandler
    void on(NdaRequested event) {
        ndaId = event.ndaId();
        listingId = event.listingId();
        sellerOrganisationId = event.sellerOrganisationId();
        firmOrganisationId = event.firmOrganisationId();
        status = NdaStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(NdaAccepted event) {
        status = NdaStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(NdaDeclined event) {
        status = NdaStatus.DECLINED;
    }

    private void requireSeller(String organisationId) {
        if (!sellerOrganisationId.equals(organisationId)) {
            // another organisation's NDA does not exist for it, so that whom a seller deals with stays private
            throw new AggregateNotFoundException(ndaId, "No NDA request " + ndaId);
        }
    }

    private void requirePending() {
        switch (status) {
            case REQUESTED -> {
            }
            case ACCEPTED -> throw RuleViolation.conflict("nda-already-accepted", "NDA " + ndaId + " was already accepted");
            case DECLINED -> throw RuleViolation.conflict("nda-already-declined", "NDA " + ndaId
                    + " was declined; the firm may request it again");
        }
    }

    private static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw RuleViolation.invalid(field, field + " is 1 to " + max + " characters");
        }
    }

    /** Stripped, null when blank; at most {@link #MAX_TEXT} characters. */
    static String optionalText(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > MAX_TEXT) {
            throw RuleViolation.invalid(field, field + " is at most " + MAX_TEXT + " characters");
        }
        return text;
    }
}
