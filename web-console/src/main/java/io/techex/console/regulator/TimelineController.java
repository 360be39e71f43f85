package io.techex.console.regulator;

import io.techex.console.format.Formats;
import io.techex.console.regulator.Regulation.Download;
import io.techex.console.regulator.Regulation.Trail;
import io.techex.console.regulator.Regulation.TrailEntry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code /regulator/assets/{id}}: an asset's trail across every service as a time line, narrowed by period, party
 * and event type, or shown as it stood at a moment ("as of"); each event links to the listing, auction or contract it
 * concerns. The filters are a GET form; times are typed and shown in Vietnam's time, and sent to audit-service as UTC
 * instants. The trail, its order and what "as of" means are audit-service's.
 */
@Controller
class TimelineController {

    private final RegulatorServices services;
    private final RegulatorMessages messages;

    TimelineController(RegulatorServices services, RegulatorMessages messages) {
        this.services = services;
        this.messages = messages;
    }

    /** The form on the decisions and checks pages: an asset's id, typed or pasted. */
    @GetMapping("/regulator/assets")
    String open(@RequestParam(required = false) String id) {
        return id == null || id.isBlank() ? "redirect:/regulator/decisions"
                : "redirect:/regulator/assets/" + UriUtils.encodePathSegment(id.strip(), StandardCharsets.UTF_8);
    }

    @GetMapping("/regulator/assets/{assetId}")
    String timeline(@PathVariable String assetId, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, @RequestParam(required = false) String party,
                    @RequestParam(required = false) List<String> type, @RequestParam(required = false) String asOf,
                    Model model) {
        List<String> invalid = new ArrayList<>();
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        instant("from", from, query, invalid);
        instant("to", to, query, invalid);
        instant("asOf", asOf, query, invalid);
        if (party != null && !party.isBlank()) {
            query.add("party", party.strip());
        }
        List<String> types = type == null ? List.of() : type.stream().filter(t -> !t.isBlank()).toList();
        types.forEach(t -> query.add("type", t));

        Trail whole = services.trail(assetId, new LinkedMultiValueMap<>());
        Trail trail = query.isEmpty() ? whole : services.trail(assetId, query);
        model.addAttribute("assetId", assetId);
        model.addAttribute("trail", trail);
        model.addAttribute("events", trail.entries().reversed());
        model.addAttribute("links", trail.entries().stream().collect(java.util.stream.Collectors.toMap(
                TrailEntry::eventId, TimelineLinks::of, (a, b) -> a)));
        model.addAttribute("filtered", !query.isEmpty());
        model.addAttribute("invalid", invalid);
        model.addAttribute("filter", Map.of("from", from == null ? "" : from, "to", to == null ? "" : to,
                "party", party == null ? "" : party, "asOf", asOf == null ? "" : asOf));
        model.addAttribute("types", types);
        // the choices: what the whole trail has
        model.addAttribute("parties", whole.entries().stream().filter(e -> e.actor() != null)
                .map(e -> e.actor().organisation()).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        model.addAttribute("typeChoices", whole.entries().stream().map(TrailEntry::name)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        return "regulator/timeline";
    }

    /** {@code 2026-12-05T10:30} as typed in a {@code datetime-local} field, in Vietnam's time, to a UTC instant. */
    private static void instant(String name, String typed, MultiValueMap<String, String> query, List<String> invalid) {
        if (typed == null || typed.isBlank()) {
            return;
        }
        try {
            Instant instant = LocalDateTime.parse(typed.strip()).atZone(Formats.VIETNAM).toInstant();
            query.add(name, instant.toString());
        } catch (DateTimeParseException notATime) {
            invalid.add(name);
        }
    }

    // ---- verifying in the browser, and the files for the offline verifier

    /**
     * The page carries what its script needs: where to fetch the export and ask for a head (with the form's CSRF
     * token, since asking signs one), and its sentences in the reader's language.
     */
    @GetMapping("/regulator/assets/{assetId}/verify")
    String verify(@PathVariable String assetId, CsrfToken csrf, Model model) {
        // the asset must exist (audit-service's 404 otherwise); its headline names it on the page
        model.addAttribute("trail", services.trail(assetId, new LinkedMultiValueMap<>()));
        model.addAttribute("assetId", assetId);
        model.addAttribute("keys", services.signingKeys());
        model.addAttribute("exportUrl", "/regulator/assets/" + UriUtils.encodePathSegment(assetId, StandardCharsets.UTF_8)
                + "/export.json");
        model.addAttribute("signUrl", "/regulator/log/tree-heads");
        model.addAttribute("csrfHeader", csrf.getHeaderName());
        model.addAttribute("csrfToken", csrf.getToken());
        model.addAttribute("verifierMessages", messages.verifier());
        model.addAttribute("locale", org.springframework.context.i18n.LocaleContextHolder.getLocale().toLanguageTag());
        return "regulator/verify";
    }

    /** The export as audit-service wrote it, byte for byte, as a download (the browser's verifier reads the same). */
    @GetMapping("/regulator/assets/{assetId}/export.json")
    ResponseEntity<byte[]> exportJson(@PathVariable String assetId, @RequestParam(required = false) Long treeSize) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        if (treeSize != null) {
            query.add("treeSize", treeSize.toString());
        }
        return file(services.export(assetId, query), MediaType.APPLICATION_JSON, "trail.json");
    }

    @GetMapping("/regulator/assets/{assetId}/export.csv")
    ResponseEntity<byte[]> exportCsv(@PathVariable String assetId, @RequestParam(required = false) Long treeSize) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("format", "csv");
        if (treeSize != null) {
            query.add("treeSize", treeSize.toString());
        }
        return file(services.export(assetId, query), new MediaType("text", "csv", StandardCharsets.UTF_8), "trail.csv");
    }

    /** A service's file passed on; saved as {@code name} when given (the names the verifier's command uses). */
    static ResponseEntity<byte[]> file(Download download, MediaType type, String name) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(type);
        String disposition = name != null ? "attachment; filename=\"" + name + "\"" : download.contentDisposition();
        if (disposition != null) {
            answer.header(HttpHeaders.CONTENT_DISPOSITION, disposition);
        }
        return answer.header(HttpHeaders.CACHE_CONTROL, "no-store").body(download.content());
    }
}
