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

-- db-scheduler's table (its PostgreSQL schema for version 16): Axon's deadlines, persisted so that they fire after a
-- restart; an instance claims a due row ("picked") so that one deadline fires on one instance.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
