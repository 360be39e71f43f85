package io.techex.console.negotiation;

import io.techex.console.format.Formats;
import io.techex.console.services.BiddingModel.DealTerms;
import io.techex.console.services.BiddingModel.Milestone;
import io.techex.console.services.BiddingModel.OptionLicence;
import io.techex.console.services.BiddingModel.Price;
import io.techex.console.services.Model.Deal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offer's or a counter-offer's term sheet as a person fills it in: the deal (type, field of use, territory, term),
 * the price (lump sum, running royalty, minimum annual royalty, milestones, in one currency) and how long the offer
 * binds; for an OPTION also the licence it fixes, taken by exercising it (type, term, lump sum, royalty, minimum
 * annual royalty, in the option's currency). Amounts are typed as people write them; the service checks every value
 * and its problem's paths ({@code terms.price.lumpSum}, {@code terms.licence.price.lumpSum}) map back to the fields
 * here ({@link #formPath}).
 */
public class TermsForm {

    static final int MILESTONE_ROWS = 3;
    private static final Pattern MILESTONE = Pattern.compile("^terms\\.price\\.milestones\\[(\\d+)]\\.(description|amount)$");

    private String dealType = "";
    private String fieldOfUse = "";
    private String territory = "";
    private String termMonths = "";
    private String currency = "VND";
    private String lumpSum = "";
    private String royaltyPercent = "";
    private String minimumAnnualRoyalty = "";
    private List<MilestoneRow> milestones = new ArrayList<>();
    private String validUntil = "";
    private String licenceType = "EXCLUSIVE_LICENCE";
    private String licenceTermMonths = "";
    private String licenceLumpSum = "";
    private String licenceRoyaltyPercent = "";
    private String licenceMinimumAnnualRoyalty = "";

    /** Request index → form row, filled by {@link #toRequest}. */
    private final Map<Integer, Integer> milestoneRows = new HashMap<>();

    public TermsForm() {
        padMilestones();
    }

    /** A first offer on one of the listing's deal options, binding for a week from {@code now}. */
    static TermsForm forOption(Deal option, Instant now, Formats fmt) {
        TermsForm form = new TermsForm();
        form.dealType = option.dealType();
        form.fieldOfUse = option.fieldOfUse() == null ? "" : option.fieldOfUse();
        form.territory = option.territory() == null ? "" : option.territory();
        form.validUntil = fmt.localInput(now.plus(java.time.Duration.ofDays(7)));
        return form;
    }

    /** The terms on the table, to counter from; binding for a week from {@code now}. */
    static TermsForm of(DealTerms terms, Instant now, Formats fmt) {
        TermsForm form = new TermsForm();
        form.dealType = terms.dealType();
        form.fieldOfUse = terms.fieldOfUse() == null ? "" : terms.fieldOfUse();
        form.territory = terms.territory() == null ? "" : terms.territory();
        form.termMonths = terms.termMonths() == null ? "" : terms.termMonths().toString();
        if (terms.price() != null) {
            form.currency = terms.price().currency() == null ? "VND" : terms.price().currency();
            form.lumpSum = orEmpty(fmt.decimal(terms.price().lumpSum()));
            form.royaltyPercent = orEmpty(fmt.decimal(terms.price().runningRoyaltyPercent()));
            form.minimumAnnualRoyalty = orEmpty(fmt.decimal(terms.price().minimumAnnualRoyalty()));
            form.milestones = new ArrayList<>(terms.price().milestones().stream()
                    .map(m -> new MilestoneRow(m.description(), orEmpty(fmt.decimal(m.amount())))).toList());
        }
        if (terms.licence() != null) {
            form.licenceType = terms.licence().dealType();
            form.licenceTermMonths = terms.licence().termMonths() == null ? "" : terms.licence().termMonths().toString();
            if (terms.licence().price() != null) {
                form.licenceLumpSum = orEmpty(fmt.decimal(terms.licence().price().lumpSum()));
                form.licenceRoyaltyPercent = orEmpty(fmt.decimal(terms.licence().price().runningRoyaltyPercent()));
                form.licenceMinimumAnnualRoyalty = orEmpty(fmt.decimal(terms.licence().price().minimumAnnualRoyalty()));
            }
        }
        form.padMilestones();
        form.validUntil = fmt.localInput(now.plus(java.time.Duration.ofDays(7)));
        return form;
    }

    /** The terms as bidding-service takes them; empty parts left out, amounts as plain decimals. */
    Map<String, Object> terms(Locale locale) {
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("currency", blankToNull(currency) == null ? "VND" : currency.strip());
        putIfPresent(price, "lumpSum", Formats.plainAmount(lumpSum, locale));
        putIfPresent(price, "runningRoyaltyPercent", Formats.plainAmount(royaltyPercent, locale));
        putIfPresent(price, "minimumAnnualRoyalty", Formats.plainAmount(minimumAnnualRoyalty, locale));
        List<Map<String, Object>> rows = new ArrayList<>();
        milestoneRows.clear();
        for (int i = 0; i < milestones.size(); i++) {
            MilestoneRow row = milestones.get(i);
            if (row.isEmpty()) {
                continue;
            }
            Map<String, Object> milestone = new LinkedHashMap<>();
            milestone.put("description", row.description == null ? "" : row.description.strip());
            milestone.put("amount", Formats.plainAmount(row.amount, locale));
            milestoneRows.put(rows.size(), i);
            rows.add(milestone);
        }
        if (!rows.isEmpty()) {
            price.put("milestones", rows);
        }
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("dealType", dealType);
        putIfPresent(terms, "fieldOfUse", blankToNull(fieldOfUse));
        putIfPresent(terms, "territory", blankToNull(territory) == null ? null : territory.strip().toUpperCase(Locale.ROOT));
        putIfPresent(terms, "termMonths", whole(termMonths));
        terms.put("price", price);
        if (isOption()) {
            terms.put("licence", licence(price.get("currency"), locale));
        }
        return terms;
    }

    /** The licence an option fixes, priced in the option's currency (bidding-service refuses any other). */
    private Map<String, Object> licence(Object currency, Locale locale) {
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("currency", currency);
        putIfPresent(price, "lumpSum", Formats.plainAmount(licenceLumpSum, locale));
        putIfPresent(price, "runningRoyaltyPercent", Formats.plainAmount(licenceRoyaltyPercent, locale));
        putIfPresent(price, "minimumAnnualRoyalty", Formats.plainAmount(licenceMinimumAnnualRoyalty, locale));
        Map<String, Object> licence = new LinkedHashMap<>();
        licence.put("dealType", blankToNull(licenceType));
        putIfPresent(licence, "termMonths", whole(licenceTermMonths));
        licence.put("price", price);
        return licence;
    }

    /** {@code {terms, validUntil}}, a counter-offer's body; a first offer adds its listing. */
    Map<String, Object> toRequest(Locale locale) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("terms", terms(locale));
        Instant until = Formats.fromLocalInput(validUntil);
        request.put("validUntil", until == null ? blankToNull(validUntil) : until.toString());
        return request;
    }

    /**
     * The terms as they will be sent, to show before they bind; null when an amount or the term is not a number yet,
     * which the service then names.
     */
    DealTerms parsed(Locale locale) {
        try {
            List<Milestone> rows = new ArrayList<>();
            for (MilestoneRow row : milestones) {
                if (!row.isEmpty()) {
                    rows.add(new Milestone(row.description, decimal(Formats.plainAmount(row.amount, locale))));
                }
            }
            Integer months = blankToNull(termMonths) == null ? null : Integer.valueOf(termMonths.strip());
            String code = blankToNull(currency) == null ? "VND" : currency.strip();
            OptionLicence licence = !isOption() ? null : new OptionLicence(blankToNull(licenceType),
                    blankToNull(licenceTermMonths) == null ? null : Integer.valueOf(licenceTermMonths.strip()),
                    new Price(code, decimal(Formats.plainAmount(licenceLumpSum, locale)),
                            decimal(Formats.plainAmount(licenceRoyaltyPercent, locale)),
                            decimal(Formats.plainAmount(licenceMinimumAnnualRoyalty, locale)), List.of()));
            return new DealTerms(dealType, blankToNull(fieldOfUse), blankToNull(territory) == null ? null
                    : territory.strip().toUpperCase(Locale.ROOT), months, new Price(code,
                    decimal(Formats.plainAmount(lumpSum, locale)), decimal(Formats.plainAmount(royaltyPercent, locale)),
                    decimal(Formats.plainAmount(minimumAnnualRoyalty, locale)), rows), licence);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    Instant validUntilInstant() {
        return Formats.fromLocalInput(validUntil);
    }

    /** The form's values as hidden fields, to send the same form again from its confirmation. */
    List<Map.Entry<String, String>> hiddenFields() {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("dealType", orEmpty(dealType)));
        fields.add(Map.entry("fieldOfUse", orEmpty(fieldOfUse)));
        fields.add(Map.entry("territory", orEmpty(territory)));
        fields.add(Map.entry("termMonths", orEmpty(termMonths)));
        fields.add(Map.entry("currency", orEmpty(currency)));
        fields.add(Map.entry("lumpSum", orEmpty(lumpSum)));
        fields.add(Map.entry("royaltyPercent", orEmpty(royaltyPercent)));
        fields.add(Map.entry("minimumAnnualRoyalty", orEmpty(minimumAnnualRoyalty)));
        for (int i = 0; i < milestones.size(); i++) {
            fields.add(Map.entry("milestones[" + i + "].description", orEmpty(milestones.get(i).description)));
            fields.add(Map.entry("milestones[" + i + "].amount", orEmpty(milestones.get(i).amount)));
        }
        if (isOption()) {
            fields.add(Map.entry("licenceType", orEmpty(licenceType)));
            fields.add(Map.entry("licenceTermMonths", orEmpty(licenceTermMonths)));
            fields.add(Map.entry("licenceLumpSum", orEmpty(licenceLumpSum)));
            fields.add(Map.entry("licenceRoyaltyPercent", orEmpty(licenceRoyaltyPercent)));
            fields.add(Map.entry("licenceMinimumAnnualRoyalty", orEmpty(licenceMinimumAnnualRoyalty)));
        }
        fields.add(Map.entry("validUntil", orEmpty(validUntil)));
        return fields;
    }

    private static java.math.BigDecimal decimal(String plain) {
        return plain == null ? null : new java.math.BigDecimal(plain);
    }

    /** The field a path of the service's problem names; null for what no single field holds. */
    public String formPath(String requestPath) {
        if (requestPath == null) {
            return null;
        }
        Matcher milestone = MILESTONE.matcher(requestPath);
        if (milestone.matches()) {
            Integer row = milestoneRows.get(Integer.parseInt(milestone.group(1)));
            return row == null ? null : "milestones[" + row + "]." + milestone.group(2);
        }
        return switch (requestPath) {
            case "terms.dealType" -> "dealType";
            case "terms.fieldOfUse" -> "fieldOfUse";
            case "terms.territory" -> "territory";
            case "terms.termMonths" -> "termMonths";
            case "terms.price.currency" -> "currency";
            case "terms.price.lumpSum" -> "lumpSum";
            case "terms.price.runningRoyaltyPercent" -> "royaltyPercent";
            case "terms.price.minimumAnnualRoyalty" -> "minimumAnnualRoyalty";
            case "terms.licence", "terms.licence.dealType" -> "licenceType";
            case "terms.licence.termMonths" -> "licenceTermMonths";
            // the licence is priced in the option's currency: the one currency field names it
            case "terms.licence.price.currency" -> "currency";
            case "terms.licence.price", "terms.licence.price.lumpSum" -> "licenceLumpSum";
            case "terms.licence.price.runningRoyaltyPercent" -> "licenceRoyaltyPercent";
            case "terms.licence.price.minimumAnnualRoyalty" -> "licenceMinimumAnnualRoyalty";
            case "validUntil" -> "validUntil";
            default -> null;
        };
    }

    public boolean isAssignment() {
        return "ASSIGNMENT".equals(dealType);
    }

    public boolean isOption() {
        return "OPTION".equals(dealType);
    }

    private void padMilestones() {
        while (milestones.size() < MILESTONE_ROWS) {
            milestones.add(new MilestoneRow());
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A whole number as a JSON number; anything else as typed, for the service to refuse naming the field. */
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** One milestone payment; a row left empty is no milestone. */
    public static class MilestoneRow {
        private String description = "";
        private String amount = "";

        public MilestoneRow() {
        }

        MilestoneRow(String description, String amount) {
            this.description = description;
            this.amount = amount;
        }

        boolean isEmpty() {
            return (description == null || description.isBlank()) && (amount == null || amount.isBlank());
        }

        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getAmount() { return amount; }
        public void setAmount(String amount) { this.amount = amount; }
    }

    public String getDealType() { return dealType; }
    public void setDealType(String dealType) { this.dealType = dealType; }
    public String getFieldOfUse() { return fieldOfUse; }
    public void setFieldOfUse(String fieldOfUse) { this.fieldOfUse = fieldOfUse; }
    public String getTerritory() { return territory; }
    public void setTerritory(String territory) { this.territory = territory; }
    public String getTermMonths() { return termMonths; }
    public void setTermMonths(String termMonths) { this.termMonths = termMonths; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public String getLumpSum() { return lumpSum; }
    public void setLumpSum(String lumpSum) { this.lumpSum = lumpSum; }
    public String getRoyaltyPercent() { return royaltyPercent; }
    public void setRoyaltyPercent(String royaltyPercent) { this.royaltyPercent = royaltyPercent; }
    public String getMinimumAnnualRoyalty() { return minimumAnnualRoyalty; }
    public void setMinimumAnnualRoyalty(String minimumAnnualRoyalty) { this.minimumAnnualRoyalty = minimumAnnualRoyalty; }
    public List<MilestoneRow> getMilestones() { return milestones; }
    public void setMilestones(List<MilestoneRow> milestones) { this.milestones = milestones; }
    public String getValidUntil() { return validUntil; }
    public void setValidUntil(String validUntil) { this.validUntil = validUntil; }
    public String getLicenceType() { return licenceType; }
    public void setLicenceType(String licenceType) { this.licenceType = licenceType; }
    public String getLicenceTermMonths() { return licenceTermMonths; }
    public void setLicenceTermMonths(String licenceTermMonths) { this.licenceTermMonths = licenceTermMonths; }
    public String getLicenceLumpSum() { return licenceLumpSum; }
    public void setLicenceLumpSum(String licenceLumpSum) { this.licenceLumpSum = licenceLumpSum; }
    public String getLicenceRoyaltyPercent() { return licenceRoyaltyPercent; }
    public void setLicenceRoyaltyPercent(String licenceRoyaltyPercent) { this.licenceRoyaltyPercent = licenceRoyaltyPercent; }
    public String getLicenceMinimumAnnualRoyalty() { return licenceMinimumAnnualRoyalty; }
    public void setLicenceMinimumAnnualRoyalty(String licenceMinimumAnnualRoyalty) { this.licenceMinimumAnnualRoyalty = licenceMinimumAnnualRoyalty; }
}
