/**
 * Documents of a listing over HTTP: the seller uploads (content into PostgreSQL, then {@code AttachDocument} on the
 * listing with the content's SHA-256), lists, downloads and removes them; others read what {@link
 * io.techex.listing.document.ReadingRights} lets them, and a confidential document read by anyone but its seller is
 * recorded as the public event {@link io.techex.listing.api.ConfidentialDocumentViewed}.
 */
package io.techex.listing.document;
