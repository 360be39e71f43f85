package io.techex.console.auction;

import io.techex.console.format.Formats;
import io.techex.console.security.SignedIn;
import io.techex.console.services.Bidding;
import io.techex.console.services.BiddingModel.Auction;
import io.techex.console.services.BiddingModel.BidAccepted;
import io.techex.console.services.Contracts;
import io.techex.console.services.ContractModel.Contract;
import io.techex.console.services.Listings;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.ReadYourWrites;
import io.techex.console.services.ServiceClients;
import io.techex.console.services.ServiceProblem;
import io.techex.console.services.ServiceUnavailable;
import io.techex.console.web.Confirmation;
import io.techex.console.web.IdempotencyKeys;
import io.techex.console.web.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.techex.console.catalogue.ListingPageController.checked;

/**
 * English auctions: the seller schedules one from its listing ({@code /technologies/{id}/auctions/new}, sealed-bid ones
 * too); firms watch the live board on {@code /auctions/{id}}, relayed from bidding-service without reloading, and bid
 * with the minimum pre-filled. A bid binds: it is shown once, with its amount in words, before it is sent, and a bid
 * that came too late says the amount to beat.
 */
@Controller
class AuctionController {

    private final Bidding bidding;
    private final Listings listings;
    private final Contracts contracts;
    private final LiveBoardRelay relay;
    private final ServiceClients clients;
    private final Refusals refusals;
    private final MessageSource messages;
    private final Formats fmt;
    private final Clock clock;

    AuctionController(Bidding bidding, Listings listings, Contracts contracts, LiveBoardRelay relay, ServiceClients clients,
                      Refusals refusals, MessageSource messages, Formats fmt, Clock clock) {
        this.bidding = bidding;
        this.listings = listings;
        this.contracts = contracts;
        this.relay = relay;
        this.clients = clients;
        this.refusals = refusals;
        this.messages = messages;
        this.fmt = fmt;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ scheduling, by the seller

    @GetMapping("/technologies/{listingId}/auctions/new")
    String scheduleForm(@PathVariable String listingId, @RequestParam(defaultValue = ScheduleForm.ENGLISH) String format,
                        Model model) {
        Listing listing = listings.listing(checked(listingId));
        return schedulePage(model, listing, ScheduleForm.starting(format, clock.instant(), fmt), IdempotencyKeys.fresh());
    }

    @PostMapping("/technologies/{listingId}/auctions")
    String schedule(@PathVariable String listingId, @ModelAttribute("form") ScheduleForm form, BindingResult binding,
                    @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                    @RequestParam(name = Confirmation.CONFIRMED, required = false) String confirmed,
                    @RequestParam(name = Confirmation.CHANGE, required = false) String change,
                    Model model, RedirectAttributes redirect) {
        Listing listing = listings.listing(checked(listingId));
        String idempotencyKey = IdempotencyKeys.of(key);
        Locale locale = LocaleContextHolder.getLocale();
        if (change != null) {
            return schedulePage(model, listing, form, idempotencyKey);
        }
        ScheduleForm.Summary summary = form.summary(listing, locale);
        if (confirmed == null && summary != null) {
            model.addAttribute("listing", listing);
            model.addAttribute("schedule", summary);
            List<Map.Entry<String, String>> hidden = new java.util.ArrayList<>(form.hiddenFields());
            hidden.add(Map.entry(IdempotencyKeys.FIELD, idempotencyKey));
            return new Confirmation("schedule.confirm.title", "schedule.confirm.lead",
                    "/technologies/" + listing.listingId() + "/auctions", "schedule.confirm.button", "schedule", hidden)
                    .show(model);
        }
        try {
            Map<String, Object> request = form.toRequest(listing, locale);
            String page;
            if (form.isSealedBid()) {
                String auctionId = bidding.scheduleSealedBidAuction(request, idempotencyKey);
                ReadYourWrites.await(() -> bidding.sealedBidAuction(auctionId) != null);
                page = "/sealed-bid-auctions/" + auctionId;
            } else {
                String auctionId = bidding.scheduleAuction(request, idempotencyKey);
                ReadYourWrites.await(() -> bidding.auction(auctionId) != null);
                page = "/auctions/" + auctionId;
            }
            redirect.addFlashAttribute("done", messages.getMessage("schedule.done", new Object[]{fmt.instant(clock.instant())},
                    locale));
            return "redirect:" + page;
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal() && !refused.isNotFound()) {
                throw refused;
            }
            refusals.bind(refused, binding, form::formPath);
            return schedulePage(model, listing, form, IdempotencyKeys.fresh());
        }
    }

    private String schedulePage(Model model, Listing listing, ScheduleForm form, String idempotencyKey) {
        model.addAttribute("listing", listing);
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", idempotencyKey);
        return "auction-schedule";
    }

    // ------------------------------------------------------------------ the auction and its live board

    @GetMapping("/auctions/{auctionId}")
    String auction(@PathVariable String auctionId, @RequestParam(required = false) String amount,
                   @RequestParam(required = false) String maximum, Model model) {
        Auction auction = bidding.auction(checked(auctionId));
        Locale locale = LocaleContextHolder.getLocale();
        SignedIn me = SignedIn.current().orElseThrow();
        boolean seller = me.organisation().equals(auction.sellerOrganisationId());
        model.addAttribute("auction", auction);
        model.addAttribute("listing", listingOf(auction.listingId()));
        model.addAttribute("board", LiveBoard.of(auction, locale, messages));
        model.addAttribute("isSeller", seller);
        model.addAttribute("canBid", me.isFirm() && !seller && !auction.isClosed());
        model.addAttribute("bidAmount", amount != null ? amount : auction.minimumBid() == null ? "" : fmt.decimal(auction.minimumBid()));
        model.addAttribute("bidMaximum", maximum != null ? maximum : "");
        boolean party = seller || auction.youLead();
        model.addAttribute("contract", "WON".equals(auction.status()) && party ? contractOf(auction.auctionId()) : null);
        return "auction";
    }

    /** The live board for this reader, relayed with their token, which stays on this side. */
    @GetMapping(path = "/auctions/{auctionId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String auctionId) {
        return relay.open(checked(auctionId), clients.personToken(), LocaleContextHolder.getLocale());
    }

    @PostMapping("/auctions/{auctionId}/bids")
    String bid(@PathVariable String auctionId, @RequestParam(required = false) String amount,
               @RequestParam(required = false) String maximum,
               @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
               @RequestParam(name = Confirmation.CONFIRMED, required = false) String confirmed,
               @RequestParam(name = Confirmation.CHANGE, required = false) String change,
               Model model, RedirectAttributes redirect) {
        Auction auction = bidding.auction(checked(auctionId));
        Locale locale = LocaleContextHolder.getLocale();
        String back = "redirect:/auctions/" + auction.auctionId();
        if (change != null) {
            keep(redirect, amount, maximum);
            return back;
        }
        BigDecimal value = parsed(amount, locale);
        boolean hasMaximum = maximum != null && !maximum.isBlank();
        BigDecimal most = hasMaximum ? parsed(maximum, locale) : null;
        if (value == null || hasMaximum && most == null) {
            redirect.addFlashAttribute("problems", List.of(refusals.message(value == null ? "field.amount" : "field.maximum")));
            keep(redirect, amount, maximum);
            return back;
        }
        String idempotencyKey = IdempotencyKeys.of(key);
        if (confirmed == null) {
            model.addAttribute("auction", auction);
            model.addAttribute("listing", listingOf(auction.listingId()));
            model.addAttribute("amount", value);
            model.addAttribute("maximum", most);
            return new Confirmation("auction.confirm.title", most == null ? "auction.confirm.lead" : "auction.confirm.leadWithMaximum",
                    "/auctions/" + auction.auctionId() + "/bids", "auction.confirm.button", "bid",
                    List.of(Map.entry("amount", amount), Map.entry("maximum", hasMaximum ? maximum : ""),
                            Map.entry(IdempotencyKeys.FIELD, idempotencyKey))).show(model);
        }
        try {
            BidAccepted accepted = bidding.bid(auction.auctionId(), value, most, auction.currency(), idempotencyKey);
            ReadYourWrites.await(() -> {
                Auction now = bidding.auction(auction.auctionId());
                return now.yourBid() != null && now.yourBid().bidNumber() >= accepted.bidNumber();
            });
            redirect.addFlashAttribute("done", messages.getMessage("auction.done.bid", new Object[]{
                    Formats.money(accepted.amount() == null ? value : accepted.amount(), auction.currency(), locale),
                    accepted.bidNumber(), Formats.instant(accepted.placedAt(), locale, true)}, locale)
                    + (accepted.youLead() ? "" : " " + messages.getMessage("auction.done.answeredByMaximum", null, locale)));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            if ("bid-too-low".equals(refused.slug()) && refused.member("minimumBid").has("amount")) {
                BigDecimal minimum = new BigDecimal(refused.member("minimumBid").path("amount").asString());
                String words = Formats.moneyInWords(minimum, auction.currency(), locale);
                redirect.addFlashAttribute("problems", List.of(messages.getMessage("auction.tooLow", new Object[]{
                        Formats.money(minimum, auction.currency(), locale), words == null ? "" : " (" + words + ")"}, locale)));
                redirect.addAttribute("amount", fmt.decimal(minimum));
                redirect.addAttribute("maximum", hasMaximum ? maximum : "");
            } else {
                redirect.addFlashAttribute("problems", refusals.describe(refused));
                keep(redirect, amount, maximum);
            }
        }
        return back;
    }

    /** The form as the person typed it, to be changed rather than typed again. */
    private static void keep(RedirectAttributes redirect, String amount, String maximum) {
        redirect.addAttribute("amount", amount);
        if (maximum != null && !maximum.isBlank()) {
            redirect.addAttribute("maximum", maximum);
        }
    }

    private static BigDecimal parsed(String typed, Locale locale) {
        String plain = Formats.plainAmount(typed, locale);
        try {
            return plain == null ? null : new BigDecimal(plain);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    Listing listingOf(String listingId) {
        try {
            return listings.listing(listingId);
        } catch (ServiceProblem | ServiceUnavailable notReadable) {
            return null;
        }
    }

    /** The contract drawn up from the auction's deal, once contract-service has it. */
    Contract contractOf(String dealId) {
        try {
            return contracts.contracts().stream().filter(contract -> dealId.equals(contract.dealId())).findFirst().orElse(null);
        } catch (ServiceProblem | ServiceUnavailable notYet) {
            return null;
        }
    }
}
