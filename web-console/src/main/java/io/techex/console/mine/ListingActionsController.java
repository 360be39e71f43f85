package io.techex.console.mine;

import io.techex.console.services.Listings;
import io.techex.console.services.Model.Listing;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.techex.console.catalogue.ListingPageController.checked;

/**
 * The steps of a listing's life, each a form on its page that comes back to it with what happened: the seller
 * uploads documents, submits, chooses how to sell and publishes (after a page showing exactly what goes public), a
 * co-owner consents, the operator verifies or rejects ownership. A refusal is shown on the page, in the reader's
 * language.
 */
@Controller
class ListingActionsController {

    private final Listings listings;
    private final Refusals refusals;

    ListingActionsController(Listings listings, Refusals refusals) {
        this.listings = listings;
        this.refusals = refusals;
    }

    @PostMapping("/technologies/{listingId}/submission")
    String submit(@PathVariable String listingId, @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                  RedirectAttributes redirect) {
        return act(listingId, "submitted", redirect, () -> {
            listings.step(checked(listingId), "submission", IdempotencyKeys.of(key));
            awaitStatus(listingId, "SUBMITTED");
        });
    }

    @PostMapping("/technologies/{listingId}/documents")
    String upload(@PathVariable String listingId, @RequestParam("file") MultipartFile file,
                  @RequestParam String visibility, RedirectAttributes redirect) throws IOException {
        if (file.isEmpty()) {
            redirect.addFlashAttribute("problems", List.of(refusals.message("document.empty")));
            return back(listingId);
        }
        byte[] content = file.getBytes();
        String contentType = file.getContentType() == null || file.getContentType().isBlank()
                ? "application/octet-stream" : file.getContentType();
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "document" : file.getOriginalFilename();
        return act(listingId, "uploaded", redirect, () -> {
            listings.upload(checked(listingId), name, visibility, contentType, content);
            ReadYourWrites.await(() -> listings.documents(checked(listingId)).stream()
                    .anyMatch(document -> document.name().equals(name.strip())));
        });
    }

    /** What publishing commits to, shown once before it happens: price (in words too), deals, sale mode. */
    @GetMapping("/technologies/{listingId}/publish")
    String confirmPublication(@PathVariable String listingId, Model model) {
        Listing listing = listings.listing(checked(listingId));
        model.addAttribute("listing", listing);
        return "publish";
    }

    @PostMapping("/technologies/{listingId}/publication")
    String publish(@PathVariable String listingId, @RequestParam String saleMode,
                   @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(listingId);
        try {
            listings.chooseSaleMode(id, saleMode);
            listings.step(id, "publication", IdempotencyKeys.of(key));
            awaitStatus(id, "PUBLISHED");
            redirect.addAttribute("notice", "published");
            return back(id);
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
            return "redirect:/technologies/" + id + "/publish";
        }
    }

    @GetMapping("/technologies/{listingId}/consent")
    String consentPage(@PathVariable String listingId, Model model) {
        model.addAttribute("listingId", checked(listingId));
        return "consent";
    }

    @PostMapping("/technologies/{listingId}/co-owner-consent")
    String consent(@PathVariable String listingId, @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                   RedirectAttributes redirect) {
        String id = checked(listingId);
        try {
            listings.step(id, "co-owner-consent", IdempotencyKeys.of(key));
            redirect.addAttribute("notice", "consented");
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal() && !refused.isNotFound()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/technologies/" + id + "/consent";
    }

    /** The operator's decision; back to the queue, or to the listing with what the service refused. */
    @PostMapping("/technologies/{listingId}/ownership-verification")
    String verify(@PathVariable String listingId, @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                  RedirectAttributes redirect) {
        String id = checked(listingId);
        try {
            listings.step(id, "ownership-verification", IdempotencyKeys.of(key));
            awaitStatus(id, "OWNERSHIP_VERIFIED");
            redirect.addAttribute("notice", "verified");
            return "redirect:/verification";
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
            return back(id);
        }
    }

    @PostMapping("/technologies/{listingId}/ownership-rejection")
    String reject(@PathVariable String listingId, @RequestParam(required = false) String reason,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(listingId);
        try {
            listings.step(id, "ownership-rejection", Map.of("reason", reason == null ? "" : reason.strip()),
                    IdempotencyKeys.of(key));
            awaitStatus(id, "OWNERSHIP_REJECTED");
            redirect.addAttribute("notice", "rejected");
            return "redirect:/verification";
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
            redirect.addFlashAttribute("rejectionReason", reason);
            return back(id);
        }
    }

    /** Runs a step; back on the listing's page with a notice of what happened, or what the service refused. */
    private String act(String listingId, String notice, RedirectAttributes redirect, Runnable step) {
        try {
            step.run();
            redirect.addAttribute("notice", notice);
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return back(listingId);
    }

    private void awaitStatus(String listingId, String status) {
        ReadYourWrites.await(() -> listings.listing(checked(listingId)).status().equals(status));
    }

    private static String back(String listingId) {
        return "redirect:/technologies/" + checked(listingId);
    }
}
