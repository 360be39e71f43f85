package io.techex.contract.legal;

import io.techex.contract.api.RegulatoryCategory;

/**
 * The facts of a transfer the law looks at.
 *
 * @param category          of the technology, from its listing
 * @param stateFunded       the technology results from State-funded research
 * @param transferorCountry ISO 3166-1 alpha-2 country of the seller (licensor, assignor)
 * @param transfereeCountry ISO 3166-1 alpha-2 country of the buyer (licensee, assignee)
 */
public record Transfer(RegulatoryCategory category, boolean stateFunded, String transferorCountry,
                       String transfereeCountry) {
}
