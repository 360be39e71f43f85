package io.techex.console.regulator;

import io.techex.console.format.Formats;
import io.techex.console.regulator.Regulation.Statistics;
import io.techex.console.regulator.Regulation.StatisticsRow;
import io.techex.console.services.ServiceProblem;
import io.techex.console.web.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /regulator/statistics}: the deals of a span of days for the ministry's reports, by field (IPC section), deal
 * type, domestic or cross-border, the parties' countries and period, each as a chart with its table under it and as
 * CSV. audit-service counts them (what a deal is, its value, the periods in Vietnam's time); the console lays them out.
 */
@Controller
class StatisticsController {

    /** The sections of the page, each one question to audit-service: its id, and what it groups by. */
    static final List<Section> SECTIONS = List.of(
            new Section("ipc", List.of("ipcSection")),
            new Section("dealType", List.of("dealType")),
            new Section("direction", List.of("direction")),
            new Section("region", List.of("sellerCountry", "buyerCountry")),
            new Section("period", List.of("period")));
    private static final Set<String> PERIODS = Set.of("MONTH", "QUARTER", "YEAR");

    private final RegulatorServices services;
    private final MessageSource messages;
    private final Refusals refusals;
    private final Clock clock;

    /** The exchange's clock, as the services keep it, read on Vietnam's calendar: "today" is the ministry's day. */
    StatisticsController(RegulatorServices services, MessageSource messages, Refusals refusals, Clock clock) {
        this.services = services;
        this.messages = messages;
        this.refusals = refusals;
        this.clock = clock.withZone(Formats.VIETNAM);
    }

    record Section(String id, List<String> groupBy) {
    }

    @GetMapping("/regulator/statistics")
    String statistics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) String period, Model model) {
        LocalDate today = LocalDate.now(clock);
        String shownFrom = from == null ? today.withDayOfYear(1).toString() : from;
        String shownTo = to == null ? today.toString() : to;
        String shownPeriod = period == null || !PERIODS.contains(period) ? "QUARTER" : period;
        model.addAttribute("from", shownFrom);
        model.addAttribute("to", shownTo);
        model.addAttribute("period", shownPeriod);
        List<StatisticsView.Section> sections = new ArrayList<>();
        try {
            Statistics totals = null;
            for (Section section : SECTIONS) {
                MultiValueMap<String, String> query = query(shownFrom, shownTo, shownPeriod);
                section.groupBy().forEach(dimension -> query.add("groupBy", dimension));
                Statistics report = services.statistics(query);
                totals = report;
                sections.add(new StatisticsView.Section(section.id(), section.groupBy(),
                        report.rows().stream().map(row -> view(row, section)).toList(), csvLink(query)));
            }
            model.addAttribute("counted", totals.counted());
            model.addAttribute("totals", totals.totals().stream().map(total -> new StatisticsView.Row(null, total.currency(),
                    total.deals(), money(total.value(), total.currency()), plain(total.value()))).toList());
            model.addAttribute("sections", sections);
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            model.addAttribute("problems", refusals.describe(refused));
            model.addAttribute("sections", List.of());
            model.addAttribute("totals", List.of());
        }
        return "regulator/statistics";
    }

    /** One table as audit-service writes it in CSV. */
    @GetMapping("/regulator/statistics.csv")
    ResponseEntity<byte[]> csv(@RequestParam MultiValueMap<String, String> query) {
        MultiValueMap<String, String> passed = new LinkedMultiValueMap<>();
        for (String name : List.of("from", "to", "period", "groupBy")) {
            if (query.containsKey(name)) {
                passed.put(name, query.get(name));
            }
        }
        return TimelineController.file(services.statisticsCsv(passed), new MediaType("text", "csv", StandardCharsets.UTF_8), null);
    }

    private static MultiValueMap<String, String> query(String from, String to, String period) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        if (!from.isBlank()) {
            query.add("from", from);
        }
        if (!to.isBlank()) {
            query.add("to", to);
        }
        query.add("period", period);
        return query;
    }

    private static String csvLink(MultiValueMap<String, String> query) {
        var uri = org.springframework.web.util.UriComponentsBuilder.fromPath("/regulator/statistics.csv");
        query.forEach((name, values) -> values.forEach(value -> uri.queryParam(name, value)));
        return uri.encode().toUriString();
    }

    private StatisticsView.Row view(StatisticsRow row, Section section) {
        List<String> parts = new ArrayList<>();
        for (String dimension : section.groupBy()) {
            parts.add(label(dimension, row.group().get(dimension)));
        }
        return new StatisticsView.Row(String.join(" → ", parts), row.currency(), row.deals(), money(row.value(), row.currency()),
                plain(row.value()));
    }

    /** A group's value in the reader's words: an IPC section's name, a deal type, a country's name. */
    private String label(String dimension, String value) {
        Locale locale = LocaleContextHolder.getLocale();
        if (value == null) {
            return messages.getMessage("regulator.statistics.unknown." + dimension, null,
                    messages.getMessage("regulator.statistics.unknown", null, locale), locale);
        }
        return switch (dimension) {
            case "ipcSection" -> value + " — " + messages.getMessage("ipc." + value, null, value, locale);
            case "dealType" -> messages.getMessage("deal." + value, null, value, locale);
            case "direction" -> messages.getMessage("regulator.direction." + value, null, value, locale);
            case "sellerCountry", "buyerCountry" -> {
                String name = Locale.of("", value).getDisplayCountry(locale);
                yield name.isBlank() || name.equals(value) ? value : name + " (" + value + ")";
            }
            default -> value;
        };
    }

    private static String money(BigDecimal amount, String currency) {
        return Formats.money(amount, currency, LocaleContextHolder.getLocale());
    }

    private static String plain(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }
}
