/**
 * Non-disclosure agreements: a firm asks to see a listing's confidential part, the seller accepts or declines. One
 * small event-sourced {@link io.techex.listing.disclosure.Nda} per listing and firm; its acceptance,
 * {@link io.techex.listing.api.NdaAccepted}, is public, so the audit trail records whom a seller let see its
 * confidential documents. {@link io.techex.listing.disclosure.Disclosures} answers whether a firm may.
 */
package io.techex.listing.disclosure;
