-- Non-disclosure agreements per listing and firm; rebuilt from the event store by replaying the listing-ndas processor.
-- The document downloads ask it whether a firm may read a listing's confidential part.
CREATE TABLE listing_nda (
    nda_id                 VARCHAR(36)   PRIMARY KEY,
    listing_id             VARCHAR(36)   NOT NULL,
    seller_organisation_id VARCHAR(100)  NOT NULL,
    firm_organisation_id   VARCHAR(100)  NOT NULL,
    status                 VARCHAR(20)   NOT NULL,
    message                VARCHAR(2000),
    decline_reason         VARCHAR(2000),
    requested_by           VARCHAR(100),
    requested_at           TIMESTAMPTZ   NOT NULL,
    decided_by             VARCHAR(100),
    decided_at             TIMESTAMPTZ,
    CONSTRAINT listing_nda_listing_firm UNIQUE (listing_id, firm_organisation_id)
);
CREATE INDEX listing_nda_seller ON listing_nda (seller_organisation_id, requested_at);
CREATE INDEX listing_nda_firm ON listing_nda (firm_organisation_id, requested_at);
