-- A listing's whole content (IP titles, IPC classes, keywords, deals, price, regulatory category), its sale mode, the
-- operator's latest rejection reason and the co-owners' consents to the current revision, for GET /listings/{id}.
-- Kept by the listing-catalogue processor beside listing_summary, in the same transactions, so the two never
-- disagree; rebuilt with it by replay.
CREATE TABLE listing_content (
    listing_id       VARCHAR(36) PRIMARY KEY,
    revision         INTEGER     NOT NULL,
    content          JSONB       NOT NULL,
    sale_mode        VARCHAR(20),
    rejection_reason TEXT,
    consents         TEXT[]      NOT NULL DEFAULT '{}'
);

-- Listings drafted before this table existed get their content by the catalogue replaying from the first event: its
-- handlers leave listing_summary as it is when they see an event again (ListingCatalogueProjection).
DELETE FROM token_entry WHERE processor_name = 'listing-catalogue';
