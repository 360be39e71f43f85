-- Catalogue read model; rebuilt from the event store by replaying the listing-catalogue processor.
CREATE TABLE listing_summary (
    listing_id             VARCHAR(36)  PRIMARY KEY,
    seller_organisation_id VARCHAR(100) NOT NULL,
    status                 VARCHAR(40)  NOT NULL,
    revision               INTEGER      NOT NULL,
    title_vi               TEXT         NOT NULL,
    title_en               TEXT,
    summary_vi             TEXT         NOT NULL,
    summary_en             TEXT,
    asset_type             VARCHAR(40)  NOT NULL,
    readiness_level        SMALLINT     NOT NULL,
    drafted_at             TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX listing_summary_seller ON listing_summary (seller_organisation_id);
