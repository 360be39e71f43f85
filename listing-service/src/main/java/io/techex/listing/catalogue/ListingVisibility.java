package io.techex.listing.catalogue;

import io.techex.platform.actor.Actor;

/**
 * Who may see a listing, in one place. Anyone, once it is on the market (or was dealt on it); before that, and after a
 * withdrawal, only its seller and owner, the operator who checks ownership and moderates, and regulators. Everyone
 * else is told it does not exist.
 */
public final class ListingVisibility {

    private ListingVisibility() {
    }

    public static boolean canSee(ListingSummary listing, Actor actor) {
        return listing.status().isPublic()
                || isSellerOrOwner(listing, actor)
                || actor.role() == Actor.Role.OPERATOR
                || actor.role() == Actor.Role.REGULATOR;
    }

    public static boolean isSellerOrOwner(ListingSummary listing, Actor actor) {
        return actor.organisationId().equals(listing.sellerOrganisationId())
                || actor.organisationId().equals(listing.ownerOrganisationId());
    }
}
