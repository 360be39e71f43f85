package io.techex.listing.need;

import io.techex.listing.api.Budget;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.NeedOwnerKind;
import io.techex.listing.api.NeedPublished;
import io.techex.listing.api.NeedRevised;
import io.techex.platform.rules.RuleViolation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a firm writes in a need. {@link #check} holds the rules every draft keeps; {@link #checkComplete} what a need
 * needs before it is published (and while it stays published).
 *
 * @param title             a short name of the problem, in Vietnamese, English or both
 * @param statement         the problem statement, in Vietnamese, English or both
 * @param ipcClasses        the fields, as International Patent Classification symbols or their beginnings: a class
 *                          ({@code C02}), a subclass ({@code C02F}) or a group ({@code C02F 1/28})
 * @param minReadinessLevel the lowest technology readiness level (TRL) the firm can use
 * @param dealTypes         the deals the firm would make
 * @param territory         the ISO 3166 country the firm needs the rights in; null for none in particular
 * @param budget            null when the firm names none
 * @param deadline          when the need closes by itself; required to publish
 * @param ownerNamePublic   whether anyone may see who posted it; otherwise only its owner, the operator and regulators
 * @param ownerKind         a firm, or a State agency acting as one
 */
public record NeedContent(LocalizedText title, LocalizedText statement, List<String> keywords, List<String> ipcClasses,
                          int minReadinessLevel, List<DealType> dealTypes, String territory, Budget budget,
                          Instant deadline, boolean ownerNamePublic, NeedOwnerKind ownerKind) {

    /** How far ahead a deadline may be: a need older than that is stale, and its owner can post it again. */
    static final Duration LONGEST_OPEN = Duration.ofDays(730);
    static final int MAX_TITLE = 300;
    static final int MAX_STATEMENT = 5000;
    private static final Pattern IPC = Pattern.compile("[A-H][0-9]{2}([A-Z]( [0-9]{1,4}/[0-9]{2,6})?)?");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final int MAX_IPC = 10;
    private static final int MAX_KEYWORDS = 30;
    private static final int MAX_KEYWORD_LENGTH = 80;

    public NeedContent {
        // lists may hold nulls here so that check() can name the element at fault
        keywords = keywords == null ? List.of() : nullTolerantCopy(keywords);
        ipcClasses = ipcClasses == null ? List.of() : nullTolerantCopy(ipcClasses);
        dealTypes = dealTypes == null ? List.of() : nullTolerantCopy(dealTypes);
        ownerKind = ownerKind == null ? NeedOwnerKind.FIRM : ownerKind;
    }

    /** The rules every draft keeps; throws a 422 naming the first field at fault. */
    void check() {
        checkText("title", title, MAX_TITLE);
        checkText("statement", statement, MAX_STATEMENT);
        if (keywords.size() > MAX_KEYWORDS) {
            throw RuleViolation.invalid("keywords", "At most " + MAX_KEYWORDS + " keywords, not " + keywords.size());
        }
        for (int i = 0; i < keywords.size(); i++) {
            String keyword = keywords.get(i);
            if (keyword == null || keyword.isBlank() || keyword.length() > MAX_KEYWORD_LENGTH) {
                throw RuleViolation.invalid("keywords[" + i + "]", "A keyword is 1 to " + MAX_KEYWORD_LENGTH + " characters");
            }
        }
        if (ipcClasses.size() > MAX_IPC) {
            throw RuleViolation.invalid("ipcClasses", "At most " + MAX_IPC + " IPC fields, not " + ipcClasses.size());
        }
        for (int i = 0; i < ipcClasses.size(); i++) {
            String ipc = ipcClasses.get(i);
            if (ipc == null || !IPC.matcher(ipc).matches()) {
                throw RuleViolation.invalid("ipcClasses[" + i + "]",
                        "An IPC field is a class like C02, a subclass like C02F or a group like C02F 1/28, not " + ipc);
            }
        }
        if (new HashSet<>(ipcClasses).size() != ipcClasses.size()) {
            throw RuleViolation.invalid("ipcClasses", "An IPC field is named twice");
        }
        if (minReadinessLevel < 1 || minReadinessLevel > 9) {
            throw RuleViolation.invalid("minReadinessLevel", "Technology readiness level is 1 to 9, not " + minReadinessLevel);
        }
        for (int i = 0; i < dealTypes.size(); i++) {
            if (dealTypes.get(i) == null) {
                throw RuleViolation.invalid("dealTypes[" + i + "]", "A deal is ASSIGNMENT, EXCLUSIVE_LICENCE, NON_EXCLUSIVE_LICENCE or OPTION");
            }
        }
        if (new HashSet<>(dealTypes).size() != dealTypes.size()) {
            throw RuleViolation.invalid("dealTypes", "A deal type is named twice");
        }
        if (territory != null && !COUNTRIES.contains(territory)) {
            throw RuleViolation.invalid("territory", "A territory is an ISO 3166 country code like VN, not " + territory);
        }
        checkBudget();
    }

    /** What a published need holds, judged at {@code now}; throws a 422 naming the gap. */
    void checkComplete(Instant now) {
        if (ipcClasses.isEmpty()) {
            throw RuleViolation.invalid("ipcClasses", "A need names at least one IPC field, so that those who hold such "
                    + "technologies find it");
        }
        if (dealTypes.isEmpty()) {
            throw RuleViolation.invalid("dealTypes", "A need says which deals the firm would make");
        }
        if (deadline == null) {
            throw RuleViolation.invalid("deadline", "A need is published with the deadline it closes at");
        }
        if (!deadline.isAfter(now)) {
            throw RuleViolation.invalid("deadline", "The deadline " + deadline + " has passed");
        }
        if (deadline.isAfter(now.plus(LONGEST_OPEN))) {
            throw RuleViolation.invalid("deadline", "A need stays open at most " + LONGEST_OPEN.toDays()
                    + " days; post it again after that");
        }
    }

    private static void checkText(String field, LocalizedText text, int maxLength) {
        boolean vi = text != null && text.vi() != null;
        boolean en = text != null && text.en() != null;
        if (!vi && !en) {
            throw RuleViolation.invalid(field, "A need's " + field + " is in Vietnamese, English or both");
        }
        if (vi && (text.vi().isBlank() || text.vi().length() > maxLength)) {
            throw RuleViolation.invalid(field + ".vi", "When given, 1 to " + maxLength + " characters");
        }
        if (en && (text.en().isBlank() || text.en().length() > maxLength)) {
            throw RuleViolation.invalid(field + ".en", "When given, 1 to " + maxLength + " characters");
        }
    }

    private void checkBudget() {
        if (budget == null) {
            return;
        }
        Currency currency;
        try {
            currency = Currency.getInstance(budget.currency() == null ? "" : budget.currency());
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("budget.currency", "A currency is an ISO 4217 code like VND, not " + budget.currency());
        }
        int decimals = Math.max(currency.getDefaultFractionDigits(), 0);
        if (budget.max() == null || budget.max().signum() <= 0) {
            throw RuleViolation.invalid("budget.max", "A budget names the most the firm can spend, more than zero");
        }
        checkDecimals("budget.max", budget.max(), currency, decimals);
        if (budget.min() != null) {
            if (budget.min().signum() < 0) {
                throw RuleViolation.invalid("budget.min", "A budget's lower end is zero or more");
            }
            checkDecimals("budget.min", budget.min(), currency, decimals);
            if (budget.min().compareTo(budget.max()) > 0) {
                throw RuleViolation.invalid("budget.min", "The lower end " + budget.min().toPlainString()
                        + " is above the upper end " + budget.max().toPlainString());
            }
        }
    }

    public static NeedContent of(NeedPublished need) {
        return new NeedContent(need.title(), need.statement(), need.keywords(), need.ipcClasses(),
                need.minReadinessLevel(), need.dealTypes(), need.territory(), need.budget(), need.deadline(),
                need.ownerNamePublic(), need.ownerKind());
    }

    public static NeedContent of(NeedRevised need) {
        return new NeedContent(need.title(), need.statement(), need.keywords(), need.ipcClasses(),
                need.minReadinessLevel(), need.dealTypes(), need.territory(), need.budget(), need.deadline(),
                need.ownerNamePublic(), need.ownerKind());
    }

    /** The whole need, as the market is told it when it is published. */
    NeedPublished published(String needId, String ownerOrganisationId, int revision, Instant at) {
        return new NeedPublished(needId, ownerOrganisationId, ownerKind, ownerNamePublic, revision, title, statement,
                keywords, ipcClasses, minReadinessLevel, dealTypes, territory, budget, deadline, at);
    }

    /** The whole need, as the market is told it when a published need changes. */
    NeedRevised revised(String needId, String ownerOrganisationId, int revision, Instant at) {
        return new NeedRevised(needId, ownerOrganisationId, ownerKind, ownerNamePublic, revision, title, statement,
                keywords, ipcClasses, minReadinessLevel, dealTypes, territory, budget, deadline, at);
    }

    private static void checkDecimals(String field, BigDecimal amount, Currency currency, int decimals) {
        if (amount.stripTrailingZeros().scale() > decimals) {
            throw RuleViolation.invalid(field, "A " + currency.getCurrencyCode() + " amount has at most " + decimals
                    + " decimal places; " + amount.toPlainString() + " has more");
        }
    }

    private static <T> List<T> nullTolerantCopy(Collection<T> values) {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }
}
