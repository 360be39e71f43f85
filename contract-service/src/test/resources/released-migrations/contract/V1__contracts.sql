-- Technologies as listing-service published them: the legal path needs their category and State funding.
CREATE TABLE technology (
    listing_id             VARCHAR(36)  PRIMARY KEY,
    seller_organisation_id VARCHAR(100) NOT NULL,
    title                  TEXT         NOT NULL,
    regulatory_category    VARCHAR(20)  NOT NULL,
    state_funded           BOOLEAN      NOT NULL,
    ip_titles              JSONB        NOT NULL,
    published_at           TIMESTAMPTZ  NOT NULL
);

-- Deals that arrived before their listing's ListingPublished did (two topics, no order between them): the contract
-- is created when the listing arrives.
CREATE TABLE deal_awaiting_listing (
    deal_id     VARCHAR(100) PRIMARY KEY,
    listing_id  VARCHAR(36)  NOT NULL,
    deal        JSONB        NOT NULL,
    actor       JSONB,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX deal_awaiting_listing_listing ON deal_awaiting_listing (listing_id);

-- Ed25519 public keys organisations sign contracts with; a key id is global so a signature names one key.
CREATE TABLE signing_key (
    key_id          VARCHAR(100) PRIMARY KEY,
    organisation_id VARCHAR(100) NOT NULL,
    public_key      TEXT         NOT NULL,
    registered_by   VARCHAR(100) NOT NULL,
    registered_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX signing_key_organisation ON signing_key (organisation_id);

-- The rights ledger. One row per asset, locked by every grant and release of that asset, serializes them across
-- instances; rights_grant holds what each contract grants, written in the same transaction as its event.
CREATE TABLE rights_asset (
    listing_id VARCHAR(36) PRIMARY KEY
);
CREATE TABLE rights_grant (
    contract_id             VARCHAR(36)  PRIMARY KEY,
    listing_id              VARCHAR(36)  NOT NULL REFERENCES rights_asset (listing_id),
    grantor_organisation_id VARCHAR(100) NOT NULL,
    holder_organisation_id  VARCHAR(100) NOT NULL,
    deal_type               VARCHAR(30)  NOT NULL,
    field_of_use            TEXT,
    territory               VARCHAR(2),
    valid_from              DATE         NOT NULL,
    valid_until             DATE,
    CHECK (valid_until IS NULL OR valid_until >= valid_from - 1)
);
CREATE INDEX rights_grant_listing ON rights_grant (listing_id, valid_from);

-- Contracts as parties and regulators read them, kept by a subscribing processor in the command's own transaction.
CREATE TABLE contract_view (
    contract_id            VARCHAR(36)  PRIMARY KEY,
    listing_id             VARCHAR(36)  NOT NULL,
    seller_organisation_id VARCHAR(100) NOT NULL,
    buyer_organisation_id  VARCHAR(100) NOT NULL,
    status                 VARCHAR(30)  NOT NULL,
    decision_due_by        TIMESTAMPTZ,
    view                   JSONB        NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX contract_view_seller ON contract_view (seller_organisation_id);
CREATE INDEX contract_view_buyer ON contract_view (buyer_organisation_id);
CREATE INDEX contract_view_status ON contract_view (status);
