package io.techex.console.catalogue;

import io.techex.console.deals.ListingDeals;
import io.techex.console.security.SignedIn;
import io.techex.console.services.Listings;
import io.techex.console.services.Model.Document;
import io.techex.console.services.Model.Download;
import io.techex.console.services.Model.Enquiry;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.Model.Nda;
import io.techex.console.services.ServiceProblem;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code /technologies/{id}}: one listing, as whoever reads it may see it (the service decides: another
 * organisation's draft is "not found"). Around it, what the reader can do next: a firm asks for an NDA or a question,
 * the seller edits, uploads, submits, publishes and answers, the operator verifies or rejects, a co-owner consents.
 */
@Controller
public class ListingPageController {

    private final Listings listings;
    private final ListingDeals deals;

    ListingPageController(Listings listings, ListingDeals deals) {
        this.listings = listings;
        this.deals = deals;
    }

    @GetMapping("/technologies/{listingId}")
    String listing(@PathVariable String listingId, Model model) {
        Listing listing = listings.listing(checked(listingId));
        model.addAttribute("listing", listing);
        model.addAttribute("pageTitle", listing.title().in(LocaleContextHolder.getLocale()));
        model.addAttribute("documents", documents(listing));
        Optional<SignedIn> me = SignedIn.current();
        boolean seller = me.map(person -> person.organisation().equals(listing.sellerOrganisationId())).orElse(false);
        model.addAttribute("isSeller", seller);
        if (seller || me.map(SignedIn::isFirm).orElse(false)) {
            List<Nda> ndas = listings.ndas(listing.listingId()).stream()
                    .sorted(Comparator.comparing(Nda::requestedAt).reversed()).toList();
            List<Enquiry> enquiries = listings.enquiries(listing.listingId()).stream()
                    .sorted(Comparator.comparing(Enquiry::askedAt).reversed()).toList();
            model.addAttribute("ndas", ndas);
            model.addAttribute("enquiries", enquiries);
            // a firm's own latest request decides what it may do next: ask, wait, or read
            model.addAttribute("myNda", seller ? null : ndas.stream().findFirst().orElse(null));
            model.addAttribute("registeredInterest", enquiries.stream().anyMatch(e -> "INTEREST".equals(e.kind())));
        }
        model.addAttribute("isCoOwner", me.map(person -> listing.coOwners().contains(person.organisation())).orElse(false));
        model.addAllAttributes(deals.of(listing, me));
        return "listing";
    }

    /** A document's content, passed through with the service's own type and file name; always as an attachment. */
    @GetMapping("/technologies/{listingId}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable String listingId, @PathVariable String documentId) {
        Download download = listings.download(checked(listingId), checked(documentId));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM.toString().equals(download.contentType())
                        ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(download.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, download.contentDisposition() == null
                        ? "attachment" : download.contentDisposition())
                .header("X-Content-Type-Options", "nosniff")
                .body(download.content());
    }

    private List<Document> documents(Listing listing) {
        try {
            return listings.documents(listing.listingId());
        } catch (ServiceProblem notForThisReader) {
            if (notForThisReader.isNotFound() || notForThisReader.isForbidden()) {
                return List.of();
            }
            throw notForThisReader;
        }
    }

    /** Ids are UUIDs; anything else is a page that does not exist, asked of no service. */
    public static String checked(String id) {
        try {
            return java.util.UUID.fromString(id).toString();
        } catch (IllegalArgumentException notAnId) {
            throw new ServiceProblem(404, "not-found", "not an id: " + id, List.of());
        }
    }
}
