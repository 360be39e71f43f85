package io.techex.listing.document;

import io.techex.listing.catalogue.ListingSummary;
import io.techex.listing.disclosure.Disclosures;
import io.techex.platform.actor.Actor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** A listing's documents its caller may read ({@link ReadingRights}): what a listing's page and its document list show. */
@Component
public class ReadableDocuments {

    private final AttachedDocuments attached;
    private final Disclosures disclosures;

    ReadableDocuments(AttachedDocuments attached, Disclosures disclosures) {
        this.attached = attached;
        this.disclosures = disclosures;
    }

    /** Empty when the caller may see none of the listing's documents, as well as when it has none. */
    public List<DocumentView> of(ListingSummary listing, Actor actor) {
        return readable(listing, actor).orElse(List.of());
    }

    /** Empty when the caller may not see the listing's documents at all. */
    Optional<List<DocumentView>> readable(ListingSummary listing, Actor actor) {
        if (!ReadingRights.maySeeDocumentsOf(listing, actor)) {
            return Optional.empty();
        }
        var ndaAccepted = new CachedNdaAnswer(listing, actor);
        return Optional.of(attached.of(listing.listingId()).stream()
                .filter(document -> ReadingRights.mayRead(listing, document.visibility(), actor, ndaAccepted::get))
                .toList());
    }

    /** Whether the seller accepted the caller's NDA: asked at most once, and only if a confidential document needs it. */
    private final class CachedNdaAnswer {

        private final ListingSummary listing;
        private final Actor actor;
        private Boolean answer;

        CachedNdaAnswer(ListingSummary listing, Actor actor) {
            this.listing = listing;
            this.actor = actor;
        }

        boolean get() {
            if (answer == null) {
                answer = disclosures.accepted(listing.listingId(), actor.organisationId());
            }
            return answer;
        }
    }
}
