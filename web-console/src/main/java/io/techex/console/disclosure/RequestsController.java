package io.techex.console.disclosure;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.techex.console.catalogue.ListingPageController.checked;

/**
 * NDAs and enquiries. A firm asks for an NDA or asks a question on a listing's page; the seller accepts or declines
 * and answers, on {@code /my/requests} (requests waiting first) or on the listing's page; both parties follow their
 * requests there.
 */
@Controller
class RequestsController {

    private final Listings listings;
    private final Refusals refusals;

    RequestsController(Listings listings, Refusals refusals) {
        this.listings = listings;
        this.refusals = refusals;
    }

    @GetMapping("/my/requests")
    String requests(Model model) {
        List<Nda> ndas = listings.ndas(null).stream()
                .sorted(Comparator.comparing((Nda nda) -> !"REQUESTED".equals(nda.status()))
                        .thenComparing(Nda::requestedAt, Comparator.reverseOrder())).toList();
        List<Enquiry> enquiries = listings.enquiries(null).stream()
                .sorted(Comparator.comparing((Enquiry e) -> !e.isOpenQuestion())
                        .thenComparing(Enquiry::askedAt, Comparator.reverseOrder())).toList();
        Map<String, Listing> titles = new LinkedHashMap<>();
        ndas.forEach(nda -> titles.computeIfAbsent(nda.listingId(), this::titleOf));
        enquiries.forEach(enquiry -> titles.computeIfAbsent(enquiry.listingId(), this::titleOf));
        model.addAttribute("ndas", ndas);
        model.addAttribute("enquiries", enquiries);
        model.addAttribute("listingsById", titles);
        model.addAttribute("isSeller", SignedIn.current().map(SignedIn::isUniversity).orElse(false));
        return "requests";
    }

    @PostMapping("/technologies/{listingId}/nda-requests")
    String requestNda(@PathVariable String listingId, @RequestParam(required = false) String message,
                      @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(listingId);
        return act(redirect, "nda-requested", "/technologies/" + id, () -> {
            listings.requestNda(id, message, IdempotencyKeys.of(key));
            ReadYourWrites.await(() -> listings.ndas(id).stream().anyMatch(nda -> "REQUESTED".equals(nda.status())));
        });
    }

    @PostMapping("/technologies/{listingId}/enquiries")
    String enquire(@PathVariable String listingId, @RequestParam String kind, @RequestParam(required = false) String message,
                   @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(listingId);
        String enquiryKind = "INTEREST".equals(kind) ? "INTEREST" : "QUESTION";
        return act(redirect, enquiryKind.equals("INTEREST") ? "interest-registered" : "question-asked",
                "/technologies/" + id, () -> {
                    int before = listings.enquiries(id).size();
                    listings.enquire(id, enquiryKind, message, IdempotencyKeys.of(key));
                    ReadYourWrites.await(() -> listings.enquiries(id).size() > before);
                });
    }

    @PostMapping("/nda-requests/{ndaId}/accept")
    String accept(@PathVariable String ndaId, @RequestParam(required = false) String back,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        return act(redirect, "nda-accepted", backTo(back), () -> {
            listings.decideNda(checked(ndaId), true, null, IdempotencyKeys.of(key));
            awaitDecision(ndaId);
        });
    }

    @PostMapping("/nda-requests/{ndaId}/decline")
    String decline(@PathVariable String ndaId, @RequestParam(required = false) String reason,
                   @RequestParam(required = false) String back,
                   @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        return act(redirect, "nda-declined", backTo(back), () -> {
            listings.decideNda(checked(ndaId), false, reason, IdempotencyKeys.of(key));
            awaitDecision(ndaId);
        });
    }

    @PostMapping("/enquiries/{enquiryId}/answer")
    String answer(@PathVariable String enquiryId, @RequestParam(required = false) String answer,
                  @RequestParam(required = false) String back,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        return act(redirect, "answered", backTo(back), () -> {
            listings.answer(checked(enquiryId), answer, IdempotencyKeys.of(key));
            ReadYourWrites.await(() -> listings.enquiries(null).stream()
                    .anyMatch(e -> e.enquiryId().equals(enquiryId) && e.answer() != null));
        });
    }

    private String act(RedirectAttributes redirect, String notice, String back, Runnable step) {
        try {
            step.run();
            redirect.addAttribute("notice", notice);
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:" + back;
    }

    private void awaitDecision(String ndaId) {
        ReadYourWrites.await(() -> listings.ndas(null).stream()
                .anyMatch(nda -> nda.ndaId().equals(ndaId) && !"REQUESTED".equals(nda.status())));
    }

    /** Only a page of this console: never a redirect elsewhere. */
    private static String backTo(String back) {
        return back != null && back.matches("/(my/requests|technologies/[0-9a-f-]{36})") ? back : "/my/requests";
    }

    private Listing titleOf(String listingId) {
        try {
            return listings.listing(listingId);
        } catch (ServiceProblem gone) {
            return null;
        }
    }
}
