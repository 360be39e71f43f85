package io.techex.bidding.auction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.Price;
import io.techex.bidding.listing.BiddableListing;
import io.techex.bidding.listing.BiddableListings;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import io.techex.platform.web.RequestIds;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** English auctions over HTTP: sellers schedule them on their listings, firms bid, everyone may watch. */
@RestController
@RequestMapping("/auctions")
@Tag(name = "English auctions", description = "Open ascending auctions: the seller schedules one on its listing, firms bid, everyone may watch")
class AuctionController {

    private final ActingCommandGateway commands;
    private final BiddableListings listings;
    private final AuctionViews auctions;
    private final Clock clock;

    AuctionController(ActingCommandGateway commands, BiddableListings listings, AuctionViews auctions, Clock clock) {
        this.commands = commands;
        this.listings = listings;
        this.auctions = auctions;
        this.clock = clock;
    }

    /**
     * Only the listing's seller may auction it; to any other organisation the listing is not there (404). A retry
     * whose Idempotency-Key already scheduled the auction is answered as the first request, even if the listing or the
     * time have moved on since.
     */
    @Operation(summary = "Schedule an English auction on the caller's listing (seller)")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<AuctionRef> schedule(@Valid @RequestBody EnglishAuctionScheduleRequest request, @CurrentActor Actor actor,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                        UriComponentsBuilder uris) {
        String auctionId = RequestIds.idFor(actor, idempotencyKey, "auction");
        if (commands.createdEarlier(auctionId, idempotencyKey)) {
            return scheduled(auctionId, uris);
        }
        BiddableListing listing = listings.find(request.listingId().toString())
                .filter(found -> found.sellerOrganisationId().equals(actor.organisationId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No listing " + request.listingId() + " of yours"));
        listings.requireOpen(listing.listingId(), "AUCTION");
        try {
            commands.send(new ScheduleAuction(auctionId, listing.listingId(), listing.sellerOrganisationId(),
                    listing.availableDealTypes(),
                    new AuctionTerms(request.dealType(), request.fieldOfUse(), request.territory(), request.termMonths()),
                    request.currency() == null ? Price.DEFAULT_CURRENCY : request.currency(), request.startingPrice(),
                    request.reservePrice(), request.minimumIncrement(), request.startsAt(), request.endsAt(),
                    request.softCloseMinutes() == null ? 0 : request.softCloseMinutes(), clock.instant()), actor);
        } catch (AggregateStreamCreationException alreadyScheduled) {
            if (idempotencyKey == null) {
                throw alreadyScheduled;
            }
        }
        return scheduled(auctionId, uris);
    }

    private static ResponseEntity<AuctionRef> scheduled(String auctionId, UriComponentsBuilder uris) {
        return ResponseEntity.created(uris.path("/auctions/{id}").buildAndExpand(auctionId).toUri())
                .body(new AuctionRef(auctionId));
    }

    /**
     * A bid, binding once accepted. With an Idempotency-Key the bid's id is derived from the organisation and the key,
     * so a retry counts once even when the Redis record of the first answer is gone: the auction knows the id, and
     * answers with that bid's own number, amount and time.
     */
    @Operation(summary = "Bid (firm)", description = "Binding once accepted. A bid below the minimum is a 409 "
            + "bid-too-low whose minimumBid names the amount to beat.")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{auctionId}/bids")
    ResponseEntity<BidAccepted> bid(@PathVariable UUID auctionId, @Valid @RequestBody BidRequest request,
                                    @CurrentActor Actor actor,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String bidId = RequestIds.idFor(actor, idempotencyKey, "bid", auctionId.toString());
        PlacedBid placed = commands.send(new PlaceBid(auctionId.toString(), bidId, actor.organisationId(),
                request.amount(), request.currency(), clock.instant()), actor);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new BidAccepted(placed.bidId(), placed.bidNumber(), placed.amount(), placed.placedAt()));
    }

    @Operation(summary = "Set the caller's bid limit (firm)")
    @ApiResponse(responseCode = "204", description = "Set")
    @PutMapping("/{auctionId}/bid-limit")
    ResponseEntity<Void> limit(@PathVariable UUID auctionId, @Valid @RequestBody BidRequest request, @CurrentActor Actor actor) {
        commands.send(new SetBidLimit(auctionId.toString(), actor.organisationId(), request.amount(), request.currency()), actor);
        return ResponseEntity.noContent().build();
    }

    /** Anyone may watch an auction; the reserve is the seller's secret, and who leads only the leader's business. */
    @Operation(summary = "An English auction as the caller may see it", description = """
            Its deal, prices, times and bid count for everyone; whether the caller leads (youLead) and the caller's own \
            latest bid (yourBid), so a firm learns it leads or was outbid without learning who bids; the reserve to the \
            seller only.""")
    @GetMapping("/{auctionId}")
    AuctionView get(@PathVariable UUID auctionId, @CurrentActor Actor actor) {
        return auctions.find(auctionId.toString()).map(auction -> view(auction, actor, clock.instant()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No auction " + auctionId));
    }

    @Operation(summary = "English auctions of a listing, or the caller's", description = """
            With listingId, the listing's auctions (anyone may watch them); without, those the caller's organisation \
            sells in or has bid in. The latest to end first, 200 at most; each as GET /auctions/{auctionId} answers it.""")
    @GetMapping
    List<AuctionView> list(@RequestParam(required = false) UUID listingId, @CurrentActor Actor actor) {
        Instant now = clock.instant();
        List<AuctionRow> rows = listingId == null ? auctions.ofOrganisation(actor.organisationId())
                : auctions.onListing(listingId.toString());
        return rows.stream().map(auction -> view(auction, actor, now)).toList();
    }

    private AuctionView view(AuctionRow auction, Actor actor, Instant now) {
        boolean seller = auction.sellerOrganisationId().equals(actor.organisationId());
        AuctionStatus status = auction.status();
        if (status == AuctionStatus.SCHEDULED && !now.isBefore(auction.startsAt())) {
            status = AuctionStatus.OPEN;
        }
        OwnBid yourBid = auctions.bidOf(auction.auctionId(), actor.organisationId())
                .map(own -> new OwnBid(plain(own.amount()), own.bidNumber(), own.placedAt(), own.bids())).orElse(null);
        AuctionTerms terms = auction.terms();
        return new AuctionView(auction.auctionId(), auction.listingId(), auction.sellerOrganisationId(), status,
                terms.dealType(), terms.fieldOfUse(), terms.territory(), terms.termMonths(), auction.currency(),
                plain(auction.startingPrice()), plain(auction.minimumIncrement()), plain(auction.currentPrice()),
                plain(auction.minimumBid()), auction.bidCount(), actor.organisationId().equals(auction.leaderOrganisationId()),
                yourBid, auction.startsAt(), auction.endsAt(), auction.softCloseMinutes(),
                Math.max(0, auction.endsAt().getEpochSecond() - now.getEpochSecond()),
                seller ? plain(auction.reservePrice()) : null);
    }

    private static BigDecimal plain(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
    }

    record EnglishAuctionScheduleRequest(@NotNull UUID listingId, @NotNull DealType dealType, String fieldOfUse, String territory,
                           Integer termMonths, String currency, @NotNull BigDecimal startingPrice,
                           BigDecimal reservePrice, @NotNull BigDecimal minimumIncrement, @NotNull Instant startsAt,
                           @NotNull Instant endsAt, Integer softCloseMinutes) {
    }

    record BidRequest(@NotNull BigDecimal amount, String currency) {
    }

    record AuctionRef(String auctionId) {
    }

    /** @param placedAt when the bid was accepted (what the auction's end and soft close are measured against) */
    record BidAccepted(String bidId, int bidNumber, BigDecimal amount, Instant placedAt) {
    }

    /** The caller's own latest bid, which is its highest; {@code bids}: how many of the auction's bids are its. */
    @Schema(name = "EnglishOwnBid")
    record OwnBid(BigDecimal amount, int bidNumber, Instant placedAt, int bids) {
    }

    /**
     * @param currentPrice the highest bid; null before the first
     * @param youLead      whether the caller's organisation holds the highest bid
     * @param yourBid      the caller's own latest bid; null when it has not bid
     * @param reservePrice the seller's only: null for anyone else, and when the seller set none
     */
    record AuctionView(String auctionId, String listingId, String sellerOrganisationId, AuctionStatus status,
                       DealType dealType, @Nullable String fieldOfUse, @Nullable String territory,
                       @Nullable Integer termMonths, String currency, BigDecimal startingPrice,
                       BigDecimal minimumIncrement, @Nullable BigDecimal currentPrice, BigDecimal minimumBid,
                       int bidCount, boolean youLead, @Nullable OwnBid yourBid, Instant startsAt, Instant endsAt,
                       int softCloseMinutes, long secondsLeft, @Nullable BigDecimal reservePrice) {
    }
}
