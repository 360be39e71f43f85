-- Technology needs posted by firms (and State agencies acting as firms); rebuilt from the event store by replaying the
-- listing-needs processor. Text is found as listings' is: diacritics ignored (listing_fold, V3), 'simple' lexemes.
CREATE TABLE need_view (
    need_id               VARCHAR(36)   PRIMARY KEY,
    owner_organisation_id VARCHAR(100)  NOT NULL,
    owner_kind            VARCHAR(20)   NOT NULL,
    owner_name_public     BOOLEAN       NOT NULL,
    status                VARCHAR(20)   NOT NULL,
    revision              INTEGER       NOT NULL,
    title_vi              TEXT,
    title_en              TEXT,
    statement_vi          TEXT,
    statement_en          TEXT,
    keywords              TEXT[]        NOT NULL,
    ipc_classes           TEXT[]        NOT NULL,
    min_readiness_level   SMALLINT      NOT NULL,
    deal_types            TEXT[]        NOT NULL,
    territory             CHAR(2),
    budget_min            NUMERIC,
    budget_max            NUMERIC,
    budget_currency       CHAR(3),
    deadline              TIMESTAMPTZ,
    drafted_at            TIMESTAMPTZ   NOT NULL,
    published_at          TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ   NOT NULL,
    ended_reason          VARCHAR(2000),
    search_vector         TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', listing_fold(coalesce(title_vi, '') || ' ' || coalesce(title_en, ''))), 'A')
        || setweight(to_tsvector('simple', listing_fold(keywords)), 'B')
        || setweight(to_tsvector('simple', listing_fold(coalesce(statement_vi, '') || ' ' || coalesce(statement_en, ''))), 'C')
    ) STORED
);
CREATE INDEX need_view_owner ON need_view (owner_organisation_id, updated_at DESC);
CREATE INDEX need_view_published ON need_view (status, published_at DESC, need_id);
CREATE INDEX need_view_text ON need_view USING GIN (search_vector);
