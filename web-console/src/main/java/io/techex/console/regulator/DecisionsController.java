package io.techex.console.regulator;

import io.techex.console.regulator.Regulation.Contract;
import io.techex.console.regulator.Regulation.Decision;
import io.techex.console.regulator.Regulation.TrailEntry;
import io.techex.console.services.ReadYourWrites;
import io.techex.console.services.ServiceProblem;
import io.techex.console.web.IdempotencyKeys;
import io.techex.console.web.Refusals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A regulator's decisions: {@code /regulator/decisions}, the permits and registrations awaited, overdue first (the
 * order, deadlines, overdue state and legal basis are contract-service's); {@code /regulator/contracts/{id}}, a
 * contract as a regulator reads it, with the decision form while one is awaited. A decision is binding: the form leads
 * to a page that shows exactly what will be recorded, confirmed once; the contract's page then shows the decision
 * recorded, the event it is in the audit trail, and when.
 */
@Controller
class DecisionsController {

    private final RegulatorServices services;
    private final Refusals refusals;

    DecisionsController(RegulatorServices services, Refusals refusals) {
        this.services = services;
        this.refusals = refusals;
    }

    @GetMapping("/regulator/decisions")
    String decisions(Model model) {
        model.addAttribute("pending", services.pending());
        return "regulator/decisions";
    }

    /** The contract; {@code outcome, number, reason} fill the decision form in again (the review's "change it"). */
    @GetMapping("/regulator/contracts/{contractId}")
    String contract(@PathVariable String contractId, @RequestParam(required = false) String outcome,
                    @RequestParam(required = false) String number, @RequestParam(required = false) String reason,
                    Model model) {
        Contract contract = services.contract(checked(contractId));
        model.addAttribute("contract", contract);
        model.addAttribute("recorded", recordedInTrail(contract));
        if (!model.containsAttribute("decision")) {
            model.addAttribute("decision", new DecisionForm(outcome, number, reason));
        }
        return "regulator/contract";
    }

    /** What the decision will record, shown once before it is: the event, the contract, the number or the reason. */
    @PostMapping("/regulator/contracts/{contractId}/decision/review")
    String review(@PathVariable String contractId, @RequestParam(required = false) String outcome,
                  @RequestParam(required = false) String number, @RequestParam(required = false) String reason,
                  Model model, RedirectAttributes redirect) {
        Contract contract = services.contract(checked(contractId));
        DecisionForm form = new DecisionForm(outcome, number, reason);
        List<String> missing = form.missing(contract.awaitedDecision());
        if (contract.awaitedDecision() == null || !missing.isEmpty()) {
            redirect.addFlashAttribute("decision", form);
            redirect.addFlashAttribute("decisionErrors", missing);
            if (contract.awaitedDecision() == null) {
                redirect.addFlashAttribute("problems", List.of(refusals.message("regulator.decision.none")));
            }
            return "redirect:/regulator/contracts/" + contract.contractId() + "#decide";
        }
        model.addAttribute("contract", contract);
        model.addAttribute("decision", form);
        model.addAttribute("eventName", form.eventName(contract.awaitedDecision()));
        return "regulator/decision-review";
    }

    @PostMapping("/regulator/contracts/{contractId}/decision")
    String decide(@PathVariable String contractId, @RequestParam String kind, @RequestParam String outcome,
                  @RequestParam(required = false) String number, @RequestParam(required = false) String reason,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(contractId);
        DecisionForm form = new DecisionForm(outcome, number, reason);
        try {
            services.decide(id, kind, form.isGrant(), number, reason, IdempotencyKeys.of(key));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
            redirect.addFlashAttribute("decision", form);
            return "redirect:/regulator/contracts/" + id + "#decide";
        }
        // the decision, then its event in the audit trail, which comes through Kafka a moment later
        ReadYourWrites.await(() -> services.contract(id).awaitedDecision() == null);
        ReadYourWrites.await(() -> recordedInTrail(services.contract(id)).size()
                >= services.contract(id).decisions().size());
        redirect.addAttribute("notice", "decided");
        return "redirect:/regulator/contracts/" + id;
    }

    /** The trail's events of the contract's decisions, by the decision's position: what the regulator's act recorded. */
    private Map<Integer, TrailEntry> recordedInTrail(Contract contract) {
        Map<Integer, TrailEntry> recorded = new java.util.HashMap<>();
        if (contract.decisions().isEmpty()) {
            return recorded;
        }
        var query = new LinkedMultiValueMap<String, String>();
        contract.decisions().stream().map(Decision::eventName).distinct().forEach(name -> query.add("type", name));
        List<TrailEntry> events;
        try {
            events = services.trail(contract.listingId(), query).entries().stream()
                    .filter(entry -> contract.contractId().equals(entry.text("contractId"))).toList();
        } catch (ServiceProblem notYet) {
            return recorded;
        }
        List<TrailEntry> unmatched = new ArrayList<>(events);
        for (int i = 0; i < contract.decisions().size(); i++) {
            Decision decision = contract.decisions().get(i);
            Optional<TrailEntry> event = unmatched.stream().filter(entry -> entry.name().equals(decision.eventName()))
                    .findFirst();
            if (event.isPresent()) {
                recorded.put(i, event.get());
                unmatched.remove(event.get());
            }
        }
        return recorded;
    }

    /** A contract id is a UUID: anything else never reaches contract-service's URL. */
    static String checked(String contractId) {
        try {
            return UUID.fromString(contractId).toString();
        } catch (IllegalArgumentException notAnId) {
            throw new ServiceProblem(404, "not-found", "No contract " + contractId, List.of());
        }
    }
}
