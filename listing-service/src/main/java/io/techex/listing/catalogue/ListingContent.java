package io.techex.listing.catalogue;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.IpTitleOwner;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.platform.rules.RuleViolation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the seller writes in a listing. Any part may be missing while it is a draft; {@link #check} holds the rules
 * every draft keeps, {@link #checkComplete} what a listing needs before the operator looks at it.
 *
 * @param ipcClasses International Patent Classification symbols: a subclass ({@code A61K}) or a group ({@code A61K 36/00})
 */
public record ListingContent(LocalizedText title, LocalizedText summary, AssetType assetType, int readinessLevel,
                             List<IpTitle> ipTitles, List<String> ipcClasses, List<String> keywords,
                             List<DealOption> dealTypes, AskingPrice askingPrice,
                             RegulatoryCategory regulatoryCategory, boolean stateFunded) {

    /** Registered rights: the exchange cannot verify who owns them without the office's title. */
    static final Set<AssetType> REGISTERED_RIGHTS = EnumSet.of(AssetType.PATENT, AssetType.UTILITY_SOLUTION,
            AssetType.INDUSTRIAL_DESIGN, AssetType.LAYOUT_DESIGN, AssetType.PLANT_VARIETY);

    private static final Pattern IPC = Pattern.compile("[A-H][0-9]{2}[A-Z]( [0-9]{1,4}/[0-9]{2,6})?");
    private static final Pattern OFFICE = Pattern.compile("[A-Z]{2,4}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MAX_KEYWORDS = 30;
    private static final int MAX_KEYWORD_LENGTH = 80;

    public ListingContent {
        // lists may hold nulls here so that check() can name the element at fault
        ipTitles = ipTitles == null ? List.of() : nullTolerantCopy(ipTitles);
        ipcClasses = ipcClasses == null ? List.of() : nullTolerantCopy(ipcClasses);
        keywords = keywords == null ? List.of() : nullTolerantCopy(keywords);
        dealTypes = dealTypes == null ? List.of() : nullTolerantCopy(dealTypes);
    }

    /** Title, summary, asset type and readiness only, as the first drafts had. */
    public static ListingContent basic(LocalizedText title, LocalizedText summary, AssetType assetType, int readinessLevel) {
        return new ListingContent(title, summary, assetType, readinessLevel, null, null, null, null, null, null, false);
    }

    static ListingContent of(ListingDrafted e) {
        return new ListingContent(e.title(), e.summary(), e.assetType(), e.readinessLevel(), e.ipTitles(),
                e.ipcClasses(), e.keywords(), e.dealTypes(), e.askingPrice(), e.regulatoryCategory(), e.stateFunded());
    }

    static ListingContent of(ListingDraftRevised e) {
        return new ListingContent(e.title(), e.summary(), e.assetType(), e.readinessLevel(), e.ipTitles(),
                e.ipcClasses(), e.keywords(), e.dealTypes(), e.askingPrice(), e.regulatoryCategory(), e.stateFunded());
    }

    ListingDrafted drafted(String listingId, String sellerOrganisationId) {
        return new ListingDrafted(listingId, sellerOrganisationId, title, summary, assetType, readinessLevel, ipTitles,
                ipcClasses, keywords, dealTypes, askingPrice, regulatoryCategory, stateFunded);
    }

    ListingDraftRevised revised(String listingId, int revision) {
        return new ListingDraftRevised(listingId, revision, title, summary, assetType, readinessLevel, ipTitles,
                ipcClasses, keywords, dealTypes, askingPrice, regulatoryCategory, stateFunded);
    }

    /** Organisations other than the seller that own a share of a listed IP title. */
    Set<String> coOwners(String sellerOrganisationId) {
        Set<String> coOwners = new LinkedHashSet<>();
        for (IpTitle ipTitle : ipTitles) {
            for (IpTitleOwner owner : ipTitle.owners()) {
                if (!owner.organisationId().equals(sellerOrganisationId)) {
                    coOwners.add(owner.organisationId());
                }
            }
        }
        return coOwners;
    }

    /** The rules every draft keeps, whoever reads it; throws a 422 naming the first field at fault. */
    void check(String sellerOrganisationId) {
        checkText("title", title, 300);
        checkText("summary", summary, 5000);
        if (assetType == null) {
            throw RuleViolation.invalid("assetType", "A listing needs an asset type");
        }
        if (readinessLevel < 1 || readinessLevel > 9) {
            throw RuleViolation.invalid("readinessLevel", "Technology readiness level is 1 to 9, not " + readinessLevel);
        }
        checkIpTitles(sellerOrganisationId);
        for (int i = 0; i < ipcClasses.size(); i++) {
            String ipc = ipcClasses.get(i);
            if (ipc == null || !IPC.matcher(ipc).matches()) {
                throw RuleViolation.invalid("ipcClasses[" + i + "]",
                        "An IPC class is a subclass like A61K or a group like A61K 36/00, not " + ipc);
            }
        }
        checkNoDuplicates("ipcClasses", ipcClasses);
        if (keywords.size() > MAX_KEYWORDS) {
            throw RuleViolation.invalid("keywords", "At most " + MAX_KEYWORDS + " keywords, not " + keywords.size());
        }
        for (int i = 0; i < keywords.size(); i++) {
            String keyword = keywords.get(i);
            if (keyword == null || keyword.isBlank() || keyword.length() > MAX_KEYWORD_LENGTH) {
                throw RuleViolation.invalid("keywords[" + i + "]", "A keyword is 1 to " + MAX_KEYWORD_LENGTH + " characters");
            }
        }
        checkDealTypes();
        checkAskingPrice();
    }

    /** What the operator needs to check ownership and buyers need to make offers; throws a 422 naming the gap. */
    void checkComplete() {
        if (REGISTERED_RIGHTS.contains(assetType) && ipTitles.isEmpty()) {
            throw RuleViolation.invalid("ipTitles", "A listing of a " + assetType + " names at least one IP title");
        }
        if (dealTypes.isEmpty()) {
            throw RuleViolation.invalid("dealTypes", "A listing offers at least one deal type before it is submitted");
        }
        if (askingPrice == null) {
            throw RuleViolation.invalid("askingPrice", "A listing names a price, or says it is on request, before it is submitted");
        }
        if (regulatoryCategory == null) {
            throw RuleViolation.invalid("regulatoryCategory",
                    "A listing says where it stands under the Law on Technology Transfer before it is submitted");
        }
        if (regulatoryCategory == RegulatoryCategory.PROHIBITED) {
            throw RuleViolation.unprocessable("transfer-prohibited", "regulatoryCategory",
                    "The transfer of a technology on the prohibited list is not allowed (Law on Technology Transfer 2017, article 11)");
        }
    }

    private static void checkText(String field, LocalizedText text, int maxLength) {
        if (text == null || text.vi() == null || text.vi().isBlank()) {
            throw RuleViolation.invalid(field + ".vi", "A listing needs a Vietnamese " + field);
        }
        if (text.vi().length() > maxLength) {
            throw RuleViolation.invalid(field + ".vi", "At most " + maxLength + " characters");
        }
        if (text.en() != null && (text.en().isBlank() || text.en().length() > maxLength)) {
            throw RuleViolation.invalid(field + ".en", "English " + field + " is optional, but when given 1 to " + maxLength + " characters");
        }
    }

    private void checkIpTitles(String sellerOrganisationId) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ipTitles.size(); i++) {
            String path = "ipTitles[" + i + "]";
            IpTitle ipTitle = ipTitles.get(i);
            if (ipTitle == null) {
                throw RuleViolation.invalid(path, "An IP title is missing");
            }
            if (ipTitle.office() == null || !OFFICE.matcher(ipTitle.office()).matches()) {
                throw RuleViolation.invalid(path + ".office", "An office is a code like VN, US, WIPO or EPO, not " + ipTitle.office());
            }
            if (ipTitle.number() == null || ipTitle.number().isBlank()) {
                throw RuleViolation.invalid(path + ".number", "An IP title needs its number");
            }
            if (!seen.add(ipTitle.office() + " " + ipTitle.number().strip())) {
                throw RuleViolation.invalid(path, ipTitle.office() + " " + ipTitle.number() + " is listed twice");
            }
            if (ipTitle.kind() != null && ipTitle.kind().isBlank()) {
                throw RuleViolation.invalid(path + ".kind", "A kind code is optional, but not blank");
            }
            if (ipTitle.filingDate() == null) {
                throw RuleViolation.invalid(path + ".filingDate", "An IP title needs its filing date");
            }
            if (ipTitle.grantDate() != null && ipTitle.grantDate().isBefore(ipTitle.filingDate())) {
                throw RuleViolation.invalid(path + ".grantDate", "A title cannot be granted before it was filed");
            }
            if (ipTitle.expiryDate() == null) {
                throw RuleViolation.invalid(path + ".expiryDate", "An IP title needs its expiry date");
            }
            if (!ipTitle.expiryDate().isAfter(ipTitle.filingDate())) {
                throw RuleViolation.invalid(path + ".expiryDate", "A title expires after it was filed");
            }
            checkOwners(path + ".owners", ipTitle.owners(), sellerOrganisationId);
        }
    }

    private static void checkOwners(String path, List<IpTitleOwner> owners, String sellerOrganisationId) {
        if (owners.isEmpty()) {
            throw RuleViolation.invalid(path, "An IP title names its registered owners");
        }
        BigDecimal total = BigDecimal.ZERO;
        Set<String> organisations = new HashSet<>();
        for (int j = 0; j < owners.size(); j++) {
            IpTitleOwner owner = owners.get(j);
            String ownerPath = path + "[" + j + "]";
            if (owner == null || owner.organisationId() == null || owner.organisationId().isBlank()) {
                throw RuleViolation.invalid(ownerPath + ".organisationId", "An owner is an organisation on the exchange");
            }
            if (!organisations.add(owner.organisationId())) {
                throw RuleViolation.invalid(ownerPath + ".organisationId", owner.organisationId() + " is named twice");
            }
            if (owner.name() == null || owner.name().isBlank()) {
                throw RuleViolation.invalid(ownerPath + ".name", "An owner needs its registered name");
            }
            if (owner.sharePercent() == null || owner.sharePercent().signum() <= 0 || owner.sharePercent().compareTo(HUNDRED) > 0) {
                throw RuleViolation.invalid(ownerPath + ".sharePercent", "A share is more than 0 and at most 100 percent");
            }
            total = total.add(owner.sharePercent());
        }
        if (total.compareTo(HUNDRED) != 0) {
            throw RuleViolation.invalid(path, "The owners' shares sum to " + total.toPlainString() + " percent, not 100");
        }
        if (!organisations.contains(sellerOrganisationId)) {
            // the operator verifies the seller's title; a listing of somebody else's right has nothing to verify
            throw RuleViolation.invalid(path, "The seller " + sellerOrganisationId + " is not among the registered owners");
        }
    }

    private void checkDealTypes() {
        Set<DealOption> seen = new HashSet<>();
        for (int i = 0; i < dealTypes.size(); i++) {
            String path = "dealTypes[" + i + "]";
            DealOption deal = dealTypes.get(i);
            if (deal == null || deal.dealType() == null) {
                throw RuleViolation.invalid(path + ".dealType", "A deal is ASSIGNMENT, EXCLUSIVE_LICENCE, NON_EXCLUSIVE_LICENCE or OPTION");
            }
            if (deal.dealType() == DealType.ASSIGNMENT && (deal.fieldOfUse() != null || deal.territory() != null)) {
                throw RuleViolation.invalid(path, "An assignment transfers the whole right: it has no field of use or territory");
            }
            if (deal.fieldOfUse() != null && (deal.fieldOfUse().isBlank() || deal.fieldOfUse().length() > 200)) {
                throw RuleViolation.invalid(path + ".fieldOfUse", "A field of use is optional, but when given 1 to 200 characters");
            }
            if (deal.territory() != null && !COUNTRIES.contains(deal.territory())) {
                throw RuleViolation.invalid(path + ".territory", "A territory is an ISO 3166 country code like VN, not " + deal.territory());
            }
            if (!seen.add(deal)) {
                throw RuleViolation.invalid(path, "The same deal is offered twice");
            }
        }
    }

    private void checkAskingPrice() {
        if (askingPrice == null) {
            return;
        }
        if (askingPrice.onRequest()) {
            if (askingPrice.amount() != null || askingPrice.currency() != null) {
                throw RuleViolation.invalid("askingPrice", "A price on request has no amount or currency");
            }
            return;
        }
        if (askingPrice.amount() == null || askingPrice.amount().signum() <= 0) {
            throw RuleViolation.invalid("askingPrice.amount", "An asking price is more than zero, or on request");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(askingPrice.currency() == null ? "" : askingPrice.currency());
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("askingPrice.currency", "A currency is an ISO 4217 code like VND, not " + askingPrice.currency());
        }
        if (askingPrice.amount().stripTrailingZeros().scale() > Math.max(currency.getDefaultFractionDigits(), 0)) {
            throw RuleViolation.invalid("askingPrice.amount", "A " + currency.getCurrencyCode() + " amount has at most "
                    + Math.max(currency.getDefaultFractionDigits(), 0) + " decimal places; " + askingPrice.amount().toPlainString() + " has more");
        }
    }

    private static void checkNoDuplicates(String field, List<String> values) {
        if (new HashSet<>(values).size() != values.size()) {
            throw RuleViolation.invalid(field, "A value is named twice");
        }
    }

    private static <T> List<T> nullTolerantCopy(Collection<T> values) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }
}
