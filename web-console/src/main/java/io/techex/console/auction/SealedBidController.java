package io.techex.console.auction;

import io.techex.console.format.Formats;
import io.techex.console.security.SignedIn;
import io.techex.console.services.Bidding;
import io.techex.console.services.BiddingModel.Committed;
import io.techex.console.services.BiddingModel.SealedBidAuction;
import io.techex.console.services.ReadYourWrites;
import io.techex.console.services.ServiceProblem;
import io.techex.console.web.IdempotencyKeys;
import io.techex.console.web.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import static io.techex.console.catalogue.ListingPageController.checked;

/**
 * {@code /sealed-bid-auctions/{id}}: a sealed-bid auction. The firm's browser computes the commitment from the amount
 * and a random secret ({@code sealed-bid.js}), so only the hash reaches the console and bidding-service before the
 * reveal; the firm keeps the secret (in the browser, and as a file), and the reveal sends amount and secret back, which
 * bidding-service checks against the hash. The page says what is hidden from whom until when.
 */
@Controller
class SealedBidController {

    private final Bidding bidding;
    private final AuctionController auctions;
    private final Refusals refusals;
    private final MessageSource messages;

    SealedBidController(Bidding bidding, AuctionController auctions, Refusals refusals, MessageSource messages) {
        this.bidding = bidding;
        this.auctions = auctions;
        this.refusals = refusals;
        this.messages = messages;
    }

    @GetMapping("/sealed-bid-auctions/{auctionId}")
    String auction(@PathVariable String auctionId, Model model) {
        SealedBidAuction auction = bidding.sealedBidAuction(checked(auctionId));
        SignedIn me = SignedIn.current().orElseThrow();
        boolean seller = me.organisation().equals(auction.sellerOrganisationId());
        boolean bidder = me.isFirm() && !seller;
        model.addAttribute("auction", auction);
        model.addAttribute("listing", auctions.listingOf(auction.listingId()));
        model.addAttribute("isSeller", seller);
        model.addAttribute("canCommit", bidder && "COMMITTING".equals(auction.phase()) && auction.yourBid() == null);
        model.addAttribute("canReveal", bidder && "REVEALING".equals(auction.phase()) && auction.yourBid() != null
                && !auction.yourBid().revealed());
        model.addAttribute("contract", "WON".equals(auction.phase()) && (seller || Boolean.TRUE.equals(auction.youWon()))
                ? auctions.contractOf(auction.auctionId()) : null);
        return "sealed-bid-auction";
    }

    /** Only the hash: the amount never left the firm's browser. */
    @PostMapping("/sealed-bid-auctions/{auctionId}/commitments")
    String commit(@PathVariable String auctionId, @RequestParam(required = false) String commitment,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(auctionId);
        Locale locale = LocaleContextHolder.getLocale();
        try {
            Committed committed = bidding.commit(id, commitment == null ? "" : commitment.strip(), IdempotencyKeys.of(key));
            ReadYourWrites.await(() -> bidding.sealedBidAuction(id).yourBid() != null);
            SealedBidAuction now = bidding.sealedBidAuction(id);
            redirect.addFlashAttribute("done", messages.getMessage("sealed.done.committed", new Object[]{
                    committed.commitNumber(), now.yourBid() == null ? "" : Formats.instant(now.yourBid().committedAt(), locale, true)},
                    locale));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/sealed-bid-auctions/" + id;
    }

    @PostMapping("/sealed-bid-auctions/{auctionId}/reveals")
    String reveal(@PathVariable String auctionId, @RequestParam(required = false) String amount,
                  @RequestParam(required = false) String currency, @RequestParam(required = false) String secret,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(auctionId);
        Locale locale = LocaleContextHolder.getLocale();
        try {
            BigDecimal value = new BigDecimal(amount == null ? "" : amount.strip());
            bidding.reveal(id, value, currency == null || currency.isBlank() ? "VND" : currency.strip(),
                    secret == null ? "" : secret, IdempotencyKeys.of(key));
            ReadYourWrites.await(() -> {
                SealedBidAuction now = bidding.sealedBidAuction(id);
                return now.yourBid() != null && now.yourBid().revealed();
            });
            redirect.addFlashAttribute("done", messages.getMessage("sealed.done.revealed", new Object[]{
                    Formats.money(value, currency, locale)}, locale));
        } catch (NumberFormatException notAnAmount) {
            redirect.addFlashAttribute("problems", List.of(refusals.message("field.amount")));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/sealed-bid-auctions/" + id;
    }
}
