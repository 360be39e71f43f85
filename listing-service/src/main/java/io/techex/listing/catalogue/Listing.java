package io.techex.listing.catalogue;

import io.techex.listing.api.CoOwnerConsented;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.IpTitleRef;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.ListingLicensed;
import io.techex.listing.api.ListingPublished;
import io.techex.listing.api.ListingSubmitted;
import io.techex.listing.api.ListingTransferred;
import io.techex.listing.api.ListingUnderContract;
import io.techex.listing.api.ListingWithdrawn;
import io.techex.listing.api.OwnershipChanged;
import io.techex.listing.api.OwnershipRejected;
import io.techex.listing.api.OwnershipVerified;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.listing.api.SaleMode;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.techex.listing.catalogue.ListingStatus.DRAFT;
import static io.techex.listing.catalogue.ListingStatus.LICENSED;
import static io.techex.listing.catalogue.ListingStatus.OWNERSHIP_REJECTED;
import static io.techex.listing.catalogue.ListingStatus.OWNERSHIP_VERIFIED;
import static io.techex.listing.catalogue.ListingStatus.PUBLISHED;
import static io.techex.listing.catalogue.ListingStatus.SUBMITTED;
import static io.techex.listing.catalogue.ListingStatus.TRANSFERRED;
import static io.techex.listing.catalogue.ListingStatus.UNDER_AUCTION;
import static io.techex.listing.catalogue.ListingStatus.UNDER_CONTRACT;
import static io.techex.listing.catalogue.ListingStatus.UNDER_NEGOTIATION;
import static io.techex.listing.catalogue.ListingStatus.WITHDRAWN;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A technology listing, from draft to licensed or transferred (see {@link ListingStatus}). It checks who acts
 * (seller-only commands name the acting organisation; to any other organisation the listing does not exist) and
 * whether the listing's state allows the step; roles (operator, regulator) are the HTTP layer's business.
 *
 * <p>It keeps the current content because submitting, consenting and publishing are rules about it and
 * {@link ListingPublished} carries its terms; the summary and keywords ride along only because the content is one
 * value. Decisions it embodies:
 * <ul>
 *   <li>A revision after an ownership rejection makes the listing a draft again, and any revision voids the
 *       co-owners' consents: they agreed to content that has changed.</li>
 *   <li>A prohibited technology is refused at submission already (the operator should not spend a check on what can
 *       never be published), and again at publication, for listings submitted before the category was known.</li>
 *   <li>An IP title has expired when its expiry date is before the UTC calendar date of the publishing instant.</li>
 *   <li>Licensing: after a non-exclusive licence the listing is LICENSED and stays on the market, but only for further
 *       non-exclusive licences (an assignment or exclusive licence would collide with the licence granted). After an
 *       exclusive licence it takes no new deal at all: exclusivity per field of use and territory is not modelled,
 *       so the exchange takes the safe reading.</li>
 *   <li>The seller may withdraw from any state but under contract, transferred and withdrawn; withdrawing a licensed
 *       listing stops new deals, and licences granted stand.</li>
 * </ul>
 */
@Aggregate
public class Listing {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+");

    @AggregateIdentifier
    private String listingId;
    /** The owner offering it: the seller, until an assignment makes the buyer the owner. */
    private String sellerOrganisationId;
    private ListingStatus status;
    private int revision;
    private ListingContent content;
    private final Set<String> consents = new HashSet<>();
    private final Set<String> documentIds = new HashSet<>();
    private SaleMode saleMode;
    private ListingUnderContract pendingContract;
    /** Negotiations (several firms may negotiate at once) or the auction the listing is under. */
    private final Set<String> openDeals = new HashSet<>();
    private boolean licensed;
    private boolean exclusivelyLicensed;

    protected Listing() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public Listing(DraftListing command) {
        checkContent(command.content(), command.sellerOrganisationId());
        apply(command.content().drafted(command.listingId(), command.sellerOrganisationId()));
    }

    @CommandHandler
    void handle(ReviseDraft command) {
        requireSeller(command.organisationId());
        if (status != DRAFT && status != OWNERSHIP_REJECTED) {
            throw RuleViolation.conflict("listing-not-draft", "Listing " + listingId + " is " + status
                    + "; only a draft, or a listing whose ownership was rejected, can be revised");
        }
        checkContent(command.content(), sellerOrganisationId);
        apply(command.content().revised(listingId, revision + 1));
    }

    @CommandHandler
    void handle(SubmitListing command) {
        requireSeller(command.organisationId());
        if (status == SUBMITTED) {
            throw RuleViolation.conflict("listing-already-submitted", "Listing " + listingId + " awaits the operator's ownership check");
        }
        if (status != DRAFT && status != OWNERSHIP_REJECTED) {
            throw RuleViolation.conflict("listing-not-draft", "Listing " + listingId + " is " + status + "; only a draft can be submitted");
        }
        content.checkComplete();
        apply(new ListingSubmitted(listingId, sellerOrganisationId, revision));
    }

    @CommandHandler
    void handle(VerifyOwnership command) {
        requireAwaitingOwnershipCheck();
        apply(new OwnershipVerified(listingId, revision));
    }

    @CommandHandler
    void handle(RejectOwnership command) {
        if (command.reason() == null || command.reason().isBlank()) {
            throw RuleViolation.invalid("reason", "Say why the ownership is rejected, so that the seller can put it right");
        }
        requireAwaitingOwnershipCheck();
        apply(new OwnershipRejected(listingId, revision, command.reason().strip()));
    }

    @CommandHandler
    void handle(ConsentAsCoOwner command) {
        if (!status.isBeforePublication()) {
            throw RuleViolation.conflict("consent-closed", "Listing " + listingId + " is " + status
                    + "; co-owners consent before it is published");
        }
        if (!content.coOwners(sellerOrganisationId).contains(command.organisationId())) {
            throw notFound();
        }
        if (consents.contains(command.organisationId())) {
            throw RuleViolation.conflict("co-owner-already-consented", command.organisationId()
                    + " already consented to revision " + revision + " of listing " + listingId);
        }
        apply(new CoOwnerConsented(listingId, command.organisationId(), revision));
    }

    @CommandHandler
    void handle(ChooseSaleMode command) {
        requireSeller(command.organisationId());
        if (command.saleMode() == null) {
            throw RuleViolation.invalid("saleMode", "A sale mode is NEGOTIATION or AUCTION");
        }
        requireBeforePublication("choose its sale mode");
        apply(new SaleModeChosen(listingId, command.saleMode()));
    }

    @CommandHandler
    void handle(PublishListing command) {
        requireSeller(command.organisationId());
        if (command.at() == null) {
            throw RuleViolation.invalid("at", "Publishing needs the time it happens");
        }
        if (status != OWNERSHIP_VERIFIED) {
            requireBeforePublication("publish it");
            throw RuleViolation.conflict("ownership-not-verified", "Listing " + listingId + " is " + status
                    + "; the operator verifies ownership before it can be published");
        }
        if (content.regulatoryCategory() == RegulatoryCategory.PROHIBITED) {
            throw RuleViolation.conflict("transfer-prohibited", "Listing " + listingId
                    + " is a technology whose transfer is prohibited (Law on Technology Transfer 2017, article 11)");
        }
        if (saleMode == null) {
            throw RuleViolation.conflict("sale-mode-not-chosen", "Choose NEGOTIATION or AUCTION before publishing listing " + listingId);
        }
        Set<String> missing = new LinkedHashSet<>(content.coOwners(sellerOrganisationId));
        missing.removeAll(consents);
        if (!missing.isEmpty()) {
            throw RuleViolation.conflict("co-owner-consent-missing", "Listing " + listingId
                    + " cannot be published before every co-owner consents; waiting for " + String.join(", ", missing));
        }
        LocalDate today = LocalDate.ofInstant(command.at(), ZoneOffset.UTC);
        for (IpTitle ipTitle : content.ipTitles()) {
            if (ipTitle.expiryDate().isBefore(today)) {
                throw RuleViolation.conflict("ip-title-expired", ipTitle.office() + " " + ipTitle.number()
                        + " expired on " + ipTitle.expiryDate() + "; it offers no right to license or assign");
            }
        }
        List<IpTitleRef> ipTitles = content.ipTitles().stream().map(IpTitle::ref).toList();
        apply(new ListingPublished(listingId, sellerOrganisationId, content.title(), content.assetType(),
                content.dealTypes(), content.askingPrice(), saleMode, content.regulatoryCategory(), content.stateFunded(),
                ipTitles, command.at()));
    }

    @CommandHandler
    void handle(WithdrawListing command) {
        requireSeller(command.organisationId());
        requireOpen();
        if (status == UNDER_CONTRACT) {
            throw RuleViolation.conflict("listing-under-contract", "Listing " + listingId
                    + " is under contract; it can be withdrawn once the contract is concluded or falls through");
        }
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        apply(new ListingWithdrawn(listingId, reason));
    }

    @CommandHandler
    void handle(MarkUnderNegotiation command) {
        requireId("negotiationId", command.negotiationId());
        if (status == UNDER_NEGOTIATION && openDeals.contains(command.negotiationId()) || hasLeftTheMarket()) {
            // told twice, or news that crossed the listing's withdrawal or contract: nothing to change
            return;
        }
        if (status != UNDER_NEGOTIATION) {
            requireOnMarket(SaleMode.NEGOTIATION);
        }
        apply(new ListingUnderNegotiation(listingId, command.negotiationId()));
    }

    @CommandHandler
    void handle(MarkUnderAuction command) {
        requireId("auctionId", command.auctionId());
        if (status == UNDER_AUCTION && openDeals.contains(command.auctionId()) || hasLeftTheMarket()) {
            return;
        }
        requireOnMarket(SaleMode.AUCTION);
        apply(new ListingUnderAuction(listingId, command.auctionId()));
    }

    @CommandHandler
    void handle(ReturnToMarket command) {
        if (command.dealId() != null && !openDeals.contains(command.dealId())
                && (pendingContract == null || !pendingContract.contractId().equals(command.dealId()))) {
            return; // a deal the listing is no longer under (withdrawn, licensed, under another contract), or never was
        }
        if (status != UNDER_NEGOTIATION && status != UNDER_AUCTION && status != UNDER_CONTRACT) {
            throw RuleViolation.conflict("listing-not-in-a-deal", "Listing " + listingId + " is " + status
                    + "; only a listing under negotiation, auction or contract returns to the market");
        }
        if (command.dealId() != null && status != UNDER_CONTRACT && openDeals.size() > 1) {
            apply(new ListingDealEnded(listingId, command.dealId(), command.reason()));
            return;
        }
        apply(new ListingReturnedToMarket(listingId, command.reason(), licensed ? LICENSED : PUBLISHED));
    }

    @CommandHandler
    void handle(MarkUnderContract command) {
        requireId("contractId", command.contractId());
        requireId("buyerOrganisationId", command.buyerOrganisationId());
        if (status == UNDER_CONTRACT && command.exercisedOption() != null
                && pendingContract.contractId().equals(command.exercisedOption())
                && pendingContract.buyerOrganisationId().equals(command.buyerOrganisationId())) {
            // the option held the listing for this very licence, on terms agreed when the option was: it takes the
            // option's place, whatever deals the listing offers today
            apply(new ListingUnderContract(listingId, command.contractId(), command.buyerOrganisationId(), command.deal()));
            return;
        }
        if (status == UNDER_CONTRACT) {
            throw RuleViolation.conflict("listing-already-under-contract", "Listing " + listingId
                    + " is under contract " + pendingContract.contractId());
        }
        if (status != UNDER_NEGOTIATION && status != UNDER_AUCTION) {
            // a deal made on the exchange is proof enough that it was on the market, even when news of the
            // negotiation itself has not arrived yet
            requireOnMarket(saleMode);
        }
        if (command.buyerOrganisationId().equals(sellerOrganisationId)) {
            throw RuleViolation.invalid("buyerOrganisationId", "A seller cannot buy its own listing");
        }
        DealOption deal = command.deal();
        if (deal == null || content.dealTypes().stream().noneMatch(offered -> offered.covers(deal))) {
            throw RuleViolation.invalid("deal", "Listing " + listingId + " does not offer " + deal + "; it offers " + content.dealTypes());
        }
        if (licensed && deal.dealType() != DealType.NON_EXCLUSIVE_LICENCE) {
            throw RuleViolation.conflict("only-non-exclusive-licences-remain", "Listing " + listingId
                    + " is licensed non-exclusively; a " + deal.dealType() + " would collide with that licence");
        }
        apply(new ListingUnderContract(listingId, command.contractId(), command.buyerOrganisationId(), deal));
    }

    @CommandHandler
    void handle(RecordLicence command) {
        requirePendingContract(command.contractId());
        if (!pendingContract.deal().dealType().isLicence()) {
            throw RuleViolation.conflict("contract-not-a-licence", "Contract " + command.contractId() + " is an "
                    + pendingContract.deal().dealType() + ", not a licence");
        }
        apply(new ListingLicensed(listingId, command.contractId(), pendingContract.buyerOrganisationId(), pendingContract.deal()));
    }

    @CommandHandler
    void handle(RecordTransfer command) {
        requirePendingContract(command.contractId());
        if (pendingContract.deal().dealType() != DealType.ASSIGNMENT) {
            throw RuleViolation.conflict("contract-not-an-assignment", "Contract " + command.contractId() + " is an "
                    + pendingContract.deal().dealType() + ", not an assignment");
        }
        String assignee = pendingContract.buyerOrganisationId();
        apply(new ListingTransferred(listingId, command.contractId(), sellerOrganisationId, assignee));
        apply(new OwnershipChanged(listingId, sellerOrganisationId, assignee,
                content.ipTitles().stream().map(IpTitle::ref).toList()));
    }

    @CommandHandler
    void handle(AttachDocument command) {
        requireSeller(command.organisationId());
        checkDocument(command.document());
        requireOpen();
        if (documentIds.contains(command.document().documentId())) {
            throw RuleViolation.conflict("document-already-attached", "Document " + command.document().documentId()
                    + " is already attached to listing " + listingId);
        }
        apply(new DocumentAttached(listingId, command.document()));
    }

    @CommandHandler
    void handle(RemoveDocument command) {
        requireSeller(command.organisationId());
        requireOpen();
        if (!documentIds.contains(command.documentId())) {
            throw RuleViolation.conflict("document-not-attached", "Listing " + listingId + " has no document " + command.documentId());
        }
        apply(new DocumentRemoved(listingId, command.documentId()));
    }

    @EventSourcingHandler
    void on(ListingDrafted event) {
        listingId = event.listingId();
        sellerOrganisationId = event.sellerOrganisationId();
        status = DRAFT;
        revision = 0;
        content = ListingContent.of(event);
    }

    @EventSourcingHandler
    void on(ListingDraftRevised event) {
        revision = event.revision();
        content = ListingContent.of(event);
        status = DRAFT;
        consents.clear();
    }

    @EventSourcingHandler
    void on(ListingSubmitted event) {
        status = SUBMITTED;
    }

    @EventSourcingHandler
    void on(OwnershipVerified event) {
        status = OWNERSHIP_VERIFIED;
    }

    @EventSourcingHandler
    void on(OwnershipRejected event) {
        status = OWNERSHIP_REJECTED;
    }

    @EventSourcingHandler
    void on(CoOwnerConsented event) {
        consents.add(event.organisationId());
    }

    @EventSourcingHandler
    void on(SaleModeChosen event) {
        saleMode = event.saleMode();
    }

    @EventSourcingHandler
    void on(ListingPublished event) {
        status = PUBLISHED;
    }

    @EventSourcingHandler
    void on(ListingWithdrawn event) {
        status = WITHDRAWN;
        openDeals.clear();
    }

    @EventSourcingHandler
    void on(ListingUnderNegotiation event) {
        status = UNDER_NEGOTIATION;
        openDeals.add(event.negotiationId());
    }

    @EventSourcingHandler
    void on(ListingUnderAuction event) {
        status = UNDER_AUCTION;
        openDeals.add(event.auctionId());
    }

    @EventSourcingHandler
    void on(ListingDealEnded event) {
        openDeals.remove(event.dealId());
    }

    @EventSourcingHandler
    void on(ListingReturnedToMarket event) {
        status = event.status();
        pendingContract = null;
        openDeals.clear();
    }

    @EventSourcingHandler
    void on(ListingUnderContract event) {
        status = UNDER_CONTRACT;
        pendingContract = event;
        openDeals.clear();
    }

    @EventSourcingHandler
    void on(ListingLicensed event) {
        status = LICENSED;
        licensed = true;
        exclusivelyLicensed |= event.licence().dealType() == DealType.EXCLUSIVE_LICENCE;
        pendingContract = null;
    }

    @EventSourcingHandler
    void on(ListingTransferred event) {
        status = TRANSFERRED;
        pendingContract = null;
    }

    @EventSourcingHandler
    void on(OwnershipChanged event) {
        sellerOrganisationId = event.newOwnerOrganisationId();
    }

    @EventSourcingHandler
    void on(DocumentAttached event) {
        documentIds.add(event.document().documentId());
    }

    @EventSourcingHandler
    void on(DocumentRemoved event) {
        documentIds.remove(event.documentId());
    }

    private static void checkContent(ListingContent content, String sellerOrganisationId) {
        if (content == null) {
            throw RuleViolation.invalid("title.vi", "A listing needs a Vietnamese title");
        }
        content.check(sellerOrganisationId);
    }

    private void requireSeller(String organisationId) {
        if (!sellerOrganisationId.equals(organisationId)) {
            throw notFound();
        }
    }

    /** Another organisation's private listing does not exist for it; 404, not 403, so its existence does not leak. */
    private AggregateNotFoundException notFound() {
        return new AggregateNotFoundException(listingId, "No listing " + listingId);
    }

    private void requireAwaitingOwnershipCheck() {
        switch (status) {
            case SUBMITTED -> {
            }
            case OWNERSHIP_VERIFIED -> throw RuleViolation.conflict("ownership-already-verified",
                    "The ownership of listing " + listingId + " was already verified");
            case OWNERSHIP_REJECTED -> throw RuleViolation.conflict("ownership-already-rejected",
                    "The ownership of listing " + listingId + " was already rejected; the seller may revise and submit it again");
            default -> throw RuleViolation.conflict("listing-not-submitted", "Listing " + listingId + " is " + status
                    + "; the operator checks ownership of submitted listings");
        }
    }

    private void requireBeforePublication(String what) {
        if (status == WITHDRAWN) {
            throw RuleViolation.conflict("listing-withdrawn", "Listing " + listingId + " was withdrawn");
        }
        if (!status.isBeforePublication()) {
            throw RuleViolation.conflict("listing-already-published", "Listing " + listingId + " is " + status
                    + "; it is too late to " + what);
        }
    }

    private void requireOpen() {
        if (status == WITHDRAWN) {
            throw RuleViolation.conflict("listing-withdrawn", "Listing " + listingId + " was withdrawn");
        }
        if (status == TRANSFERRED) {
            throw RuleViolation.conflict("listing-transferred", "Listing " + listingId + " was transferred to its buyer");
        }
    }

    /**
     * Withdrawn, transferred or under contract: bidding-service may still report a negotiation or auction it
     * started before it heard of that, and such news changes nothing.
     */
    private boolean hasLeftTheMarket() {
        return status == WITHDRAWN || status == TRANSFERRED || status == UNDER_CONTRACT;
    }

    private void requireOnMarket(SaleMode expected) {
        if (status == LICENSED && exclusivelyLicensed) {
            throw RuleViolation.conflict("listing-exclusively-licensed", "Listing " + listingId
                    + " is licensed exclusively and takes no new deal");
        }
        if (status != PUBLISHED && status != LICENSED) {
            throw RuleViolation.conflict("listing-not-on-market", "Listing " + listingId + " is " + status
                    + "; only a published listing takes new deals");
        }
        if (saleMode != expected) {
            throw RuleViolation.conflict("sale-mode-mismatch", "Listing " + listingId + " is sold by " + saleMode
                    + ", not " + expected);
        }
    }

    private void requirePendingContract(String contractId) {
        if (status != UNDER_CONTRACT) {
            throw RuleViolation.conflict("listing-not-under-contract", "Listing " + listingId + " is " + status
                    + "; a contract takes effect only on a listing under contract");
        }
        if (!pendingContract.contractId().equals(contractId)) {
            throw RuleViolation.conflict("contract-mismatch", "Listing " + listingId + " is under contract "
                    + pendingContract.contractId() + ", not " + contractId);
        }
    }

    private static void requireId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalid(field, field + " is required");
        }
    }

    private static void checkDocument(ListingDocument document) {
        if (document == null) {
            throw RuleViolation.invalid("document", "A document is required");
        }
        requireId("document.documentId", document.documentId());
        if (document.name() == null || document.name().isBlank() || document.name().length() > 255) {
            throw RuleViolation.invalid("document.name", "A document's name is 1 to 255 characters");
        }
        if (document.mediaType() == null || !MEDIA_TYPE.matcher(document.mediaType()).matches()) {
            throw RuleViolation.invalid("document.mediaType", "A media type is like application/pdf, not " + document.mediaType());
        }
        if (document.sha256() == null || !SHA256.matcher(document.sha256()).matches()) {
            throw RuleViolation.invalid("document.sha256", "A SHA-256 digest is 64 lower-case hex digits");
        }
        if (document.sizeBytes() <= 0) {
            throw RuleViolation.invalid("document.sizeBytes", "A document has at least one byte");
        }
        if (document.visibility() == null) {
            throw RuleViolation.invalid("document.visibility", "A document is PUBLIC or CONFIDENTIAL");
        }
    }
}
