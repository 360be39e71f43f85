package io.techex.listing.enquiry;

import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A firm's question or expression of interest on a listing. Only the seller named when it was made may answer it,
 * and to any other organisation it does not exist (404). A question is answered once: a second answer would leave
 * the firm unsure which one the seller stands by; anything further is a new question.
 */
@Aggregate
public class Enquiry {

    static final int MAX_TEXT = 2000;

    @AggregateIdentifier
    private String enquiryId;
    private String listingId;
    private String sellerOrganisationId;
    private EnquiryKind kind;
    private boolean answered;

    protected Enquiry() {
        // for Axon: rebuilt from its events
    }

    /**
     * The one expression of interest of {@code firmOrganisationId} in {@code listingId}: registering it twice meets
     * the first in the event store, however the requests interleave.
     */
    public static String interestIdOf(String listingId, String firmOrganisationId) {
        return UUID.nameUUIDFromBytes(("interest|" + listingId + "|" + firmOrganisationId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @CommandHandler
    public Enquiry(MakeEnquiry command) {
        requireText("listingId", command.listingId(), 36);
        requireText("sellerOrganisationId", command.sellerOrganisationId(), 100);
        requireText("firmOrganisationId", command.firmOrganisationId(), 100);
        if (command.kind() == null) {
            throw RuleViolation.invalid("kind", "An enquiry is a QUESTION or an INTEREST");
        }
        if (command.kind() == EnquiryKind.INTEREST
                && !command.enquiryId().equals(interestIdOf(command.listingId(), command.firmOrganisationId()))) {
            throw RuleViolation.invalid("enquiryId", "An expression of interest's id is derived from its listing and firm");
        }
        if (command.firmOrganisationId().equals(command.sellerOrganisationId())) {
            throw RuleViolation.unprocessable("enquiry-to-oneself", null, "A seller does not enquire about its own listing");
        }
        apply(new EnquiryMade(command.enquiryId(), command.listingId(), command.sellerOrganisationId(),
                command.firmOrganisationId(), command.kind(), text("message", command.message())));
    }

    @CommandHandler
    void handle(AnswerEnquiry command) {
        if (!sellerOrganisationId.equals(command.organisationId())) {
            throw new AggregateNotFoundException(enquiryId, "No enquiry " + enquiryId);
        }
        String answer = text("answer", command.answer());
        if (kind != EnquiryKind.QUESTION) {
            throw RuleViolation.conflict("enquiry-not-a-question", "Enquiry " + enquiryId + " registers interest; there is nothing to answer");
        }
        if (answered) {
            throw RuleViolation.conflict("enquiry-already-answered", "Question " + enquiryId
                    + " was already answered; the firm may ask a new one");
        }
        apply(new EnquiryAnswered(enquiryId, listingId, answer));
    }

    @EventSourcingHandler
    void on(EnquiryMade event) {
        enquiryId = event.enquiryId();
        listingId = event.listingId();
        sellerOrganisationId = event.sellerOrganisationId();
        kind = event.kind();
    }

    @EventSourcingHandler
    void on(EnquiryAnswered event) {
        answered = true;
    }

    private static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw RuleViolation.invalid(field, field + " is 1 to " + max + " characters");
        }
    }

    /** Stripped, 1 to {@link #MAX_TEXT} characters. */
    private static String text(String field, String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw RuleViolation.invalid(field, field + " is 1 to " + MAX_TEXT + " characters");
        }
        return text;
    }
}
