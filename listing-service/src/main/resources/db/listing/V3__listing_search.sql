-- Search read model, rebuilt from the event store by replaying the listing-search processor.
-- Text is matched without Vietnamese diacritics ("dieu tri" finds "điều trị", "d" finds "đ"): unaccent folds them,
-- the 'simple' configuration lowercases and does not stem, which suits Vietnamese syllables and keeps English exact.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

-- unaccent() is only STABLE (its dictionary could change); a generated column needs IMMUTABLE. The dictionary is
-- named explicitly so that the function does not depend on the caller's search_path.
CREATE FUNCTION listing_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- array_to_string() is STABLE for any array type; for text[] its result depends on nothing but the input
CREATE FUNCTION listing_fold(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, array_to_string($1, ' ')) $$;

CREATE TABLE listing_search (
    listing_id             VARCHAR(36)   PRIMARY KEY,
    seller_organisation_id VARCHAR(100)  NOT NULL,
    revision               INTEGER       NOT NULL,
    status                 VARCHAR(40)   NOT NULL,
    asset_type             VARCHAR(40)   NOT NULL,
    readiness_level        SMALLINT      NOT NULL,
    title_vi               TEXT          NOT NULL,
    title_en               TEXT,
    summary_vi             TEXT          NOT NULL,
    summary_en             TEXT,
    keywords               TEXT[]        NOT NULL,
    ipc_classes            TEXT[]        NOT NULL,
    deal_types             TEXT[]        NOT NULL,
    price_amount           NUMERIC,
    price_currency         CHAR(3),
    price_on_request       BOOLEAN       NOT NULL,
    published_at           TIMESTAMPTZ,
    search_vector          TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', listing_fold(title_vi || ' ' || coalesce(title_en, ''))), 'A')
        || setweight(to_tsvector('simple', listing_fold(keywords)), 'B')
        || setweight(to_tsvector('simple', listing_fold(summary_vi || ' ' || coalesce(summary_en, ''))), 'C')
    ) STORED
);
CREATE INDEX listing_search_text ON listing_search USING GIN (search_vector);
CREATE INDEX listing_search_ipc ON listing_search USING GIN (ipc_classes);
CREATE INDEX listing_search_published ON listing_search (status, published_at DESC, listing_id);
