package io.techex.console.contract;

import io.techex.console.format.Formats;
import io.techex.console.services.ContractModel.Milestone;
import io.techex.console.services.ContractModel.Terms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contract's terms as a party amends them, in full: contract-service takes the new terms whole and names in its
 * problem the term at fault ({@code terms.royalty.ratePercent}), which {@link #formPath} maps to the field here. The
 * deal type and the currency stay the deal's.
 */
public class AmendmentForm {

    static final int EXTRA_MILESTONE_ROWS = 1;
    private static final Pattern MILESTONE = Pattern.compile("^(?:terms\\.)?milestones\\[(\\d+)](?:\\.(\\w+))?.*$");

    private String dealType = "";
    private String currency = "VND";
    private String fieldOfUse = "";
    private String territory = "";
    private String termStart = "";
    private String termEnd = "";
    private String termMonths = "";
    private String price = "";
    private String royaltyRate = "";
    private String royaltyPeriod = "";
    private String royaltyMinimum = "";
    private List<MilestoneRow> milestones = new ArrayList<>();
    private String governingTerms = "";

    private final Map<Integer, Integer> milestoneRows = new HashMap<>();

    static AmendmentForm of(Terms terms, Formats fmt) {
        AmendmentForm form = new AmendmentForm();
        form.dealType = terms.dealType();
        form.currency = terms.price() == null || terms.price().currency() == null ? "VND" : terms.price().currency();
        form.fieldOfUse = orEmpty(terms.fieldOfUse());
        form.territory = orEmpty(terms.territory());
        form.termStart = terms.termStart() == null ? "" : terms.termStart().toString();
        form.termEnd = terms.termEnd() == null ? "" : terms.termEnd().toString();
        form.termMonths = terms.termMonths() == null ? "" : terms.termMonths().toString();
        form.price = terms.price() == null ? "" : orEmpty(fmt.decimal(terms.price().amount()));
        if (terms.royalty() != null) {
            form.royaltyRate = orEmpty(fmt.decimal(terms.royalty().ratePercent()));
            form.royaltyPeriod = orEmpty(terms.royalty().period());
            form.royaltyMinimum = terms.royalty().minimumPerYear() == null ? ""
                    : orEmpty(fmt.decimal(terms.royalty().minimumPerYear().amount()));
        }
        for (Milestone milestone : terms.milestones()) {
            MilestoneRow row = new MilestoneRow();
            row.milestoneId = orEmpty(milestone.milestoneId());
            row.description = orEmpty(milestone.description());
            row.dueDate = milestone.dueDate() == null ? "" : milestone.dueDate().toString();
            row.payment = milestone.payment() == null ? "" : orEmpty(fmt.decimal(milestone.payment().amount()));
            form.milestones.add(row);
        }
        for (int i = 0; i < EXTRA_MILESTONE_ROWS; i++) {
            form.milestones.add(new MilestoneRow());
        }
        form.governingTerms = orEmpty(terms.governingTerms());
        return form;
    }

    /** The new terms in contract-service's form; empty parts left out. */
    Map<String, Object> toRequest(Locale locale) {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("dealType", dealType);
        put(terms, "fieldOfUse", blank(fieldOfUse));
        put(terms, "territory", blank(territory) == null ? null : territory.strip().toUpperCase(Locale.ROOT));
        put(terms, "termStart", blank(termStart));
        put(terms, "termEnd", blank(termEnd));
        put(terms, "termMonths", whole(termMonths));
        terms.put("price", money(price, locale));
        if (blank(royaltyRate) != null || blank(royaltyPeriod) != null || blank(royaltyMinimum) != null) {
            Map<String, Object> royalty = new LinkedHashMap<>();
            royalty.put("ratePercent", Formats.plainAmount(royaltyRate, locale));
            royalty.put("period", blank(royaltyPeriod));
            if (blank(royaltyMinimum) != null) {
                royalty.put("minimumPerYear", money(royaltyMinimum, locale));
            }
            terms.put("royalty", royalty);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        milestoneRows.clear();
        for (int i = 0; i < milestones.size(); i++) {
            MilestoneRow row = milestones.get(i);
            if (row.isEmpty()) {
                continue;
            }
            Map<String, Object> milestone = new LinkedHashMap<>();
            milestone.put("milestoneId", blank(row.milestoneId));
            milestone.put("description", blank(row.description));
            put(milestone, "dueDate", blank(row.dueDate));
            if (blank(row.payment) != null) {
                milestone.put("payment", money(row.payment, locale));
            }
            milestoneRows.put(rows.size(), i);
            rows.add(milestone);
        }
        terms.put("milestones", rows);
        put(terms, "governingTerms", blank(governingTerms));
        return terms;
    }

    /** The field for a path of the service's problem; null for what no single field holds. */
    String formPath(String requestPath) {
        if (requestPath == null) {
            return null;
        }
        Matcher milestone = MILESTONE.matcher(requestPath);
        if (milestone.matches()) {
            Integer row = milestoneRows.get(Integer.parseInt(milestone.group(1)));
            String part = milestone.group(2);
            if (row == null) {
                return null;
            }
            return "milestones[" + row + "]." + (part == null || part.equals("amount") ? "payment"
                    : List.of("milestoneId", "description", "dueDate", "payment").contains(part) ? part : "description");
        }
        String path = requestPath.startsWith("terms.") ? requestPath.substring(6) : requestPath;
        return switch (path) {
            case "fieldOfUse", "territory", "termStart", "termEnd", "termMonths", "governingTerms" -> path;
            case "price", "price.amount", "price.currency" -> "price";
            case "royalty", "royalty.ratePercent" -> "royaltyRate";
            case "royalty.period" -> "royaltyPeriod";
            case "royalty.minimumPerYear", "royalty.minimumPerYear.amount" -> "royaltyMinimum";
            default -> null;
        };
    }

    private Map<String, Object> money(String typed, Locale locale) {
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("amount", Formats.plainAmount(typed, locale));
        money.put("currency", currency);
        return money;
    }

    private static Object whole(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException notWhole) {
            return value.strip();
        }
    }

    /** An option's licence on exercise as contract-service takes it, amounts as plain decimal strings. */
    static Map<String, Object> licence(io.techex.console.services.ContractModel.LicenceTerms licence) {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("dealType", licence.dealType());
        put(terms, "termMonths", licence.termMonths());
        terms.put("price", money(licence.price()));
        if (licence.royalty() != null) {
            Map<String, Object> royalty = new LinkedHashMap<>();
            royalty.put("ratePercent", licence.royalty().ratePercent() == null ? null : licence.royalty().ratePercent().toPlainString());
            royalty.put("period", licence.royalty().period());
            put(royalty, "minimumPerYear", money(licence.royalty().minimumPerYear()));
            terms.put("royalty", royalty);
        }
        terms.put("milestones", licence.milestones().stream().map(m -> {
            Map<String, Object> milestone = new LinkedHashMap<>();
            milestone.put("milestoneId", m.milestoneId());
            milestone.put("description", m.description());
            put(milestone, "dueDate", m.dueDate() == null ? null : m.dueDate().toString());
            put(milestone, "payment", money(m.payment()));
            return milestone;
        }).toList());
        return terms;
    }

    private static Map<String, Object> money(io.techex.console.services.ContractModel.Money money) {
        if (money == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("amount", money.amount() == null ? null : money.amount().toPlainString());
        map.put("currency", money.currency());
        return map;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    public boolean isAssignment() {
        return "ASSIGNMENT".equals(dealType);
    }

    /** A milestone; a row left empty is none. Its id is the contract's name for it (e.g. "pilot"). */
    public static class MilestoneRow {
        private String milestoneId = "";
        private String description = "";
        private String dueDate = "";
        private String payment = "";

        boolean isEmpty() {
            return blank(milestoneId) == null && blank(description) == null && blank(dueDate) == null && blank(payment) == null;
        }

        public String getMilestoneId() { return milestoneId; }
        public void setMilestoneId(String milestoneId) { this.milestoneId = milestoneId; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getDueDate() { return dueDate; }
        public void setDueDate(String dueDate) { this.dueDate = dueDate; }
        public String getPayment() { return payment; }
        public void setPayment(String payment) { this.payment = payment; }
    }

    public String getDealType() { return dealType; }
    public void setDealType(String dealType) { this.dealType = dealType; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public String getFieldOfUse() { return fieldOfUse; }
    public void setFieldOfUse(String fieldOfUse) { this.fieldOfUse = fieldOfUse; }
    public String getTerritory() { return territory; }
    public void setTerritory(String territory) { this.territory = territory; }
    public String getTermStart() { return termStart; }
    public void setTermStart(String termStart) { this.termStart = termStart; }
    public String getTermEnd() { return termEnd; }
    public void setTermEnd(String termEnd) { this.termEnd = termEnd; }
    public String getTermMonths() { return termMonths; }
    public void setTermMonths(String termMonths) { this.termMonths = termMonths; }
    public String getPrice() { return price; }
    public void setPrice(String price) { this.price = price; }
    public String getRoyaltyRate() { return royaltyRate; }
    public void setRoyaltyRate(String royaltyRate) { this.royaltyRate = royaltyRate; }
    public String getRoyaltyPeriod() { return royaltyPeriod; }
    public void setRoyaltyPeriod(String royaltyPeriod) { this.royaltyPeriod = royaltyPeriod; }
    public String getRoyaltyMinimum() { return royaltyMinimum; }
    public void setRoyaltyMinimum(String royaltyMinimum) { this.royaltyMinimum = royaltyMinimum; }
    public List<MilestoneRow> getMilestones() { return milestones; }
    public void setMilestones(List<MilestoneRow> milestones) { this.milestones = milestones; }
    public String getGoverningTerms() { return governingTerms; }
    public void setGoverningTerms(String governingTerms) { this.governingTerms = governingTerms; }
}
