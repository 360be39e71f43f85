package io.techex.listing.catalogue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.listing.api.SaleMode;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.UUID;

/**
 * A listing's way to the market: the seller submits it, the operator checks ownership, co-owners consent, the seller
 * chooses how to sell and publishes, and may withdraw it. Each call is one command on the listing; the listing
 * refuses what its state does not allow (409) and what its content lacks (422). Every answer is the status the
 * listing moved to.
 */
@RestController
@RequestMapping("/listings/{listingId}")
@Tag(name = "Listing lifecycle", description = "From draft to the market and off it: submission, the operator's "
        + "ownership check, co-owners' consent, sale mode, publication, withdrawal")
class ListingLifecycleController {

    private final ActingCommandGateway commands;
    private final Clock clock;

    ListingLifecycleController(ActingCommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** Seller: the listing is complete; the operator may check who owns it. */
    @Operation(summary = "Submit a listing for the ownership check")
    @PostMapping("/submission")
    StatusChange submit(@PathVariable UUID listingId, @CurrentActor Actor actor) {
        commands.send(new SubmitListing(listingId.toString(), actor.organisationId()), actor);
        return new StatusChange(listingId, ListingStatus.SUBMITTED);
    }

    /** Operator: the ownership documents prove the seller holds the rights it offers. */
    @Operation(summary = "Verify the seller's ownership (operator)")
    @PostMapping("/ownership-verification")
    StatusChange verifyOwnership(@PathVariable UUID listingId, @CurrentActor Actor actor) {
        commands.send(new VerifyOwnership(listingId.toString()), actor);
        return new StatusChange(listingId, ListingStatus.OWNERSHIP_VERIFIED);
    }

    /** Operator: they do not; the reason tells the seller what to put right before submitting again. */
    @Operation(summary = "Reject the seller's ownership, with the reason (operator)")
    @PostMapping("/ownership-rejection")
    StatusChange rejectOwnership(@PathVariable UUID listingId, @Valid @RequestBody Reason rejection, @CurrentActor Actor actor) {
        commands.send(new RejectOwnership(listingId.toString(), rejection.reason()), actor);
        return new StatusChange(listingId, ListingStatus.OWNERSHIP_REJECTED);
    }

    /** A co-owner named on the listing's IP titles agrees to its being offered. */
    @Operation(summary = "Consent as a co-owner of the listing's IP titles")
    @PostMapping("/co-owner-consent")
    void consent(@PathVariable UUID listingId, @CurrentActor Actor actor) {
        commands.send(new ConsentAsCoOwner(listingId.toString(), actor.organisationId()), actor);
    }

    /** Seller: negotiate with firms one by one, or auction. */
    @Operation(summary = "Choose how to sell: negotiation or auction")
    @PutMapping("/sale-mode")
    void chooseSaleMode(@PathVariable UUID listingId, @Valid @RequestBody SaleModeChoice choice, @CurrentActor Actor actor) {
        commands.send(new ChooseSaleMode(listingId.toString(), actor.organisationId(), choice.saleMode()), actor);
    }

    /** Seller: on the market from now; title expiry is judged at this instant. */
    @Operation(summary = "Publish a verified listing")
    @PostMapping("/publication")
    StatusChange publish(@PathVariable UUID listingId, @CurrentActor Actor actor) {
        commands.send(new PublishListing(listingId.toString(), actor.organisationId(), clock.instant()), actor);
        return new StatusChange(listingId, ListingStatus.PUBLISHED);
    }

    /** Seller: off the market, with an optional reason. */
    @Operation(summary = "Withdraw a listing from the market")
    @PostMapping("/withdrawal")
    StatusChange withdraw(@PathVariable UUID listingId, @Valid @RequestBody(required = false) OptionalReason withdrawal,
                          @CurrentActor Actor actor) {
        commands.send(new WithdrawListing(listingId.toString(), actor.organisationId(),
                withdrawal == null ? null : withdrawal.reason()), actor);
        return new StatusChange(listingId, ListingStatus.WITHDRAWN);
    }

    record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    record OptionalReason(@Size(max = 2000) String reason) {
    }

    record SaleModeChoice(@NotNull SaleMode saleMode) {
    }

    record StatusChange(UUID listingId, ListingStatus status) {
    }
}
