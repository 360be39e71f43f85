package io.techex.listing.matching;

import io.techex.listing.api.MatchKind;
/**
 * A listing or a need as matching holds it.
 *
 * @param open whether it is on the market now: a listing taking deals, a published need before its deadline. Only open
 *             items are scored, and counted in the terms' document frequencies.
 */
record MatchItem(MatchKind kind, String itemId, String ownerOrganisationId, boolean open, Facts facts, TermProfile profile) {

    MatchItem withOpen(boolean open) {
        return new MatchItem(kind, itemId, ownerOrganisationId, open, facts, profile);
    }

    MatchItem withFacts(Facts facts) {
        return new MatchItem(kind, itemId, ownerOrganisationId, open, facts, profile);
    }

    MatchItem withOwner(String ownerOrganisationId) {
        return new MatchItem(kind, itemId, ownerOrganisationId, open, facts, profile);
    }

    MatchItem withProfile(TermProfile profile) {
        return new MatchItem(kind, itemId, ownerOrganisationId, open, facts, profile);
    }
}
