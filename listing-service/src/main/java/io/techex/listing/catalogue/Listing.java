package io.techex.listing.catalogue;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.LocalizedText;
import io.techex.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A technology listing. It holds only what its rules need: who owns it, where it is in its life, and the
 * revision count; the content lives in the events and the read models built from them.
 */
@Aggregate
public class Listing {

    @AggregateIdentifier
    private String listingId;
    private String sellerOrganisationId;
    private ListingStatus status;
    private int revision;

    protected Listing() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public Listing(DraftListing command) {
        checkContent(command.title(), command.summary(), command.assetType(), command.readinessLevel());
        apply(new ListingDrafted(command.listingId(), command.sellerOrganisationId(), command.title(),
                command.summary(), command.assetType(), command.readinessLevel()));
    }

    @CommandHandler
    void handle(ReviseDraft command) {
        if (!sellerOrganisationId.equals(command.organisationId())) {
            // another organisation's draft is private: it does not exist for them
            throw new AggregateNotFoundException(listingId, "No listing " + listingId);
        }
        if (status != ListingStatus.DRAFT) {
            throw RuleViolation.conflict("listing-not-draft", "Listing " + listingId + " is " + status + "; only a draft can be revised");
        }
        checkContent(command.title(), command.summary(), command.assetType(), command.readinessLevel());
        apply(new ListingDraftRevised(listingId, revision + 1, command.title(), command.summary(),
                command.assetType(), command.readinessLevel()));
    }

    @EventSourcingHandler
    void on(ListingDrafted event) {
        listingId = event.listingId();
        sellerOrganisationId = event.sellerOrganisationId();
        status = ListingStatus.DRAFT;
        revision = 0;
    }

    @EventSourcingHandler
    void on(ListingDraftRevised event) {
        revision = event.revision();
    }

    private static void checkContent(LocalizedText title, LocalizedText summary, AssetType assetType, int readinessLevel) {
        if (title == null || title.vi() == null || title.vi().isBlank()) {
            throw RuleViolation.invalid("title.vi", "A listing needs a Vietnamese title");
        }
        if (summary == null || summary.vi() == null || summary.vi().isBlank()) {
            throw RuleViolation.invalid("summary.vi", "A listing needs a Vietnamese summary");
        }
        if (assetType == null) {
            throw RuleViolation.invalid("assetType", "A listing needs an asset type");
        }
        if (readinessLevel < 1 || readinessLevel > 9) {
            throw RuleViolation.invalid("readinessLevel", "Technology readiness level is 1 to 9, not " + readinessLevel);
        }
    }
}
