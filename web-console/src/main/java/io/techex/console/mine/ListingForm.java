package io.techex.console.mine;

import io.techex.console.services.Model.Deal;
import io.techex.console.services.Model.IpTitle;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.Model.Owner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guided form for a listing's draft. Its property paths are the service's JSON paths ({@code title.vi},
 * {@code ipTitles[0].owners[1].sharePercent}, {@code askingPrice.amount}), so the service's problem names the field
 * next to which its message goes. Values are sent as typed: the service checks them; empty rows are left out, and
 * {@link #formPath} maps a path of the request back to the row the person filled in.
 */
public class ListingForm {

    public static final List<String> DEAL_TYPES = List.of("NON_EXCLUSIVE_LICENCE", "EXCLUSIVE_LICENCE", "ASSIGNMENT");
    static final int OWNER_ROWS = 3;
    private static final Pattern INDEX = Pattern.compile("^(ipTitles|dealTypes)\\[(\\d+)](.*)$");
    private static final Pattern OWNER_INDEX = Pattern.compile("^(\\.owners)\\[(\\d+)](.*)$");

    private Text title = new Text();
    private Text summary = new Text();
    private String assetType = "PATENT";
    private String readinessLevel = "";
    private List<Title> ipTitles = new ArrayList<>(List.of(new Title()));
    private String ipcClasses = "";
    private String keywords = "";
    private List<DealRow> dealTypes = new ArrayList<>(DEAL_TYPES.stream().map(DealRow::new).toList());
    private Price askingPrice = new Price();
    private String regulatoryCategory = "";
    private boolean stateFunded;

    /** Request index → form index, filled by {@link #toRequest}. */
    private final Map<Integer, Integer> titleRows = new HashMap<>();
    private final Map<String, Integer> ownerRows = new HashMap<>();
    private final Map<Integer, Integer> dealRows = new HashMap<>();

    /** An empty form whose first IP title names the seller as its owner with 100 %. */
    public static ListingForm blank(String organisation, String organisationName) {
        ListingForm form = new ListingForm();
        Owner seller = new Owner(organisation, organisationName, null);
        form.ipTitles.getFirst().getOwners().getFirst().fill(seller);
        form.ipTitles.getFirst().getOwners().getFirst().setSharePercent("100");
        return form;
    }

    public static ListingForm of(Listing listing) {
        ListingForm form = new ListingForm();
        form.title.vi = listing.title().vi();
        form.title.en = listing.title().en();
        form.summary.vi = listing.summary().vi();
        form.summary.en = listing.summary().en();
        form.assetType = listing.assetType();
        form.readinessLevel = Integer.toString(listing.readinessLevel());
        if (!listing.ipTitles().isEmpty()) {
            form.ipTitles = new ArrayList<>(listing.ipTitles().stream().map(Title::of).toList());
        }
        form.ipcClasses = String.join(", ", listing.ipcClasses());
        form.keywords = String.join(", ", listing.keywords());
        for (Deal deal : listing.dealTypes()) {
            DealRow row = form.dealTypes.get(DEAL_TYPES.indexOf(deal.dealType()));
            row.offered = true;
            row.fieldOfUse = deal.fieldOfUse();
            row.territory = deal.territory();
        }
        if (listing.askingPrice() != null) {
            form.askingPrice.onRequest = listing.askingPrice().onRequest();
            form.askingPrice.amount = listing.askingPrice().amount() == null ? "" : listing.askingPrice().amount().toPlainString();
            form.askingPrice.currency = listing.askingPrice().currency() == null ? "VND" : listing.askingPrice().currency();
        }
        form.regulatoryCategory = listing.regulatoryCategory() == null ? "" : listing.regulatoryCategory();
        form.stateFunded = listing.stateFunded();
        return form;
    }

    public void addTitle() {
        ipTitles.add(new Title());
    }

    /** The body of {@code POST /listings} and {@code PUT /listings/{id}/draft}. */
    public Map<String, Object> toRequest() {
        titleRows.clear();
        ownerRows.clear();
        dealRows.clear();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("title", title.toRequest());
        request.put("summary", summary.toRequest());
        request.put("assetType", blankToNull(assetType));
        request.put("readinessLevel", number(readinessLevel));
        List<Map<String, Object>> titles = new ArrayList<>();
        for (int row = 0; row < ipTitles.size(); row++) {
            Title ipTitle = ipTitles.get(row);
            if (ipTitle.isEmpty()) {
                continue;
            }
            titleRows.put(titles.size(), row);
            titles.add(ipTitle.toRequest(titles.size(), ownerRows));
        }
        request.put("ipTitles", titles);
        request.put("ipcClasses", list(ipcClasses));
        request.put("keywords", list(keywords));
        List<Map<String, Object>> deals = new ArrayList<>();
        for (int row = 0; row < dealTypes.size(); row++) {
            DealRow deal = dealTypes.get(row);
            if (deal.offered) {
                dealRows.put(deals.size(), row);
                deals.add(deal.toRequest());
            }
        }
        request.put("dealTypes", deals);
        request.put("askingPrice", askingPrice.toRequest());
        request.put("regulatoryCategory", blankToNull(regulatoryCategory));
        request.put("stateFunded", stateFunded);
        return request;
    }

    /**
     * Where a field the service named sits on this form: {@code ipTitles[1].owners[0].name} of the request may be the
     * third title row's first owner; {@code ipcClasses[2]} is the one text box of classes.
     */
    public String formPath(String requestPath) {
        if (requestPath == null || requestPath.isBlank()) {
            return null;
        }
        if (requestPath.startsWith("ipcClasses")) {
            return "ipcClasses";
        }
        if (requestPath.startsWith("keywords")) {
            return "keywords";
        }
        Matcher indexed = INDEX.matcher(requestPath);
        if (!indexed.matches()) {
            return requestPath;
        }
        int requestIndex = Integer.parseInt(indexed.group(2));
        String rest = indexed.group(3);
        if (indexed.group(1).equals("dealTypes")) {
            Integer row = dealRows.get(requestIndex);
            return row == null ? "dealTypes" : "dealTypes[" + row + "]" + (rest.equals(".dealType") ? ".offered" : rest);
        }
        Integer row = titleRows.get(requestIndex);
        if (row == null) {
            return "ipTitles";
        }
        Matcher owner = OWNER_INDEX.matcher(rest);
        if (owner.matches()) {
            Integer ownerRow = ownerRows.get(requestIndex + ":" + owner.group(2));
            return "ipTitles[" + row + "].owners" + (ownerRow == null ? "" : "[" + ownerRow + "]" + owner.group(3));
        }
        return "ipTitles[" + row + "]" + rest;
    }

    private static Object number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            return value.strip(); // the service names the field
        }
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split("[,;\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** VND has no decimals and people type 1.500.000.000 or 1,500,000,000: only digits go to the service. */
    static String amount(String typed, String currency) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String stripped = typed.strip().replaceAll("[\\s₫$]", "");
        return currency == null || currency.equals("VND") ? stripped.replaceAll("[.,]", "") : stripped.replace(",", "");
    }

    public static final class Text {
        private String vi = "";
        private String en = "";

        Map<String, Object> toRequest() {
            Map<String, Object> text = new LinkedHashMap<>();
            text.put("vi", vi == null ? "" : vi.strip());
            String english = blankToNull(en);
            if (english != null) {
                text.put("en", english);
            }
            return text;
        }

        public String getVi() { return vi; }
        public void setVi(String vi) { this.vi = vi; }
        public String getEn() { return en; }
        public void setEn(String en) { this.en = en; }
    }

    public static final class Title {
        private String office = "VN";
        private String number = "";
        private String kind = "";
        private String filingDate = "";
        private String grantDate = "";
        private String expiryDate = "";
        private List<OwnerRow> owners = new ArrayList<>();

        public Title() {
            while (owners.size() < OWNER_ROWS) {
                owners.add(new OwnerRow());
            }
        }

        static Title of(IpTitle ipTitle) {
            Title title = new Title();
            title.office = ipTitle.office();
            title.number = ipTitle.number();
            title.kind = ipTitle.kind() == null ? "" : ipTitle.kind();
            title.filingDate = text(ipTitle.filingDate());
            title.grantDate = text(ipTitle.grantDate());
            title.expiryDate = text(ipTitle.expiryDate());
            title.owners = new ArrayList<>();
            for (Owner owner : ipTitle.owners()) {
                OwnerRow row = new OwnerRow();
                row.fill(owner);
                title.owners.add(row);
            }
            while (title.owners.size() < OWNER_ROWS) {
                title.owners.add(new OwnerRow());
            }
            return title;
        }

        boolean isEmpty() {
            return (number == null || number.isBlank()) && (filingDate == null || filingDate.isBlank())
                    && (expiryDate == null || expiryDate.isBlank());
        }

        Map<String, Object> toRequest(int requestIndex, Map<String, Integer> ownerRows) {
            Map<String, Object> title = new LinkedHashMap<>();
            title.put("office", blankToNull(office));
            title.put("number", blankToNull(number));
            title.put("kind", blankToNull(kind));
            title.put("filingDate", blankToNull(filingDate));
            title.put("grantDate", blankToNull(grantDate));
            title.put("expiryDate", blankToNull(expiryDate));
            List<Map<String, Object>> named = new ArrayList<>();
            for (int row = 0; row < owners.size(); row++) {
                OwnerRow owner = owners.get(row);
                if (!owner.isEmpty()) {
                    ownerRows.put(requestIndex + ":" + named.size(), row);
                    named.add(owner.toRequest());
                }
            }
            title.put("owners", named);
            return title;
        }

        private static String text(LocalDate date) {
            return date == null ? "" : date.toString();
        }

        public String getOffice() { return office; }
        public void setOffice(String office) { this.office = office; }
        public String getNumber() { return number; }
        public void setNumber(String number) { this.number = number; }
        public String getKind() { return kind; }
        public void setKind(String kind) { this.kind = kind; }
        public String getFilingDate() { return filingDate; }
        public void setFilingDate(String filingDate) { this.filingDate = filingDate; }
        public String getGrantDate() { return grantDate; }
        public void setGrantDate(String grantDate) { this.grantDate = grantDate; }
        public String getExpiryDate() { return expiryDate; }
        public void setExpiryDate(String expiryDate) { this.expiryDate = expiryDate; }
        public List<OwnerRow> getOwners() { return owners; }
        public void setOwners(List<OwnerRow> owners) { this.owners = owners; }
    }

    public static final class OwnerRow {
        private String organisationId = "";
        private String name = "";
        private String sharePercent = "";

        void fill(Owner owner) {
            organisationId = owner.organisationId();
            name = owner.name();
            sharePercent = owner.sharePercent() == null ? "" : owner.sharePercent().stripTrailingZeros().toPlainString();
        }

        boolean isEmpty() {
            return (organisationId == null || organisationId.isBlank()) && (name == null || name.isBlank())
                    && (sharePercent == null || sharePercent.isBlank());
        }

        Map<String, Object> toRequest() {
            Map<String, Object> owner = new LinkedHashMap<>();
            owner.put("organisationId", blankToNull(organisationId));
            owner.put("name", blankToNull(name));
            owner.put("sharePercent", sharePercent == null ? null : blankToNull(sharePercent.replace(',', '.').replace("%", "")));
            return owner;
        }

        public String getOrganisationId() { return organisationId; }
        public void setOrganisationId(String organisationId) { this.organisationId = organisationId; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getSharePercent() { return sharePercent; }
        public void setSharePercent(String sharePercent) { this.sharePercent = sharePercent; }
    }

    public static final class DealRow {
        private String dealType;
        private boolean offered;
        private String fieldOfUse = "";
        private String territory = "";

        public DealRow() {
        }

        DealRow(String dealType) {
            this.dealType = dealType;
        }

        Map<String, Object> toRequest() {
            Map<String, Object> deal = new LinkedHashMap<>();
            deal.put("dealType", dealType);
            if (!"ASSIGNMENT".equals(dealType)) {
                deal.put("fieldOfUse", blankToNull(fieldOfUse));
                deal.put("territory", territory == null ? null : blankToNull(territory.toUpperCase(java.util.Locale.ROOT)));
            }
            return deal;
        }

        public String getDealType() { return dealType; }
        public void setDealType(String dealType) { this.dealType = dealType; }
        public boolean isOffered() { return offered; }
        public void setOffered(boolean offered) { this.offered = offered; }
        public String getFieldOfUse() { return fieldOfUse; }
        public void setFieldOfUse(String fieldOfUse) { this.fieldOfUse = fieldOfUse; }
        public String getTerritory() { return territory; }
        public void setTerritory(String territory) { this.territory = territory; }
    }

    public static final class Price {
        private String amount = "";
        private String currency = "VND";
        private boolean onRequest;

        Map<String, Object> toRequest() {
            if (onRequest) {
                return Map.of("onRequest", true);
            }
            String digits = amount(this.amount, currency);
            if (digits == null) {
                return null;
            }
            Map<String, Object> price = new LinkedHashMap<>();
            price.put("amount", digits);
            price.put("currency", blankToNull(currency));
            return price;
        }

        public String getAmount() { return amount; }
        public void setAmount(String amount) { this.amount = amount; }
        public String getCurrency() { return currency; }
        public void setCurrency(String currency) { this.currency = currency; }
        public boolean isOnRequest() { return onRequest; }
        public void setOnRequest(boolean onRequest) { this.onRequest = onRequest; }
    }

    public Text getTitle() { return title; }
    public void setTitle(Text title) { this.title = title; }
    public Text getSummary() { return summary; }
    public void setSummary(Text summary) { this.summary = summary; }
    public String getAssetType() { return assetType; }
    public void setAssetType(String assetType) { this.assetType = assetType; }
    public String getReadinessLevel() { return readinessLevel; }
    public void setReadinessLevel(String readinessLevel) { this.readinessLevel = readinessLevel; }
    public List<Title> getIpTitles() { return ipTitles; }
    public void setIpTitles(List<Title> ipTitles) { this.ipTitles = ipTitles; }
    public String getIpcClasses() { return ipcClasses; }
    public void setIpcClasses(String ipcClasses) { this.ipcClasses = ipcClasses; }
    public String getKeywords() { return keywords; }
    public void setKeywords(String keywords) { this.keywords = keywords; }
    public List<DealRow> getDealTypes() { return dealTypes; }
    public void setDealTypes(List<DealRow> dealTypes) { this.dealTypes = dealTypes; }
    public Price getAskingPrice() { return askingPrice; }
    public void setAskingPrice(Price askingPrice) { this.askingPrice = askingPrice; }
    public String getRegulatoryCategory() { return regulatoryCategory; }
    public void setRegulatoryCategory(String regulatoryCategory) { this.regulatoryCategory = regulatoryCategory; }
    public boolean isStateFunded() { return stateFunded; }
    public void setStateFunded(boolean stateFunded) { this.stateFunded = stateFunded; }
}
