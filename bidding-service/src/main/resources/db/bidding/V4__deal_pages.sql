-- What the web console's deal pages read besides what was there: a negotiation's every round (each side reads the term
-- sheet's history) and who ended it when; what an auction sells and its soft close; each bidder's own latest bid in an
-- English auction (shown to that bidder only, so a firm learns it leads or was outbid without learning who bids).

CREATE TABLE negotiation_round_view (
    negotiation_id VARCHAR(255) NOT NULL,
    round          INT          NOT NULL,
    -- BUYER or SELLER: who made the offer of this round
    offer_by       VARCHAR(10)  NOT NULL,
    terms          JSONB        NOT NULL,
    valid_until    TIMESTAMPTZ  NOT NULL,
    made_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (negotiation_id, round)
);

CREATE TABLE auction_bidder_view (
    auction_id             VARCHAR(255)   NOT NULL,
    bidder_organisation_id VARCHAR(100)   NOT NULL,
    -- the bidder's latest accepted bid, which is its highest: an English auction takes only rising bids
    amount                 NUMERIC(30, 6) NOT NULL,
    bid_number             INT            NOT NULL,
    placed_at              TIMESTAMPTZ    NOT NULL,
    bids                   INT            NOT NULL,
    PRIMARY KEY (auction_id, bidder_organisation_id)
);
CREATE INDEX auction_bidder_view_bidder ON auction_bidder_view (bidder_organisation_id);
CREATE INDEX sealed_bid_view_bidder ON sealed_bid_view (bidder_organisation_id);

-- The rows below are rebuilt with their new columns by a replay of the bidding-views processor: it starts over from the
-- first event when its token is gone. Emptied first, as its reset handlers would, so that the replay writes every row
-- afresh (its inserts keep an existing row).
DELETE FROM negotiation_view;
DELETE FROM auction_view;
DELETE FROM sealed_auction_view;
DELETE FROM sealed_bid_view;
DELETE FROM token_entry WHERE processor_name = 'bidding-views';

ALTER TABLE negotiation_view
    -- BUYER or SELLER: who accepted or rejected the offer on the table; null while open and when it expired or closed
    ADD COLUMN ended_by VARCHAR(10),
    ADD COLUMN ended_at TIMESTAMPTZ;

ALTER TABLE auction_view
    ADD COLUMN deal_type          VARCHAR(30) NOT NULL,
    ADD COLUMN field_of_use       TEXT,
    ADD COLUMN territory          VARCHAR(2),
    ADD COLUMN term_months        INT,
    ADD COLUMN soft_close_minutes INT         NOT NULL;
CREATE INDEX auction_view_seller ON auction_view (seller_organisation_id);

ALTER TABLE sealed_auction_view
    ADD COLUMN field_of_use TEXT,
    ADD COLUMN territory    VARCHAR(2),
    ADD COLUMN term_months  INT;
CREATE INDEX sealed_auction_view_seller ON sealed_auction_view (seller_organisation_id);
