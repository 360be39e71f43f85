package io.techex.bidding.sealed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.Price;
import io.techex.bidding.auction.AuctionTerms;
import io.techex.bidding.listing.BiddableListing;
import io.techex.bidding.listing.BiddableListings;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import io.techex.platform.web.RequestIds;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

/**
 * Sealed-bid auctions over HTTP: sellers schedule them on their listings, firms commit a hash and later reveal, anyone
 * may watch. No amount is shown to anyone before the auction closes, not even a firm's revealed amount to the seller.
 */
@RestController
@RequestMapping("/sealed-bid-auctions")
@Tag(name = "Sealed-bid auctions", description = "Firms commit to a hashed bid, then reveal it; no amount is shown before the close")
class SealedBidAuctionController {

    private final ActingCommandGateway commands;
    private final BiddableListings listings;
    private final SealedBidAuctionViews auctions;
    private final Clock clock;

    SealedBidAuctionController(ActingCommandGateway commands, BiddableListings listings, SealedBidAuctionViews auctions,
                               Clock clock) {
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
    @Operation(summary = "Schedule a sealed-bid auction on the caller's listing (seller)")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<AuctionRef> schedule(@Valid @RequestBody SealedBidScheduleRequest request, @CurrentActor Actor actor,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                        UriComponentsBuilder uris) {
        String auctionId = RequestIds.idFor(actor, idempotencyKey, "sealed-bid-auction");
        if (commands.createdEarlier(auctionId, idempotencyKey)) {
            return scheduled(auctionId, uris);
        }
        BiddableListing listing = listings.find(request.listingId().toString())
                .filter(found -> found.sellerOrganisationId().equals(actor.organisationId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No listing " + request.listingId() + " of yours"));
        listings.requireOpen(listing.listingId(), "AUCTION");
        try {
            commands.send(new ScheduleSealedBidAuction(auctionId, listing.listingId(), listing.sellerOrganisationId(),
                    listing.availableDealTypes(),
                    new AuctionTerms(request.dealType(), request.fieldOfUse(), request.territory(), request.termMonths()),
                    request.currency() == null ? Price.DEFAULT_CURRENCY : request.currency(), request.reservePrice(),
                    request.startsAt(), request.bidsDueAt(), request.endsAt(), clock.instant()), actor);
        } catch (AggregateStreamCreationException alreadyScheduled) {
            if (idempotencyKey == null) {
                throw alreadyScheduled;
            }
        }
        return scheduled(auctionId, uris);
    }

    private static ResponseEntity<AuctionRef> scheduled(String auctionId, UriComponentsBuilder uris) {
        return ResponseEntity.created(uris.path("/sealed-bid-auctions/{id}").buildAndExpand(auctionId).toUri())
                .body(new AuctionRef(auctionId));
    }

    /**
     * A commitment: the hash only. With an Idempotency-Key the bid's id is derived from the organisation and the key,
     * so a retry is answered as the first commitment even when the Redis record of the first answer is gone.
     */
    @Operation(summary = "Commit to a sealed bid (firm)", description = "The SHA-256 of auctionId|bidder|amount|currency|secret, in hex.")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{auctionId}/commitments")
    ResponseEntity<Committed> commit(@PathVariable UUID auctionId, @Valid @RequestBody CommitRequest request,
                                     @CurrentActor Actor actor,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String bidId = RequestIds.idFor(actor, idempotencyKey, "sealed-bid", auctionId.toString());
        Integer commitNumber = commands.send(new CommitSealedBid(auctionId.toString(), bidId, actor.organisationId(),
                request.commitment(), clock.instant()), actor);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Committed(bidId, commitNumber, request.commitment()));
    }

    @Operation(summary = "Reveal the committed bid (firm)")
    @PostMapping("/{auctionId}/reveals")
    Revealed reveal(@PathVariable UUID auctionId, @Valid @RequestBody RevealRequest request, @CurrentActor Actor actor) {
        commands.send(new RevealSealedBid(auctionId.toString(), actor.organisationId(), request.amount(),
                request.currency(), request.secret(), clock.instant()), actor);
        return new Revealed(auctionId.toString(), request.amount());
    }

    /**
     * Everyone sees the phase, the times and how many bids were committed and revealed. Amounts only once the auction
     * has closed: the winning amount; a firm its own bid and whether it won. The reserve is the seller's alone.
     */
    @Operation(summary = "Read a sealed-bid auction", description = "Phase, times and counts for everyone; amounts only "
            + "once closed (the winning amount, a firm's own bid); the reserve to its seller only.")
    @GetMapping("/{auctionId}")
    SealedBidAuctionView get(@PathVariable UUID auctionId, @CurrentActor Actor actor) {
        return auctions.find(auctionId.toString()).map(auction -> view(auction, actor, clock.instant()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No auction " + auctionId));
    }

    @Operation(summary = "Sealed-bid auctions of a listing, or the caller's", description = """
            With listingId, the listing's sealed-bid auctions (anyone may watch them); without, those the caller's \
            organisation sells in or has committed a bid to. The latest to end first, 200 at most; each as \
            GET /sealed-bid-auctions/{auctionId} answers it.""")
    @GetMapping
    List<SealedBidAuctionView> list(@RequestParam(required = false) UUID listingId, @CurrentActor Actor actor) {
        Instant now = clock.instant();
        List<SealedBidAuctionRow> rows = listingId == null ? auctions.ofOrganisation(actor.organisationId())
                : auctions.onListing(listingId.toString());
        return rows.stream().map(auction -> view(auction, actor, now)).toList();
    }

    private SealedBidAuctionView view(SealedBidAuctionRow auction, Actor actor, Instant now) {
        boolean closed = auction.closed();
        SealedBidPhase phase = closed ? SealedBidPhase.valueOf(auction.status())
                : SealedBidPhase.at(now, auction.startsAt(), auction.bidsDueAt(), auction.endsAt());
        boolean seller = auction.sellerOrganisationId().equals(actor.organisationId());
        OwnSealedBid own = auctions.bidOf(auction.auctionId(), actor.organisationId()).map(bid -> new OwnSealedBid(bid.commitment(),
                bid.commitNumber(), bid.committedAt(), plain(bid.amount()), bid.revealed(), bid.voided())).orElse(null);
        AuctionTerms terms = auction.terms();
        return new SealedBidAuctionView(auction.auctionId(), auction.listingId(), auction.sellerOrganisationId(), phase,
                terms.dealType(), terms.fieldOfUse(), terms.territory(), terms.termMonths(), auction.currency(),
                auction.startsAt(), auction.bidsDueAt(), auction.endsAt(), auction.commitmentCount(),
                auction.revealedCount(), closed ? plain(auction.winningAmount()) : null,
                closed ? actor.organisationId().equals(auction.winnerOrganisationId()) : null,
                seller ? plain(auction.reservePrice()) : null, own);
    }

    private static BigDecimal plain(BigDecimal amount) {
        return amount == null ? null : new BigDecimal(SealedBidCommitment.canonicalAmount(amount));
    }

    record SealedBidScheduleRequest(@NotNull UUID listingId, @NotNull DealType dealType, String fieldOfUse, String territory,
                           Integer termMonths, String currency, BigDecimal reservePrice, @NotNull Instant startsAt,
                           @NotNull Instant bidsDueAt, @NotNull Instant endsAt) {
    }

    /** @param commitment lowercase hex SHA-256 of {@code auctionId|bidderOrganisationId|amount|currency|secret} */
    record CommitRequest(@NotBlank String commitment) {
    }

    record RevealRequest(@NotNull BigDecimal amount, String currency, @NotBlank String secret) {
    }

    record AuctionRef(String auctionId) {
    }

    record Committed(String bidId, int commitNumber, String commitment) {
    }

    record Revealed(String auctionId, BigDecimal amount) {
    }

    /** The caller's own bid: its amount once revealed (its own business, so shown to it alone). */
    record OwnSealedBid(String commitment, int commitNumber, Instant committedAt, @Nullable BigDecimal amount, boolean revealed,
                  boolean voided) {
    }

    /**
     * @param winningAmount once closed with a winner
     * @param youWon        once closed
     * @param reservePrice  the seller's only
     * @param yourBid       the caller's own bid, if it committed one
     */
    record SealedBidAuctionView(String auctionId, String listingId, String sellerOrganisationId, SealedBidPhase phase,
                                DealType dealType, @Nullable String fieldOfUse, @Nullable String territory, @Nullable Integer termMonths,
                                String currency, Instant startsAt, Instant bidsDueAt, Instant endsAt, int bidCount,
                                int revealedCount, @Nullable BigDecimal winningAmount, @Nullable Boolean youWon,
                                @Nullable BigDecimal reservePrice, @Nullable OwnSealedBid yourBid) {
    }
}
