package io.techex.console.contract;

import io.techex.console.format.Formats;
import io.techex.console.security.SignedIn;
import io.techex.console.services.ContractModel.Contract;
import io.techex.console.services.ContractModel.Document;
import io.techex.console.services.ContractModel.OptionExercise;
import io.techex.console.services.ContractModel.SigningKey;
import io.techex.console.services.ContractModel.Statement;
import io.techex.console.services.Contracts;
import io.techex.console.services.ReadYourWrites;
import io.techex.console.services.ServiceProblem;
import io.techex.console.services.ServiceUnavailable;
import io.techex.console.web.Confirmation;
import io.techex.console.web.IdempotencyKeys;
import io.techex.console.web.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.techex.console.catalogue.ListingPageController.checked;

/**
 * Contracts, for their parties: {@code /my/contracts} (those to sign first) and {@code /contracts/{id}}: the version
 * as a document, who signed which version, the legal path it is on with its deadline (contract-service's view), the
 * amendments, and, once it is in effect, the royalty account and the rights held in the asset on a day. Signing
 * happens in the browser ({@code signing.js}); the console registers the public key and passes the signature on.
 */
@Controller
class ContractController {

    /** Statuses in the order a party acts on them. */
    static final List<String> STATUS_ORDER = List.of("DRAFTING", "AWAITING_PERMIT", "AWAITING_REGISTRATION", "READY",
            "ACTIVE", "REFUSED", "TERMINATED");

    private final Contracts contracts;
    private final Refusals refusals;
    private final MessageSource messages;
    private final Formats fmt;
    private final Clock clock;

    ContractController(Contracts contracts, Refusals refusals, MessageSource messages, Formats fmt, Clock clock) {
        this.contracts = contracts;
        this.refusals = refusals;
        this.messages = messages;
        this.fmt = fmt;
        this.clock = clock;
    }

    @GetMapping("/my/contracts")
    String mine(Model model) {
        SignedIn me = SignedIn.current().orElseThrow();
        List<Contract> all = contracts.contracts().stream()
                .sorted(Comparator.comparing((Contract c) -> STATUS_ORDER.indexOf(c.status()))
                        .thenComparing(Contract::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        model.addAttribute("contracts", all);
        model.addAttribute("toSign", all.stream().filter(c -> c.isDrafting() && !c.signedBy(me.organisation())).toList());
        model.addAttribute("toAccept", all.stream().filter(c -> c.isDrafting() && c.pendingAmendment() != null
                && !c.pendingAmendment().proposedBy().equals(me.organisation())).toList());
        return "my-contracts";
    }

    @GetMapping("/contracts/{contractId}")
    String contract(@PathVariable String contractId,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate rightsOn,
                    Model model) {
        Contract contract = contracts.contract(checked(contractId));
        SignedIn me = SignedIn.current().orElseThrow();
        Document document = contracts.document(contract.contractId());
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("contract", contract);
        model.addAttribute("document", ContractMarkdown.toHtml(new String(document.markdown(), StandardCharsets.UTF_8)));
        model.addAttribute("documentSha256", document.sha256());
        model.addAttribute("party", contract.isSeller(me.organisation()) || contract.buyerOrganisationId().equals(me.organisation()));
        model.addAttribute("canSign", contract.isDrafting() && !contract.signedBy(me.organisation())
                && document.sha256() != null && document.sha256().equals(contract.documentSha256()));
        model.addAttribute("signingKeys", keyIds());
        model.addAttribute("pendingChanges", contract.pendingAmendment() == null ? null
                : TermsComparison.of(contract.terms(), contract.pendingAmendment().terms(), fmt, messages, locale));
        model.addAttribute("account", "ACTIVE".equals(contract.status()) || "TERMINATED".equals(contract.status())
                ? account(contract.contractId()) : null);
        LocalDate on = rightsOn == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : rightsOn;
        model.addAttribute("rightsOn", on);
        model.addAttribute("rights", rights(contract.listingId(), on));
        model.addAttribute("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        model.addAttribute("canExercise", contract.exercisableBy(me.organisation()));
        model.addAttribute("licenceContractId", contract.isOption() ? licenceOf(contract) : null);
        model.addAttribute("exerciseKey", IdempotencyKeys.fresh());
        return "contract";
    }

    // ------------------------------------------------------------------ an option: exercise

    /**
     * The holder takes the licence the option fixed: first a confirmation showing that licence, then contract-service
     * exercises it and draws up the licence contract, which the page then links to for both parties to sign.
     */
    @PostMapping("/contracts/{contractId}/exercise")
    String exercise(@PathVariable String contractId,
                    @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                    @RequestParam(name = Confirmation.CONFIRMED, required = false) String confirmed,
                    @RequestParam(name = Confirmation.CHANGE, required = false) String change,
                    Model model, RedirectAttributes redirect) {
        Contract contract = contracts.contract(checked(contractId));
        String idempotencyKey = IdempotencyKeys.of(key);
        Locale locale = LocaleContextHolder.getLocale();
        if (change != null) {
            // nothing to change in an exercise: back to the option
            return "redirect:/contracts/" + contract.contractId();
        }
        if (confirmed == null) {
            model.addAttribute("contract", contract);
            return new Confirmation("option.confirm.title", "option.confirm.lead",
                    "/contracts/" + contract.contractId() + "/exercise", "option.confirm.button", "optionExercise",
                    List.of(Map.entry(IdempotencyKeys.FIELD, idempotencyKey))).show(model);
        }
        try {
            OptionExercise exercised = contracts.exercise(contract.contractId(), idempotencyKey);
            ReadYourWrites.await(() -> exercised.licenceContractId().equals(contracts.contract(contract.contractId())
                    .licenceContractId()) && contracts.contract(exercised.licenceContractId()) != null);
            redirect.addFlashAttribute("done", messages.getMessage("option.done.exercised",
                    new Object[]{fmt.instant(clock.instant())}, locale));
            return "redirect:/contracts/" + contract.contractId();
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
            return "redirect:/contracts/" + contract.contractId();
        }
    }

    /** The licence contract an exercised option drew up: the option's view names it, else the holder's contracts do. */
    private String licenceOf(Contract option) {
        if (option.licenceContractId() != null) {
            return option.licenceContractId();
        }
        if (!"EXERCISED".equals(option.status())) {
            return null;
        }
        return contracts.contracts().stream().filter(c -> option.contractId().equals(c.exercisedOption()))
                .map(Contract::contractId).findFirst().orElse(null);
    }

    /** The version's document byte for byte as contract-service serves it: what the browser hashes and signs. */
    @GetMapping("/contracts/{contractId}/document")
    ResponseEntity<byte[]> document(@PathVariable String contractId) {
        Document document = contracts.document(checked(contractId));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
                .header("X-Document-SHA256", document.sha256())
                .header("X-Contract-Version", Integer.toString(document.version()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"contract-" + contractId + "-v"
                        + document.version() + ".md\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(document.markdown());
    }

    // ------------------------------------------------------------------ keys and signatures

    /** A public key the signer's browser made (the private key stays there), registered for their organisation. */
    @PostMapping("/contracts/{contractId}/signing-keys")
    String registerKey(@PathVariable String contractId, @RequestParam(required = false) String keyId,
                       @RequestParam(required = false) String publicKey, RedirectAttributes redirect) {
        String id = checked(contractId);
        try {
            contracts.registerKey(keyId == null ? "" : keyId.strip(), publicKey == null ? "" : publicKey.strip());
            redirect.addFlashAttribute("done", messages.getMessage("contract.done.key", new Object[]{keyId},
                    LocaleContextHolder.getLocale()));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/contracts/" + id + "#sign";
    }

    @PostMapping("/contracts/{contractId}/signatures")
    String sign(@PathVariable String contractId, @RequestParam(required = false) String keyId,
                @RequestParam(required = false) String signature, @RequestParam(required = false) String documentSha256,
                @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        String id = checked(contractId);
        SignedIn me = SignedIn.current().orElseThrow();
        Locale locale = LocaleContextHolder.getLocale();
        try {
            contracts.sign(id, keyId == null ? "" : keyId, signature == null ? "" : signature,
                    documentSha256 == null ? "" : documentSha256, IdempotencyKeys.of(key));
            ReadYourWrites.await(() -> contracts.contract(id).signedBy(me.organisation()));
            Contract signed = contracts.contract(id);
            var mine = signed.signatureOf(me.organisation());
            redirect.addFlashAttribute("done", messages.getMessage("contract.done.signed", new Object[]{signed.version(),
                    mine == null ? "" : Formats.instant(mine.signedAt(), locale, true)}, locale));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/contracts/" + id;
    }

    // ------------------------------------------------------------------ amendments

    @GetMapping("/contracts/{contractId}/amendments/new")
    String amendmentForm(@PathVariable String contractId, Model model) {
        Contract contract = contracts.contract(checked(contractId));
        return amendmentPage(model, contract, AmendmentForm.of(contract.terms(), fmt), IdempotencyKeys.fresh());
    }

    @PostMapping("/contracts/{contractId}/amendments")
    String propose(@PathVariable String contractId, @ModelAttribute("form") AmendmentForm form, BindingResult binding,
                   @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, Model model,
                   RedirectAttributes redirect) {
        Contract contract = contracts.contract(checked(contractId));
        form.setDealType(contract.terms().dealType());
        form.setCurrency(contract.terms().price() == null ? "VND" : contract.terms().price().currency());
        try {
            Map<String, Object> terms = form.toRequest(LocaleContextHolder.getLocale());
            if (contract.terms().licenceOnExercise() != null) {
                // the form amends an option's own terms; the licence it fixes goes on as it stands, since the
                // service takes new terms in full and an option without its licence is no option
                terms.put("licenceOnExercise", AmendmentForm.licence(contract.terms().licenceOnExercise()));
            }
            contracts.proposeAmendment(contract.contractId(), terms, IdempotencyKeys.of(key));
            ReadYourWrites.await(() -> contracts.contract(contract.contractId()).pendingAmendment() != null);
            Contract proposed = contracts.contract(contract.contractId());
            redirect.addFlashAttribute("done", messages.getMessage("contract.done.proposed", new Object[]{
                    proposed.pendingAmendment() == null ? "" : proposed.pendingAmendment().number()},
                    LocaleContextHolder.getLocale()));
            return "redirect:/contracts/" + contract.contractId();
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            refusals.bind(refused, binding, form::formPath);
            return amendmentPage(model, contract, form, IdempotencyKeys.fresh());
        }
    }

    private String amendmentPage(Model model, Contract contract, AmendmentForm form, String idempotencyKey) {
        model.addAttribute("contract", contract);
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", idempotencyKey);
        return "amendment";
    }

    @PostMapping("/contracts/{contractId}/amendments/{number}/acceptance")
    String acceptAmendment(@PathVariable String contractId, @PathVariable int number,
                           @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key,
                           @RequestParam(name = Confirmation.CONFIRMED, required = false) String confirmed,
                           Model model, RedirectAttributes redirect) {
        Contract contract = contracts.contract(checked(contractId));
        String idempotencyKey = IdempotencyKeys.of(key);
        Locale locale = LocaleContextHolder.getLocale();
        if (confirmed == null && contract.pendingAmendment() != null) {
            model.addAttribute("contract", contract);
            model.addAttribute("changes", TermsComparison.of(contract.terms(), contract.pendingAmendment().terms(), fmt,
                    messages, locale));
            return new Confirmation("amendment.confirm.title", "amendment.confirm.lead",
                    "/contracts/" + contract.contractId() + "/amendments/" + number + "/acceptance",
                    "amendment.confirm.button", "amendment", List.of(Map.entry(IdempotencyKeys.FIELD, idempotencyKey)))
                    .show(model);
        }
        try {
            contracts.acceptAmendment(contract.contractId(), number, idempotencyKey);
            ReadYourWrites.await(() -> contracts.contract(contract.contractId()).version() > contract.version());
            Contract amended = contracts.contract(contract.contractId());
            redirect.addFlashAttribute("done", messages.getMessage("contract.done.amended", new Object[]{number,
                    amended.version(), fmt.instant(amended.updatedAt())}, locale));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/contracts/" + contract.contractId();
    }

    // ------------------------------------------------------------------ after activation: the royalty account

    @PostMapping("/contracts/{contractId}/royalty-reports")
    String report(@PathVariable String contractId, @RequestParam(required = false) Integer periodNumber,
                  @RequestParam(required = false) String netSales,
                  @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        Contract contract = contracts.contract(checked(contractId));
        return act(contract, redirect, "contract.done.reported", () -> contracts.reportRoyalty(contract.contractId(),
                periodNumber == null ? 0 : periodNumber, orEmpty(Formats.plainAmount(netSales, LocaleContextHolder.getLocale())),
                currency(contract), IdempotencyKeys.of(key)));
    }

    @PostMapping("/contracts/{contractId}/payments")
    String pay(@PathVariable String contractId, @RequestParam(required = false) String against,
               @RequestParam(required = false) String amount,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate paidOn,
               @RequestParam(required = false) String reference,
               @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        Contract contract = contracts.contract(checked(contractId));
        // "period:3" or "milestone:pilot", one select for both
        Integer period = against != null && against.startsWith("period:") ? Integer.valueOf(against.substring(7)) : null;
        String milestone = against != null && against.startsWith("milestone:") ? against.substring(10) : null;
        return act(contract, redirect, "contract.done.paid", () -> contracts.recordPayment(contract.contractId(), period,
                milestone, orEmpty(Formats.plainAmount(amount, LocaleContextHolder.getLocale())), currency(contract), paidOn,
                reference, IdempotencyKeys.of(key)));
    }

    @PostMapping("/contracts/{contractId}/milestones/{milestoneId}/met")
    String milestoneMet(@PathVariable String contractId, @PathVariable String milestoneId,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate metOn,
                        @RequestParam(required = false) String note,
                        @RequestParam(name = IdempotencyKeys.FIELD, required = false) String key, RedirectAttributes redirect) {
        Contract contract = contracts.contract(checked(contractId));
        return act(contract, redirect, "contract.done.met", () -> contracts.milestoneMet(contract.contractId(), milestoneId,
                metOn, note, IdempotencyKeys.of(key)));
    }

    private String act(Contract contract, RedirectAttributes redirect, String done, Runnable step) {
        try {
            step.run();
            redirect.addFlashAttribute("done", messages.getMessage(done, new Object[]{fmt.instant(clock.instant())},
                    LocaleContextHolder.getLocale()));
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute("problems", refusals.describe(refused));
        }
        return "redirect:/contracts/" + contract.contractId() + "#account";
    }

    private List<String> keyIds() {
        try {
            return contracts.signingKeys().stream().map(SigningKey::keyId).toList();
        } catch (ServiceProblem | ServiceUnavailable notNow) {
            return List.of();
        }
    }

    private Statement account(String contractId) {
        try {
            return contracts.account(contractId);
        } catch (ServiceProblem none) {
            // a contract without royalty or milestones has no account
            return null;
        }
    }

    private io.techex.console.services.ContractModel.AssetRights rights(String listingId, LocalDate on) {
        try {
            return contracts.rights(listingId, on);
        } catch (ServiceProblem | ServiceUnavailable notNow) {
            return null;
        }
    }

    private static String currency(Contract contract) {
        return contract.terms().price() == null ? "VND" : contract.terms().price().currency();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
