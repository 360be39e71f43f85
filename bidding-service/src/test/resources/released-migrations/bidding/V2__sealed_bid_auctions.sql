-- Sealed-bid auctions as the exchange shows them. Amounts (revealed bids, the winning one) are kept here as they are
-- revealed, but the HTTP view shows none before the auction has closed; the reserve only to the seller.
CREATE TABLE sealed_auction_view (
    auction_id             VARCHAR(255) PRIMARY KEY,
    listing_id             VARCHAR(255)   NOT NULL,
    seller_organisation_id VARCHAR(100)   NOT NULL,
    -- SCHEDULED until closed (the phase is read from the times), then WON or CLOSED_WITHOUT_SALE
    status                 VARCHAR(30)    NOT NULL,
    deal_type              VARCHAR(30)    NOT NULL,
    currency               VARCHAR(3)     NOT NULL,
    reserve_price          NUMERIC(30, 6),
    starts_at              TIMESTAMPTZ    NOT NULL,
    bids_due_at            TIMESTAMPTZ    NOT NULL,
    ends_at                TIMESTAMPTZ    NOT NULL,
    commitment_count       INT            NOT NULL,
    revealed_count         INT            NOT NULL,
    winner_organisation_id VARCHAR(100),
    winning_amount         NUMERIC(30, 6),
    closed_reason          TEXT,
    updated_at             TIMESTAMPTZ    NOT NULL
);
CREATE INDEX sealed_auction_view_listing ON sealed_auction_view (listing_id, status);

-- Each firm's own sealed bid, shown to that firm only.
CREATE TABLE sealed_bid_view (
    auction_id             VARCHAR(255) NOT NULL,
    bidder_organisation_id VARCHAR(100) NOT NULL,
    commitment             VARCHAR(64)  NOT NULL,
    commit_number          INT          NOT NULL,
    committed_at           TIMESTAMPTZ  NOT NULL,
    amount                 NUMERIC(30, 6),
    revealed_at            TIMESTAMPTZ,
    voided                 BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (auction_id, bidder_organisation_id)
);
