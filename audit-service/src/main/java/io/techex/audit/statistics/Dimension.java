package io.techex.audit.statistics;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the deals can be grouped by ({@code groupBy}), each as the SQL that tells a deal's value of it. The parties'
 * places are their countries as they signed (ISO 3166-1 codes from their tokens, in {@code ContractSigned}): no event
 * of the exchange names a province, so "region" here is the country, Vietnam or the foreign one.
 */
enum Dimension {
    /** The IPC section (A-H) of the listing's first IPC class; null for a listing without one. */
    IPC_SECTION("ipcSection", "l.ipc_section"),
    /** ASSIGNMENT, EXCLUSIVE_LICENCE or NON_EXCLUSIVE_LICENCE, of the version in force. */
    DEAL_TYPE("dealType", "d.deal_type"),
    SELLER_COUNTRY("sellerCountry", "sp.country"),
    BUYER_COUNTRY("buyerCountry", "bp.country"),
    /**
     * DOMESTIC (both parties in Vietnam), FROM_VIETNAM (to a buyer abroad), INTO_VIETNAM (from a seller abroad) or
     * BETWEEN_FOREIGN (neither in Vietnam).
     */
    DIRECTION("direction", """
            CASE WHEN sp.country IS NULL OR bp.country IS NULL THEN NULL
                 WHEN sp.country = 'VN' AND bp.country = 'VN' THEN 'DOMESTIC'
                 WHEN sp.country = 'VN' THEN 'FROM_VIETNAM'
                 WHEN bp.country = 'VN' THEN 'INTO_VIETNAM'
                 ELSE 'BETWEEN_FOREIGN' END"""),
    /** The month, quarter or year the contract took effect in, in Vietnam's time ({@code 2026-11}, {@code 2026-Q4}, {@code 2026}). */
    PERIOD("period", null);

    final String parameter;
    private final String sql;

    Dimension(String parameter, String sql) {
        this.parameter = parameter;
        this.sql = sql;
    }

    String sql(Period period) {
        return this == PERIOD ? period.sql("d.took_effect_at") : sql;
    }

    static Optional<Dimension> of(String parameter) {
        return Arrays.stream(values()).filter(dimension -> dimension.parameter.equals(parameter)).findFirst();
    }
}
