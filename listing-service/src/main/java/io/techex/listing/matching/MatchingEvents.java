package io.techex.listing.matching;

import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.ListingLicensed;
import io.techex.listing.api.ListingPublished;
import io.techex.listing.api.ListingTransferred;
import io.techex.listing.api.ListingUnderContract;
import io.techex.listing.api.ListingWithdrawn;
import io.techex.listing.api.MatchKind;
import io.techex.listing.api.NeedClosed;
import io.techex.listing.api.NeedExpired;
import io.techex.listing.api.NeedPublished;
import io.techex.listing.api.NeedRevised;
import io.techex.listing.api.NeedTakenDown;
import io.techex.listing.api.OwnershipChanged;
import io.techex.listing.catalogue.ListingReturnedToMarket;
import io.techex.listing.need.NeedContent;
import io.techex.listing.need.NeedDraftRevised;
import io.techex.listing.need.NeedDrafted;

import java.util.Optional;

/**
 * Which events change what matching knows, in one place for the projection and the policy. A listing is open while it
 * takes deals: from publication, through negotiations and auctions, until it is withdrawn, goes under contract (open
 * again if it returns to the market), is transferred, or licensed exclusively; a non-exclusive licence leaves it open
 * for further non-exclusive licences only. Its words never change once published (drafts only). A need is open from
 * publication until it is closed, expires or is taken down, and its words may change while it is open.
 */
final class MatchingEvents {

    private MatchingEvents() {
    }

    static Optional<ItemChange> changeOf(Object event) {
        ItemChange change = switch (event) {
            case ListingDrafted e -> listing(e.listingId(), item -> new MatchItem(MatchKind.LISTING, e.listingId(),
                    item == null ? e.sellerOrganisationId() : item.ownerOrganisationId(), false,
                    Facts.ofListing(e.title(), e.summary(), e.keywords(), e.ipcClasses(), e.readinessLevel(), e.dealTypes(),
                            e.askingPrice()), item == null ? TermProfile.EMPTY : item.profile()));
            case ListingDraftRevised e -> listing(e.listingId(), item -> item == null ? null : item.withFacts(
                    Facts.ofListing(e.title(), e.summary(), e.keywords(), e.ipcClasses(), e.readinessLevel(), e.dealTypes(),
                            e.askingPrice())));
            case ListingPublished e -> listing(e.listingId(), item -> item == null ? null : item.withOpen(true));
            case ListingReturnedToMarket e -> listing(e.listingId(), item -> item == null ? null
                    : item.withOpen(!item.facts().dealOptions().isEmpty()));
            case ListingWithdrawn e -> listing(e.listingId(), MatchingEvents::closed);
            case ListingUnderContract e -> listing(e.listingId(), MatchingEvents::closed);
            case ListingTransferred e -> listing(e.listingId(), MatchingEvents::closed);
            case ListingLicensed e -> listing(e.listingId(), item -> item == null ? null : licensed(item, e.licence()));
            case OwnershipChanged e -> listing(e.listingId(), item -> item == null ? null : item.withOwner(e.newOwnerOrganisationId()));
            case NeedDrafted e -> need(e.needId(), item -> needItem(e.needId(), e.ownerOrganisationId(), e.content(), false, item));
            case NeedDraftRevised e -> need(e.needId(), item -> item == null ? null
                    : needItem(e.needId(), item.ownerOrganisationId(), e.content(), false, item));
            case NeedPublished e -> need(e.needId(), item -> needItem(e.needId(), e.ownerOrganisationId(), NeedContent.of(e), true, item));
            case NeedRevised e -> need(e.needId(), item -> needItem(e.needId(), e.ownerOrganisationId(), NeedContent.of(e), true, item));
            case NeedClosed e -> need(e.needId(), MatchingEvents::closed);
            case NeedExpired e -> need(e.needId(), MatchingEvents::closed);
            case NeedTakenDown e -> need(e.needId(), MatchingEvents::closed);
            default -> null;
        };
        return Optional.ofNullable(change);
    }

    /** After a licence: an exclusive one ends its deals; a non-exclusive one leaves non-exclusive licences only. */
    private static MatchItem licensed(MatchItem item, DealOption licence) {
        var remaining = licence.dealType() == DealType.EXCLUSIVE_LICENCE ? java.util.List.<DealOption>of()
                : item.facts().dealOptions().stream().filter(o -> o.dealType() == DealType.NON_EXCLUSIVE_LICENCE).toList();
        return item.withFacts(item.facts().withDealOptions(remaining)).withOpen(!remaining.isEmpty());
    }

    private static MatchItem closed(MatchItem item) {
        return item == null ? null : item.withOpen(false);
    }

    private static MatchItem needItem(String needId, String owner, NeedContent content, boolean open, MatchItem before) {
        return new MatchItem(MatchKind.NEED, needId, owner, open, Facts.ofNeed(content.title(), content.statement(),
                content.keywords(), content.ipcClasses(), content.minReadinessLevel(), content.dealTypes(),
                content.territory(), content.budget(), content.ownerNamePublic()),
                before == null ? TermProfile.EMPTY : before.profile());
    }

    private static ItemChange listing(String listingId, java.util.function.UnaryOperator<MatchItem> change) {
        return new ItemChange(MatchKind.LISTING, listingId, change);
    }

    private static ItemChange need(String needId, java.util.function.UnaryOperator<MatchItem> change) {
        return new ItemChange(MatchKind.NEED, needId, change);
    }
}
