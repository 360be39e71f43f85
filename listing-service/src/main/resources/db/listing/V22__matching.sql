-- Matching needs and listings. Two processors keep tables of this shape, each its own, both in store order on one
-- segment: the listing-matching projection (match_item, match_term, match_score: the read model, rebuilt by replay) and
-- the matching-policy (match_policy_item, match_policy_term: what it scores a change with before announcing a match; it
-- never replays, so it cannot lean on a read model another processor may not have brought up to the same event).

-- Everything matching needs of a listing (kind LISTING) or a need (kind NEED). open: on the market (a listing that
-- takes deals, a published need before its deadline); only open items are scored and counted in match_term.
-- terms: the item's distinct text terms, 'vi:' or 'en:' and a lexeme or two adjacent ones (PostgreSQL's parser on
-- listing_fold'ed text: 'simple' for Vietnamese, 'english' for English); weights: each term's field weight (title and
-- keywords 1, summary or statement 0.5); surfaces: how each term was written, diacritics removed, for reasons.
CREATE TABLE match_item (
    kind                  VARCHAR(10)  NOT NULL,
    item_id               VARCHAR(36)  NOT NULL,
    owner_organisation_id VARCHAR(100) NOT NULL,
    open                  BOOLEAN      NOT NULL,
    facts                 JSONB        NOT NULL,
    terms                 TEXT[]       NOT NULL,
    weights               REAL[]       NOT NULL,
    surfaces              TEXT[]       NOT NULL,
    PRIMARY KEY (kind, item_id)
);
CREATE INDEX match_item_open ON match_item (kind) WHERE open;

-- How many open items (listings and needs) hold each term: the document frequency of its inverse weight.
CREATE TABLE match_term (
    term TEXT    PRIMARY KEY,
    df   INTEGER NOT NULL
);

-- Every open need and open listing whose score reaches the floor, with the reasons for it.
CREATE TABLE match_score (
    need_id    VARCHAR(36) NOT NULL,
    listing_id VARCHAR(36) NOT NULL,
    score      REAL        NOT NULL,
    reasons    JSONB       NOT NULL,
    scored_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (need_id, listing_id)
);
CREATE INDEX match_score_need ON match_score (need_id, score DESC, listing_id);
CREATE INDEX match_score_listing ON match_score (listing_id, score DESC, need_id);

CREATE TABLE match_policy_item (LIKE match_item INCLUDING ALL);
CREATE TABLE match_policy_term (LIKE match_term INCLUDING ALL);
