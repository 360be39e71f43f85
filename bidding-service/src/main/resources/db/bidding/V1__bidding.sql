-- What is biddable, from listing-service's public events (Kafka). Only what bidding needs to decide.
CREATE TABLE biddable_listing (
    listing_id             VARCHAR(255) PRIMARY KEY,
    seller_organisation_id VARCHAR(100) NOT NULL,
    sale_mode              VARCHAR(20)  NOT NULL,
    -- the deal types the seller offers, comma-separated (ASSIGNMENT, EXCLUSIVE_LICENCE, NON_EXCLUSIVE_LICENCE)
    deal_types             VARCHAR(200) NOT NULL,
    -- ON_MARKET; NON_EXCLUSIVE_ONLY after a non-exclusive licence; CLOSED when bidding has stopped for good
    state                  VARCHAR(30)  NOT NULL,
    closed_reason          TEXT,
    updated_at             TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Negotiations as their parties see them.
CREATE TABLE negotiation_view (
    negotiation_id         VARCHAR(255) PRIMARY KEY,
    listing_id             VARCHAR(255) NOT NULL,
    seller_organisation_id VARCHAR(100) NOT NULL,
    buyer_organisation_id  VARCHAR(100) NOT NULL,
    status                 VARCHAR(30)  NOT NULL,
    round                  INT          NOT NULL,
    last_offer_by          VARCHAR(10)  NOT NULL,
    terms                  JSONB        NOT NULL,
    valid_until            TIMESTAMPTZ  NOT NULL,
    closed_reason          TEXT,
    updated_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX negotiation_view_listing ON negotiation_view (listing_id, status);
CREATE INDEX negotiation_view_buyer ON negotiation_view (buyer_organisation_id);
CREATE INDEX negotiation_view_seller ON negotiation_view (seller_organisation_id);

-- Deals agreed per listing, so that an offer arriving after an exclusive deal is closed on arrival.
CREATE TABLE agreed_deal (
    deal_id      VARCHAR(255) PRIMARY KEY,
    listing_id   VARCHAR(255) NOT NULL,
    deal_type    VARCHAR(30)  NOT NULL,
    field_of_use TEXT,
    territory    VARCHAR(2)
);
CREATE INDEX agreed_deal_listing ON agreed_deal (listing_id);

-- Auctions: the live state everyone may see, and the reserve only the seller may.
CREATE TABLE auction_view (
    auction_id             VARCHAR(255) PRIMARY KEY,
    listing_id             VARCHAR(255)   NOT NULL,
    seller_organisation_id VARCHAR(100)   NOT NULL,
    status                 VARCHAR(30)    NOT NULL,
    currency               VARCHAR(3)     NOT NULL,
    starting_price         NUMERIC(30, 6) NOT NULL,
    reserve_price          NUMERIC(30, 6),
    minimum_increment      NUMERIC(30, 6) NOT NULL,
    current_price          NUMERIC(30, 6),
    leader_organisation_id VARCHAR(100),
    bid_count              INT            NOT NULL,
    starts_at              TIMESTAMPTZ    NOT NULL,
    ends_at                TIMESTAMPTZ    NOT NULL,
    updated_at             TIMESTAMPTZ    NOT NULL
);
CREATE INDEX auction_view_listing ON auction_view (listing_id, status);

-- Deadlines' table, scheduled_tasks, is the platform's V0_4__scheduled_tasks.sql. It was created here until the
-- platform took it over, so databases that applied the earlier text have it already; their record of this file is
-- realigned on start (techex.flyway.edited-migrations in bidding-service.yml).
