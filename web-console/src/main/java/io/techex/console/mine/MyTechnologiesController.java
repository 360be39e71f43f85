package io.techex.console.mine;

import io.techex.console.deals.DealNeeds;
import io.techex.console.security.SignedIn;
import io.techex.console.services.Listings;
import io.techex.console.services.Model.Enquiry;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.Model.Nda;
import io.techex.console.services.ReadYourWrites;
import io.techex.console.services.ServiceProblem;
import io.techex.console.web.IdempotencyKeys;
import io.techex.console.web.Refusals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.techex.console.catalogue.ListingPageController.checked;

/**
 * A university's technologies: {@code /my/technologies} (by status, and first what waits for it), and the guided
 * form to draft ({@code /my/technologies/new}) or revise ({@code /my/technologies/{id}/edit}) a listing. A refused
 * draft comes back with the service's messages at the fields and everything typed kept.
 */
@Controller
class MyTechnologiesController {

    /** The order statuses are shown in: what the seller can act on first. */
    static final List<String> STATUS_ORDER = List.of("OWNERSHIP_REJECTED", "DRAFT", "OWNERSHIP_VERIFIED", "SUBMITTED",
            "PUBLISHED", "UNDER_NEGOTIATION", "UNDER_AUCTION", "UNDER_CONTRACT", "LICENSED", "TRANSFERRED", "WITHDRAWN");
    static final List<String> ASSET_TYPES = List.of("PATENT", "UTILITY_SOLUTION", "INDUSTRIAL_DESIGN", "LAYOUT_DESIGN",
            "PLANT_VARIETY", "SOFTWARE", "KNOW_HOW", "TECHNICAL_SOLUTION");
    static final List<String> CATEGORIES = List.of("ENCOURAGED", "ORDINARY", "RESTRICTED", "PROHIBITED");

    private final Listings listings;
    private final Refusals refusals;
    private final DealNeeds dealNeeds;

    MyTechnologiesController(Listings listings, Refusals refusals, DealNeeds dealNeeds) {
        this.listings = listings;
        this.refusals = refusals;
        this.dealNeeds = dealNeeds;
    }

    @GetMapping("/my/technologies")
    String mine(Model model) {
        List<Listing> mine = listings.mine();
        Map<String, List<Listing>> byStatus = new LinkedHashMap<>();
        for (String status : STATUS_ORDER) {
            List<Listing> inStatus = mine.stream().filter(listing -> listing.status().equals(status)).toList();
            if (!inStatus.isEmpty()) {
                byStatus.put(status, inStatus);
            }
        }
        Map<String, Listing> byId = new LinkedHashMap<>();
        mine.forEach(listing -> byId.put(listing.listingId(), listing));
        List<Nda> waitingNdas = listings.ndas(null).stream().filter(nda -> "REQUESTED".equals(nda.status())).toList();
        List<Enquiry> openQuestions = listings.enquiries(null).stream().filter(Enquiry::isOpenQuestion).toList();
        model.addAttribute("byStatus", byStatus);
        model.addAttribute("listingsById", byId);
        model.addAttribute("waitingNdas", waitingNdas);
        model.addAttribute("openQuestions", openQuestions);
        model.addAttribute("rejected", byStatus.getOrDefault("OWNERSHIP_REJECTED", List.of()));
        model.addAttribute("readyToPublish", byStatus.getOrDefault("OWNERSHIP_VERIFIED", List.of()));
        model.addAttribute("nothing", mine.isEmpty());
        model.addAttribute("dealNeeds", SignedIn.current().map(dealNeeds::orNull).orElse(null));
        return "my-technologies";
    }

    @GetMapping("/my/technologies/new")
    String newListing(Model model) {
        SignedIn me = SignedIn.current().orElseThrow();
        return form(model, ListingForm.blank(me.organisation(), me.organisationName()), IdempotencyKeys.fresh(), null);
    }

    @PostMapping("/my/technologies/new")
    String draft(@ModelAttribute("form") ListingForm form, BindingResult binding,
                 @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                 @RequestParam(required = false) String addTitle, Model model) {
        String idempotencyKey = IdempotencyKeys.of(key);
        if (addTitle != null) {
            form.addTitle();
            return form(model, form, idempotencyKey, null);
        }
        try {
            String listingId = listings.draft(form.toRequest(), idempotencyKey);
            ReadYourWrites.await(() -> listings.listing(listingId) != null);
            return "redirect:/technologies/" + listingId + "?notice=drafted";
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            refusals.bind(refused, binding, form::formPath);
            // nothing was drafted; the corrected form is another request, which the service would refuse under the
            // key it has already answered, so it gets a fresh one
            return form(model, form, IdempotencyKeys.fresh(), null);
        }
    }

    @GetMapping("/my/technologies/{listingId}/edit")
    String edit(@PathVariable String listingId, Model model) {
        Listing listing = listings.listing(checked(listingId));
        if (!listing.isEditable()) {
            return "redirect:/technologies/" + listing.listingId() + "?notice=not-editable";
        }
        return form(model, ListingForm.of(listing), IdempotencyKeys.fresh(), listing);
    }

    @PostMapping("/my/technologies/{listingId}/edit")
    String revise(@PathVariable String listingId, @ModelAttribute("form") ListingForm form, BindingResult binding,
                  @RequestParam(required = false) String addTitle, Model model) {
        Listing listing = listings.listing(checked(listingId));
        if (addTitle != null) {
            form.addTitle();
            return form(model, form, IdempotencyKeys.fresh(), listing);
        }
        try {
            listings.revise(listing.listingId(), form.toRequest());
            ReadYourWrites.await(() -> listings.listing(listing.listingId()).revision() > listing.revision());
            return "redirect:/technologies/" + listing.listingId() + "?notice=revised";
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            refusals.bind(refused, binding, form::formPath);
            return form(model, form, IdempotencyKeys.fresh(), listing);
        }
    }

    private static String form(Model model, ListingForm form, String idempotencyKey, Listing editing) {
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", idempotencyKey);
        model.addAttribute("editing", editing);
        model.addAttribute("assetTypes", ASSET_TYPES);
        model.addAttribute("categories", CATEGORIES);
        model.addAttribute("dealTypeNames", ListingForm.DEAL_TYPES);
        return "listing-form";
    }
}
