package io.techex.listing.api;

/** Kinds of technology asset the exchange lists (Vietnamese IP law's objects plus know-how and software). */
public enum AssetType {
    PATENT,
    UTILITY_SOLUTION,
    INDUSTRIAL_DESIGN,
    LAYOUT_DESIGN,
    PLANT_VARIETY,
    SOFTWARE,
    KNOW_HOW,
    TECHNICAL_SOLUTION
}
