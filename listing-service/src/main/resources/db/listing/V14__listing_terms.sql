-- What a listing offers beyond its summary (IP titles, classes, deals, price, category), how it is sold, the operator's
-- latest rejection reason and the co-owners' consents: the listing page and the seller's edit form read them with
-- the summary. Written by the listing-catalogue processor, rebuilt by replaying it.
CREATE TABLE listing_terms (
    listing_id       VARCHAR(36)  PRIMARY KEY,
    revision         INTEGER      NOT NULL,
    terms            JSONB        NOT NULL,
    sale_mode        VARCHAR(20),
    rejection_reason TEXT,
    consents         TEXT[]       NOT NULL DEFAULT '{}'
);

-- Listings drafted before this table existed get their terms by a replay of the catalogue: the processor starts over
-- from the first event when its token is gone, and rewrites listing_summary on the way.
DELETE FROM listing_summary;
DELETE FROM token_entry WHERE processor_name = 'listing-catalogue';
