package io.techex.console.negotiation;

import io.techex.console.format.Formats;
import io.techex.console.services.Bidding;
import io.techex.console.services.BiddingModel.Negotiation;
import io.techex.console.services.Contracts;
import io.techex.console.services.ContractModel.Contract;
import io.techex.console.services.Listings;
import io.techex.console.services.Model.Deal;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.ReadYourWrites;
import io.techex.console.services.ServiceProblem;
import io.techex.console.services.ServiceUnavailable;
import io.techex.console.web.Confirmation;
import io.techex.console.web.IdempotencyKeys;
import io.techex.console.web.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static io.techex.console.catalogue.ListingPageController.checked;

/**
 * Negotiations: a firm makes an offer on one of a listing's deal options ({@code /technologies/{id}/offer}); both
 * parties follow it on {@code /negotiations/{id}}, the term sheet's whole history round by round with what changed
 * marked, and the party whose turn it is (bidding-service says whose) counters, accepts or rejects. Offers and
 * acceptances bind: each is shown once, with its amounts in words, before it is sent.
 */
@Controller
class NegotiationController {

    private final Bidding bidding;
    private final Listings listings;
    private final Contracts contracts;
    private final Refusals refusals;
    private final MessageSource messages;
    private final Formats fmt;
    private final Clock clock;

    NegotiationController(Bidding bidding, Listings listings, Contracts contracts, Refusals refusals,
                          MessageSource messages, Formats fmt, Clock clock) {
        this.bidding = bidding;
        this.listings = listings;
        this.contracts = contracts;
        this.refusals = refusals;
        this.messages = messages;
        this.fmt = fmt;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ a firm's first offer

    @GetMapping("/technologies/{listingId}/offer")
    String offerForm(@PathVariable String listingId, @RequestParam(defaultValue = "0") int option, Model model) {
        Listing listing = listings.listing(checked(listingId));
        List<Deal> options = listing.dealTypes();
        if (options.isEmpty()) {
            return "redirect:/technologies/" + listing.listingId();
        }
        Deal chosen = options.get(Math.floorMod(option, options.size()));
        return offerPage(model, listing, TermsForm.forOption(chosen, clock.instant(), fmt), IdempotencyKeys.fresh());
    }

    @PostMapping("/technologies/{listingId}/offer")
    String offer(@PathVariable String listingId, @ModelAttribute("form") TermsForm form, BindingResult binding,
                 @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                 @RequestParam(name = Confirmation.CONFIRMED, required = false) String confirmed,
                 @RequestParam(name = Confirmation.CHANGE, required = false) String change,
                 Model model, RedirectAttributes redirect) {
        Listing listing = listings.listing(checked(listingId));
        String idempotencyKey = IdempotencyKeys.of(key);
        if (change != null) {
            return offerPage(model, listing, form, idempotencyKey);
        }
        var terms = form.parsed(LocaleContextHolder.getLocale());
        if (confirmed == null && terms != null) {
            model.addAttribute("terms", terms);
            model.addAttribute("validUntil", form.validUntilInstant());
            model.addAttribute("listing", listing);
            return new Confirmation("offer.confirm.title", "offer.confirm.lead", "/technologies/" + listing.listingId() + "/offer",
                    "offer.confirm.button", "terms", withKey(form.hiddenFields(), idempotencyKey)).show(model);
        }
        try {
            Map<String, Object> request = new java.util.LinkedHashMap<>();
            request.put("listingId", listing.listingId());
            request.putAll(form.toRequest(LocaleContextHolder.getLocale()));
            String negotiationId = bidding.offer(request, idempotencyKey);
            ReadYourWrites.await(() -> bidding.negotiation(negotiationId) != null);
            Negotiation made = bidding.negotiation(negotiationId);
            redirect.addFlashAttribute("done", messages.getMessage("negotiation.done.offered",
                    new Object[]{fmt.instant(made.rounds().isEmpty() ? null : made.rounds().getFirst().madeAt()),
                            fmt.instant(made.validUntil())}, LocaleContextHolder.getLocale()));
            return "redirect:/negotiations/" + negotiationId;
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            refusals.bind(refused, binding, form::formPath);
            // nothing was offered: the corrected form is another request, under a fresh key
            return offerPage(model, listing, form, IdempotencyKeys.fresh());
        }
    }

    private String offerPage(Model model, Listing listing, TermsForm form, String idempotencyKey) {
        model.addAttribute("listing", listing);
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", idempotencyKey);
        return "offer";
    }

    // ------------------------------------------------------------------ the negotiation

    @GetMapping("/negotiations/{negotiationId}")
    String negotiation(@PathVariable String negotiationId, Model model) {
        Negotiation negotiation = bidding.negotiation(checked(negotiationId));
        return page(model, negotiation, negotiation.yourTurn() ? TermsForm.of(negotiation.terms(), clock.instant(), fmt) : null,
                IdempotencyKeys.fresh());
    }

    @PostMapping("/negotiations/{negotiationId}/counter-offer")
    String counter(@PathVariable String negotiationId, @ModelAttribute("form") TermsForm form, BindingResult binding,
                   @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                   @RequestParam(name = Confirmation.CONFIRMED, required = false) String confirmed,
                   @RequestParam(name = Confirmation.CHANGE, required = false) String change,
                   Model model, RedirectAttributes redirect) {
        Negotiation negotiation = bidding.negotiation(checked(negotiationId));
        String idempotencyKey = IdempotencyKeys.of(key);
        // the firm chose the kind of deal; a counter-offer negotiates its terms
        form.setDealType(negotiation.terms().dealType());
        if (change != null) {
            return page(model, negotiation, form, idempotencyKey);
        }
        var terms = form.parsed(LocaleContextHolder.getLocale());
        if (confirmed == null && terms != null) {
            model.addAttribute("terms", terms);
            model.addAttribute("validUntil", form.validUntilInstant());
            model.addAttribute("negotiation", negotiation);
            model.addAttribute("listing", listingOf(negotiation));
            return new Confirmation("counter.confirm.title", "counter.confirm.lead",
                    "/negotiations/" + negotiation.negotiationId() + "/counter-offer", "counter.confirm.button", "terms",
                    withKey(form.hiddenFields(), idempotencyKey)).show(model);
        }
        try {
            bidding.counter(negotiation.negotiationId(), form.toRequest(LocaleContextHolder.getLocale()), idempotencyKey);
            ReadYourWrites.await(() -> bidding.negotiation(negotiation.negotiationId()).round() > negotiation.round());
            Negotiation countered = bidding.negotiation(negotiation.negotiationId());
            redirect.addFlashAttribute("done", messages.getMessage("negotiation.done.countered",
                    new Object[]{countered.round(), fmt.instant(countered.rounds().getLast().madeAt()),
                            fmt.instant(countered.validUntil())}, LocaleContextHolder.getLocale()));
            return "redirect:/negotiations/" + negotiation.negotiationId();
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            refusals.bind(refused, binding, form::formPath);
            return page(model, bidding.negotiation(negotiation.negotiationId()), form, IdempotencyKeys.fresh());
        }
    }

    @PostMapping("/negotiations/{negotiationId}/acceptance")
    String accept(@PathVariable String negotiationId,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                  @RequestParam(name = Confirmation.CONFIRMED, required = false) String confirmed,
                  Model model, RedirectAttributes redirect) {
        Negotiation negotiation = bidding.negotiation(checked(negotiationId));
        String idempotencyKey = IdempotencyKeys.of(key);
        if (confirmed == null) {
            model.addAttribute("terms", negotiation.terms());
            model.addAttribute("validUntil", null);
            model.addAttribute("negotiation", negotiation);
            model.addAttribute("listing", listingOf(negotiation));
            return new Confirmation("accept.confirm.title", negotiation.isBuyer() ? "accept.confirm.lead.buyer"
                    : "accept.confirm.lead.seller", "/negotiations/" + negotiation.negotiationId() + "/acceptance",
                    "accept.confirm.button", "terms", withKey(List.of(), idempotencyKey)).show(model);
        }
        try {
            bidding.accept(negotiation.negotiationId(), idempotencyKey);
            ReadYourWrites.await(() -> !bidding.negotiation(negotiation.negotiationId()).isOpen());
            Negotiation agreed = bidding.negotiation(negotiation.negotiationId());
            redirect.addFlashAttribute("done", messages.getMessage("negotiation.done.accepted",
                    new Object[]{agreed.round(), fmt.instant(agreed.endedAt())}, LocaleContextHolder.getLocale()));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/negotiations/" + negotiation.negotiationId();
    }

    @PostMapping("/negotiations/{negotiationId}/rejection")
    String reject(@PathVariable String negotiationId, @RequestParam(required = false) String reason,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(negotiationId);
        try {
            bidding.reject(id, reason, IdempotencyKeys.of(key));
            ReadYourWrites.await(() -> !bidding.negotiation(id).isOpen());
            Negotiation rejected = bidding.negotiation(id);
            redirect.addFlashAttribute("done", messages.getMessage("negotiation.done.rejected",
                    new Object[]{rejected.round(), fmt.instant(rejected.endedAt())}, LocaleContextHolder.getLocale()));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/negotiations/" + id;
    }

    private String page(Model model, Negotiation negotiation, TermsForm counter, String idempotencyKey) {
        model.addAttribute("negotiation", negotiation);
        model.addAttribute("listing", listingOf(negotiation));
        model.addAttribute("history", TermSheet.of(negotiation.rounds(), fmt, messages, LocaleContextHolder.getLocale()));
        model.addAttribute("form", counter);
        model.addAttribute("idempotencyKey", idempotencyKey);
        // the answering party that may not answer any more: the offer on the table ran out (the service's rule)
        model.addAttribute("expiredUnanswered", negotiation.isOpen() && !negotiation.yourTurn()
                && !negotiation.yourSide().equals(negotiation.offerBy()));
        model.addAttribute("contract", "AGREED".equals(negotiation.status()) ? contractOf(negotiation.negotiationId()) : null);
        return "negotiation";
    }

    private Listing listingOf(Negotiation negotiation) {
        try {
            return listings.listing(negotiation.listingId());
        } catch (ServiceProblem | ServiceUnavailable notReadable) {
            return null;
        }
    }

    /** The contract drawn up from the deal, once contract-service has it. */
    private Contract contractOf(String dealId) {
        try {
            return contracts.contracts().stream().filter(contract -> dealId.equals(contract.dealId())).findFirst().orElse(null);
        } catch (ServiceProblem | ServiceUnavailable notYet) {
            return null;
        }
    }

    static List<Map.Entry<String, String>> withKey(List<Map.Entry<String, String>> fields, String idempotencyKey) {
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>(fields);
        all.add(Map.entry(IdempotencyKeys.FIELD, idempotencyKey));
        return all;
    }
}
