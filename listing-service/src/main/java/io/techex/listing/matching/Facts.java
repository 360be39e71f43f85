package io.techex.listing.matching;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.Budget;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;

import java.util.List;
import java.util.Objects;

/**
 * What matching knows of a listing or a need besides its terms.
 *
 * @param text            a listing's summary, a need's statement
 * @param readinessLevel  a listing's TRL; the lowest TRL a need can use
 * @param dealOptions     the deals a listing offers (empty for a need, and for a listing that takes no more deals)
 * @param price           a listing's asking price, or null
 * @param dealTypes       the deals a need accepts (empty for a listing)
 * @param territory       the country a need wants rights in, or null
 * @param budget          a need's budget, or null
 * @param ownerNamePublic whether a need's owner may be named
 */
record Facts(LocalizedText title, LocalizedText text, List<String> keywords, List<String> ipcClasses, int readinessLevel,
             List<DealOption> dealOptions, AskingPrice price, List<DealType> dealTypes, String territory, Budget budget,
             boolean ownerNamePublic) {

    Facts {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        ipcClasses = ipcClasses == null ? List.of() : List.copyOf(ipcClasses);
        dealOptions = dealOptions == null ? List.of() : List.copyOf(dealOptions);
        dealTypes = dealTypes == null ? List.of() : List.copyOf(dealTypes);
    }

    static Facts ofListing(LocalizedText title, LocalizedText summary, List<String> keywords, List<String> ipcClasses,
                           int readinessLevel, List<DealOption> dealOptions, AskingPrice price) {
        return new Facts(title, summary, keywords, ipcClasses, readinessLevel, dealOptions, price, null, null, null, false);
    }

    static Facts ofNeed(LocalizedText title, LocalizedText statement, List<String> keywords, List<String> ipcClasses,
                        int minReadinessLevel, List<DealType> dealTypes, String territory, Budget budget,
                        boolean ownerNamePublic) {
        return new Facts(title, statement, keywords, ipcClasses, minReadinessLevel, null, null, dealTypes, territory,
                budget, ownerNamePublic);
    }

    /** Whether the words, and so the terms, are the same. */
    boolean sameWords(Facts other) {
        return Objects.equals(title, other.title) && Objects.equals(text, other.text) && keywords.equals(other.keywords);
    }

    Facts withDealOptions(List<DealOption> options) {
        return new Facts(title, text, keywords, ipcClasses, readinessLevel, options, price, dealTypes, territory, budget,
                ownerNamePublic);
    }
}
