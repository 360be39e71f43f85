package io.techex.listing.document;

import io.techex.listing.catalogue.ListingDocument.Visibility;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.listing.catalogue.ListingSummary;
import io.techex.platform.actor.Actor;

import java.util.function.BooleanSupplier;

/**
 * Who may read a listing's documents. A caller who may not gets 404 for the document, and for the listing's whole
 * document list if it may not see the listing, so that neither a private listing nor a confidential document betrays
 * that it exists.
 * <ul>
 *   <li>The seller reads all of its listing's documents, in every state.</li>
 *   <li>The operator reads all documents of every listing its seller has submitted (any state but DRAFT): ownership
 *       evidence is usually confidential, and the operator checks it before the listing goes public.</li>
 *   <li>Anyone else reads only while the listing is public ({@link ListingStatus#isPublic()}): its PUBLIC documents,
 *       and its CONFIDENTIAL ones if the seller accepted the reader's NDA on that listing.</li>
 * </ul>
 */
final class ReadingRights {

    private ReadingRights() {
    }

    static boolean maySeeDocumentsOf(ListingSummary listing, Actor actor) {
        return isSeller(listing, actor) || isOperatorAfterSubmission(listing, actor) || listing.status().isPublic();
    }

    /** @param ndaAccepted asked only when the answer depends on it, as it costs a query */
    static boolean mayRead(ListingSummary listing, Visibility visibility, Actor actor, BooleanSupplier ndaAccepted) {
        if (isSeller(listing, actor) || isOperatorAfterSubmission(listing, actor)) {
            return true;
        }
        if (!listing.status().isPublic()) {
            return false;
        }
        return visibility == Visibility.PUBLIC || ndaAccepted.getAsBoolean();
    }

    /** Reading this document discloses something: a confidential document, read by anyone but its seller. */
    static boolean isDisclosure(ListingSummary listing, Visibility visibility, Actor actor) {
        return visibility == Visibility.CONFIDENTIAL && !isSeller(listing, actor);
    }

    static boolean isSeller(ListingSummary listing, Actor actor) {
        return listing.sellerOrganisationId().equals(actor.organisationId());
    }

    private static boolean isOperatorAfterSubmission(ListingSummary listing, Actor actor) {
        return actor.role() == Actor.Role.OPERATOR && listing.status() != ListingStatus.DRAFT;
    }
}
