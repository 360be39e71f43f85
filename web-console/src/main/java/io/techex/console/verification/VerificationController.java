package io.techex.console.verification;

import io.techex.console.services.Listings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /verification}: the operator's queue of listings waiting for the ownership check, the longest waiting
 * first. Each opens on its listing's page, where the ownership documents are and the operator verifies or rejects
 * with a reason. Whether the reader may see the queue is listing-service's decision (403 for anyone but the operator).
 */
@Controller
class VerificationController {

    private final Listings listings;

    VerificationController(Listings listings) {
        this.listings = listings;
    }

    @GetMapping("/verification")
    String queue(Model model) {
        model.addAttribute("queue", listings.awaitingVerification());
        return "verification";
    }
}
