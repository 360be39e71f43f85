package io.techex.listing.matching;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.Budget;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.MatchKind;
import io.techex.listing.api.MatchReason;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores how well a listing answers a need, from six components, each 0 to 1 with its weight and its reason:
 * <ul>
 *   <li>TEXT (0.40): cosine similarity of the two texts' terms weighted by field and rarity (tf-idf), in Vietnamese and
 *       in English apart, the better of the two; diacritics ignored;</li>
 *   <li>IPC (0.25): 1 when the listing's class lies within a field the need names, else by the deepest level both
 *       share: main group 0.9, subclass 0.8, class 0.5, section 0.2;</li>
 *   <li>TRL (0.10): 1 at or above the readiness wanted, a quarter less per level below;</li>
 *   <li>DEAL_TYPE (0.10): 1 when the listing offers a deal the need accepts;</li>
 *   <li>TERRITORY (0.05): 1 when such a deal covers the country the need names (or it names none);</li>
 *   <li>PRICE (0.10): 1 within the budget, less the further above it (nothing at twice the budget); 0.5 when either
 *       side names no amount or they are in different currencies, which are never converted.</li>
 * </ul>
 * Pure: everything it needs is given, so the same pair with the same frequencies always scores the same.
 */
final class Scorer {

    static final double TEXT = 0.40;
    static final double IPC = 0.25;
    static final double TRL = 0.10;
    static final double DEAL_TYPE = 0.10;
    static final double TERRITORY = 0.05;
    static final double PRICE = 0.10;
    private static final int SHOWN_TERMS = 4;

    private Scorer() {
    }

    static MatchScore score(MatchItem need, MatchItem listing, DocumentFrequencies frequencies) {
        Map<String, Double> idf = new HashMap<>();
        return score(Side.of(need, frequencies, idf), Side.of(listing, frequencies, idf));
    }

    /**
     * Scores a pair whose texts are weighted already. Reasons are worked out for a match only ({@link MatchScore#isMatch}):
     * a pair below the floor is not kept, and its words in common would be sorted and written for nothing, a few hundred
     * times per change.
     */
    static MatchScore score(Side need, Side listing) {
        Facts wanted = need.item().facts();
        Facts offered = listing.item().facts();
        Language vi = Language.compare("vi", need, listing);
        Language en = Language.compare("en", need, listing);
        double textValue = Math.max(vi.cosine(), en.cosine());
        Component ipc = ipc(wanted.ipcClasses(), offered.ipcClasses());
        Component trl = trl(wanted.readinessLevel(), offered.readinessLevel());
        List<DealOption> accepted = offered.dealOptions().stream().filter(o -> wanted.dealTypes().contains(o.dealType())).toList();
        Component deal = dealType(wanted.dealTypes(), offered.dealOptions(), accepted);
        Component territory = territory(wanted.territory(), accepted.isEmpty() ? offered.dealOptions() : accepted);
        Component price = price(wanted.budget(), offered.price());
        double score = round(round(textValue) * TEXT + round(ipc.value()) * IPC + round(trl.value()) * TRL
                + round(deal.value()) * DEAL_TYPE + round(territory.value()) * TERRITORY + round(price.value()) * PRICE);
        boolean relevant = textValue >= 0.05 || ipc.value() >= 0.5;
        if (!relevant || score < MatchScore.FLOOR) {
            return new MatchScore(score, List.of(), relevant);
        }
        return new MatchScore(score, List.of(text(vi, en, need.item().profile().surfaceByTerm()).reason("TEXT", TEXT), ipc.reason("IPC", IPC),
                trl.reason("TRL", TRL), deal.reason("DEAL_TYPE", DEAL_TYPE), territory.reason("TERRITORY", TERRITORY),
                price.reason("PRICE", PRICE)), true);
    }

    /**
     * One item's text weighted by field and rarity, per language, with its norms: worked out once per change for the
     * changed item, and once for each counterpart, rather than once per pair.
     */
    record Side(MatchItem item, Map<String, Double> vi, Map<String, Double> en, double viNorm, double enNorm) {

        /** @param idf the change's inverse document frequencies, filled in as terms come up (a logarithm each) */
        static Side of(MatchItem item, DocumentFrequencies frequencies, Map<String, Double> idf) {
            TermProfile profile = item.profile();
            Map<String, Double> vi = new HashMap<>();
            Map<String, Double> en = new HashMap<>();
            for (int i = 0; i < profile.terms().size(); i++) {
                String term = profile.terms().get(i);
                double weight = profile.weights().get(i) * idf.computeIfAbsent(term, frequencies::idf);
                (term.startsWith("vi:") ? vi : en).put(term, weight);
            }
            return new Side(item, vi, en, norm(vi), norm(en));
        }

        private static double norm(Map<String, Double> vector) {
            return Math.sqrt(vector.values().stream().mapToDouble(w -> w * w).sum());
        }
    }

    // ---- text

    static Component text(TermProfile need, TermProfile listing, DocumentFrequencies frequencies) {
        Map<String, Double> idf = new HashMap<>();
        MatchItem wanted = new MatchItem(MatchKind.NEED, "", "", true, null, need);
        MatchItem offered = new MatchItem(MatchKind.LISTING, "", "", true, null, listing);
        Side needSide = Side.of(wanted, frequencies, idf);
        Side listingSide = Side.of(offered, frequencies, idf);
        return text(Language.compare("vi", needSide, listingSide), Language.compare("en", needSide, listingSide), need.surfaceByTerm());
    }

    private static Component text(Language vi, Language en, Map<String, String> surfaces) {
        if (!vi.comparable() && !en.comparable()) {
            return new Component(0, "no text in a language both have (Vietnamese or English)");
        }
        Language best = vi.cosine() >= en.cosine() ? vi : en;
        if (best.cosine() == 0) {
            return new Component(0, "no words in common" + (vi.comparable() && en.comparable() ? ", in Vietnamese or English" : ""));
        }
        StringBuilder detail = new StringBuilder(best.describe(surfaces));
        Language other = best == vi ? en : vi;
        if (other.cosine() > 0) {
            detail.append("; ").append(other.describe(surfaces));
        }
        return new Component(best.cosine(), detail.toString());
    }

    /** One language's comparison: the cosine of the two tf-idf vectors, and each shared term's share of it. */
    private record Language(String code, boolean comparable, double cosine, Map<String, Double> shared) {

        static Language compare(String code, Side need, Side listing) {
            boolean vi = code.equals("vi");
            Map<String, Double> wanted = vi ? need.vi() : need.en();
            Map<String, Double> offered = vi ? listing.vi() : listing.en();
            double norms = (vi ? need.viNorm() * listing.viNorm() : need.enNorm() * listing.enNorm());
            if (norms == 0) {
                return new Language(code, false, 0, Map.of());
            }
            // the smaller vector drives the loop
            Map<String, Double> small = wanted.size() <= offered.size() ? wanted : offered;
            Map<String, Double> large = small == wanted ? offered : wanted;
            double dot = 0;
            Map<String, Double> shared = new HashMap<>();
            for (var term : small.entrySet()) {
                Double other = large.get(term.getKey());
                if (other != null) {
                    double contribution = term.getValue() * other;
                    dot += contribution;
                    shared.put(term.getKey(), contribution);
                }
            }
            return new Language(code, true, Math.min(1, dot / norms), shared);
        }

        /** The words that weigh most, pairs first ("nuoc thai" rather than "nuoc" and "thai"), as the need wrote them. */
        String describe(Map<String, String> surfaces) {
            List<String> byWeight = shared.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
            List<String> shown = new ArrayList<>();
            byWeight.stream().filter(term -> term.contains(" ")).limit(SHOWN_TERMS).forEach(shown::add);
            for (String term : byWeight) {
                if (shown.size() >= SHOWN_TERMS) {
                    break;
                }
                if (!term.contains(" ") && shown.stream().noneMatch(pair -> List.of(pair.substring(3).split(" ")).contains(term.substring(3)))) {
                    shown.add(term);
                }
            }
            String words = shown.stream().map(term -> "\"" + surfaces.getOrDefault(term, term.substring(3)) + "\"")
                    .collect(Collectors.joining(", "));
            return (code.equals("vi") ? "Vietnamese text, diacritics ignored, " : "English text ")
                    + String.format(java.util.Locale.ROOT, "%.2f", cosine) + ": " + words;
        }
    }

    // ---- IPC

    static Component ipc(List<String> wanted, List<String> offered) {
        if (wanted.isEmpty()) {
            return new Component(0, "the need names no IPC field");
        }
        if (offered.isEmpty()) {
            return new Component(0, "the listing names no IPC class");
        }
        Component best = null;
        for (String need : wanted) {
            for (String listing : offered) {
                Component candidate = ipcPair(need, listing);
                if (best == null || candidate.value() > best.value()) {
                    best = candidate;
                }
            }
        }
        return best.value() > 0 ? best : new Component(0, "no IPC field in common (need " + String.join(", ", wanted)
                + "; listing " + String.join(", ", offered) + ")");
    }

    private static final String[] LEVELS = {"section", "class", "subclass", "main group", "group"};
    private static final double[] SHARED = {0.2, 0.5, 0.8, 0.9, 1.0};

    private static Component ipcPair(String need, String listing) {
        List<String> wanted = levels(need);
        List<String> offered = levels(listing);
        int common = 0;
        while (common < wanted.size() && common < offered.size() && wanted.get(common).equals(offered.get(common))) {
            common++;
        }
        if (common == wanted.size()) {
            return new Component(1, need + " matches " + listing);
        }
        if (common == 0) {
            return new Component(0, "");
        }
        return new Component(SHARED[common - 1], need + " and " + listing + " share " + LEVELS[common - 1] + " "
                + wanted.get(common - 1));
    }

    /** C02F 1/28 → C, C02, C02F, C02F 1, C02F 1/28; a main group written C02F 1/00 stops at C02F 1. */
    static List<String> levels(String symbol) {
        List<String> levels = new ArrayList<>();
        levels.add(symbol.substring(0, 1));
        if (symbol.length() >= 3) {
            levels.add(symbol.substring(0, 3));
        }
        if (symbol.length() >= 4) {
            levels.add(symbol.substring(0, 4));
        }
        int slash = symbol.indexOf('/');
        if (slash > 0) {
            levels.add(symbol.substring(0, slash));
            if (!symbol.substring(slash + 1).matches("0+")) {
                levels.add(symbol);
            }
        }
        return levels;
    }

    // ---- terms of the deal

    static Component trl(int wanted, int offered) {
        if (offered >= wanted) {
            return new Component(1, "TRL " + offered + " meets the " + wanted + " wanted");
        }
        int gap = wanted - offered;
        return new Component(Math.max(0, 1 - 0.25 * gap), "TRL " + offered + " is " + gap + " below the " + wanted + " wanted");
    }

    static Component dealType(List<DealType> wanted, List<DealOption> offered, List<DealOption> accepted) {
        if (offered.isEmpty()) {
            return new Component(0, "the listing offers no deal now");
        }
        Set<DealType> types = offered.stream().map(DealOption::dealType).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (accepted.isEmpty()) {
            return new Component(0, "offers " + types + "; the need accepts " + wanted);
        }
        return new Component(1, "offers " + accepted.stream().map(DealOption::dealType).distinct().sorted().toList()
                + ", which the need accepts");
    }

    static Component territory(String wanted, List<DealOption> options) {
        if (wanted == null) {
            return new Component(1, "the need names no territory");
        }
        var covering = options.stream().filter(o -> o.territory() == null || o.territory().equals(wanted))
                .min(Comparator.comparing(o -> o.territory() == null ? 1 : 0));
        if (covering.isPresent()) {
            return new Component(1, covering.get().territory() == null ? "a deal for any territory covers " + wanted
                    : "a deal for " + wanted + " is offered");
        }
        return new Component(0, "offered only for " + options.stream().map(DealOption::territory).distinct().sorted().toList()
                + ", not " + wanted);
    }

    static Component price(Budget budget, AskingPrice price) {
        if (budget == null) {
            return new Component(0.5, "the need names no budget");
        }
        if (price == null || price.onRequest()) {
            return new Component(0.5, "price on request");
        }
        if (!price.currency().equals(budget.currency())) {
            return new Component(0.5, "asks in " + price.currency() + ", the budget is in " + budget.currency() + ": not compared");
        }
        String asked = "asks " + price.amount().toPlainString() + " " + price.currency();
        if (price.amount().compareTo(budget.max()) <= 0) {
            return new Component(1, asked + ", within the budget of up to " + budget.max().toPlainString() + " " + budget.currency());
        }
        BigDecimal over = price.amount().subtract(budget.max()).divide(budget.max(), MathContext.DECIMAL64);
        double value = Math.max(0, 1 - over.doubleValue());
        return new Component(value, asked + ", " + over.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString()
                + "% over the budget of up to " + budget.max().toPlainString() + " " + budget.currency());
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** One component: its value, 0 to 1, and why. */
    record Component(double value, String detail) {

        MatchReason reason(String kind, double weight) {
            return new MatchReason(kind, round(value), weight, detail);
        }
    }
}
