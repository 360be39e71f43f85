package io.techex.console.need;

import io.techex.console.security.SignedIn;
import io.techex.console.services.Listings;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.Needs;
import io.techex.console.services.NeedsModel.Need;
import io.techex.console.services.NeedsModel.NeedPage;
import io.techex.console.services.NeedsModel.Proposal;
import io.techex.console.services.ReadYourWrites;
import io.techex.console.services.ServiceProblem;
import io.techex.console.web.IdempotencyKeys;
import io.techex.console.web.Refusals;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.techex.console.catalogue.ListingPageController.checked;

/**
 * The demand side of the market: {@code /needs} (the published needs, searchable, newest first), {@code /needs/new}
 * (a firm posts a need: a draft, then published), and {@code /needs/{id}}: to its firm the proposals received, with
 * shortlist, decline and ask-to-negotiate, and the listings the exchange matched with the reasons; to a university a
 * form to propose one of its listings on the market. The services decide who may do what; a refusal is shown where it
 * happened.
 */
@Controller
class NeedsController {

    private final Needs needs;
    private final Listings listings;
    private final Refusals refusals;

    NeedsController(Needs needs, Listings listings, Refusals refusals) {
        this.needs = needs;
        this.listings = listings;
        this.refusals = refusals;
    }

    @GetMapping("/needs")
    String published(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        try {
            NeedPage page = needs.published(q, cursor);
            model.addAttribute("page", page);
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            model.addAttribute("page", new NeedPage(List.of(), null));
            model.addAttribute("problems", refusals.describe(refused));
        }
        SignedIn.current().filter(SignedIn::isFirm).ifPresent(firm -> {
            model.addAttribute("mine", needs.mine());
            // what needs the firm first: proposals submitted to its needs that it has not answered yet
            model.addAttribute("waiting", needs.partyTo().stream()
                    .filter(proposal -> "SUBMITTED".equals(proposal.status()))
                    .collect(Collectors.groupingBy(Proposal::needId, Collectors.counting())));
        });
        return "needs";
    }

    @GetMapping("/needs/new")
    String newNeed(Model model) {
        return form(model, new NeedForm(), IdempotencyKeys.fresh(), null);
    }

    /** Drafts the need; with {@code publish}, publishes it at once. A refused publication leaves an editable draft. */
    @PostMapping("/needs/new")
    String draft(@ModelAttribute("form") NeedForm form, BindingResult binding,
                 @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                 @RequestParam(required = false) String publish, Model model) {
        String idempotencyKey = IdempotencyKeys.of(key);
        String needId;
        try {
            needId = needs.draft(form.toRequest(LocaleContextHolder.getLocale()), idempotencyKey);
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            refusals.bind(refused, binding, form::formPath, "need");
            // nothing was drafted; the corrected form is another request under a fresh key
            return form(model, form, IdempotencyKeys.fresh(), null);
        }
        ReadYourWrites.await(() -> needs.need(needId) != null);
        return publishOrShow(needId, form, binding, publish != null, model);
    }

    @GetMapping("/needs/{needId}/edit")
    String edit(@PathVariable String needId, Model model) {
        Need need = needs.need(checked(needId));
        return form(model, NeedForm.of(need), IdempotencyKeys.fresh(), need);
    }

    @PostMapping("/needs/{needId}/edit")
    String revise(@PathVariable String needId, @ModelAttribute("form") NeedForm form, BindingResult binding,
                  @RequestParam(required = false) String publish, Model model) {
        Need need = needs.need(checked(needId));
        try {
            needs.revise(need.needId(), form.toRequest(LocaleContextHolder.getLocale()));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            refusals.bind(refused, binding, form::formPath, "need");
            return form(model, form, IdempotencyKeys.fresh(), need);
        }
        ReadYourWrites.await(() -> needs.need(need.needId()).revision() > need.revision());
        return publishOrShow(need.needId(), form, binding, publish != null && need.isDraft(), model);
    }

    /**
     * The service checks at publication what a draft may still lack (IPC fields, deal types, deadline): those problems
     * go on the form's fields, the draft kept for the firm to complete.
     */
    private String publishOrShow(String needId, NeedForm form, BindingResult binding, boolean publish, Model model) {
        if (!publish) {
            return "redirect:/needs/" + needId + "?notice=need-drafted";
        }
        try {
            needs.publish(needId, IdempotencyKeys.fresh());
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            refusals.bind(refused, binding, form::formPath, "need");
            return form(model, form, IdempotencyKeys.fresh(), needs.need(needId));
        }
        ReadYourWrites.await(() -> needs.need(needId).isPublished());
        return "redirect:/needs/" + needId + "?notice=need-published";
    }

    @PostMapping("/needs/{needId}/publication")
    String publish(@PathVariable String needId, @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                   RedirectAttributes redirect) {
        String id = checked(needId);
        return act(id, "need-published", redirect, () -> {
            needs.publish(id, IdempotencyKeys.of(key));
            ReadYourWrites.await(() -> needs.need(id).isPublished());
        });
    }

    @GetMapping("/needs/{needId}")
    String need(@PathVariable String needId, Model model) {
        Need need = needs.need(checked(needId));
        Optional<SignedIn> me = SignedIn.current();
        boolean owner = me.map(person -> person.organisation().equals(need.ownerOrganisationId())).orElse(false);
        model.addAttribute("need", need);
        model.addAttribute("pageTitle", need.title().in(LocaleContextHolder.getLocale()));
        model.addAttribute("isOwner", owner);
        if (owner) {
            List<Proposal> proposals = need.isDraft() ? List.of() : needs.proposals(need.needId());
            model.addAttribute("proposals", proposals);
            model.addAttribute("matches", need.isDraft() ? List.of() : needs.matches(need.needId()).matches());
            model.addAttribute("proposedListings", titles(proposals.stream().map(Proposal::listingId).collect(Collectors.toSet())));
        } else if (me.map(SignedIn::isUniversity).orElse(false)) {
            List<Proposal> ours = needs.proposals(need.needId());
            Set<String> proposed = ours.stream().map(Proposal::listingId).collect(Collectors.toSet());
            List<Listing> onTheMarket = listings.mine().stream().filter(Listing::isOnTheMarket).toList();
            model.addAttribute("ourProposals", ours);
            model.addAttribute("proposedListings", titles(proposed));
            model.addAttribute("proposable", onTheMarket.stream().filter(l -> !proposed.contains(l.listingId())).toList());
            model.addAttribute("hasListings", !onTheMarket.isEmpty());
        }
        return "need";
    }

    /** A university proposes one of its listings; the draft waits on the page for it to submit. */
    @PostMapping("/needs/{needId}/proposals")
    String propose(@PathVariable String needId, @RequestParam(required = false) String listingId,
                   @RequestParam(required = false) String message,
                   @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(needId);
        try {
            String proposalId = needs.propose(id, listingId, message, IdempotencyKeys.of(key));
            ReadYourWrites.await(() -> needs.proposals(id).stream().anyMatch(p -> p.proposalId().equals(proposalId)));
            redirect.addAttribute("notice", "proposal-drafted");
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
            redirect.addFlashAttribute("proposalMessage", message);
        }
        return "redirect:/needs/" + id;
    }

    @PostMapping("/needs/{needId}/proposals/{proposalId}/submission")
    String submit(@PathVariable String needId, @PathVariable String proposalId,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        return step(needId, proposalId, "submission", "SUBMITTED", "proposal-submitted", key, redirect);
    }

    @PostMapping("/needs/{needId}/proposals/{proposalId}/shortlist")
    String shortlist(@PathVariable String needId, @PathVariable String proposalId,
                     @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        return step(needId, proposalId, "shortlist", "SHORTLISTED", "proposal-shortlisted", key, redirect);
    }

    /** Asking to negotiate opens nothing yet: the firm makes its first offer on the listing's page, as for any listing. */
    @PostMapping("/needs/{needId}/proposals/{proposalId}/negotiation")
    String negotiate(@PathVariable String needId, @PathVariable String proposalId,
                     @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        return step(needId, proposalId, "negotiation", "NEGOTIATION_REQUESTED", "negotiation-requested", key, redirect);
    }

    @PostMapping("/needs/{needId}/proposals/{proposalId}/decline")
    String decline(@PathVariable String needId, @PathVariable String proposalId,
                   @RequestParam(required = false) String reason,
                   @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String need = checked(needId);
        String proposal = checked(proposalId);
        return act(need, "proposal-declined", redirect, () -> {
            needs.decline(proposal, reason, IdempotencyKeys.of(key));
            awaitProposal(need, proposal, "DECLINED");
        });
    }

    private String step(String needId, String proposalId, String step, String status, String notice, String key,
                        RedirectAttributes redirect) {
        String need = checked(needId);
        String proposal = checked(proposalId);
        return act(need, notice, redirect, () -> {
            needs.step(proposal, step, IdempotencyKeys.of(key));
            awaitProposal(need, proposal, status);
        });
    }

    private void awaitProposal(String needId, String proposalId, String status) {
        ReadYourWrites.await(() -> needs.proposals(needId).stream()
                .anyMatch(p -> p.proposalId().equals(proposalId) && p.status().equals(status)));
    }

    /** Runs a step; back on the need's page with a notice of what happened, or what the service refused. */
    private String act(String needId, String notice, RedirectAttributes redirect, Runnable step) {
        try {
            step.run();
            redirect.addAttribute("notice", notice);
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/needs/" + needId;
    }

    /** The proposed listings' titles, for the page to name them; a listing the reader may no longer read is left out. */
    private Map<String, Listing> titles(Set<String> listingIds) {
        Map<String, Listing> byId = new LinkedHashMap<>();
        for (String listingId : listingIds) {
            if (listingId == null) {
                continue;
            }
            try {
                byId.put(listingId, listings.listing(listingId));
            } catch (ServiceProblem gone) {
                if (!gone.isNotFound() && !gone.isForbidden()) {
                    throw gone;
                }
            }
        }
        return byId;
    }

    private static String form(Model model, NeedForm form, String idempotencyKey, Need editing) {
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", idempotencyKey);
        model.addAttribute("editing", editing);
        model.addAttribute("dealTypeNames", NeedForm.DEAL_TYPES);
        return "need-form";
    }
}
