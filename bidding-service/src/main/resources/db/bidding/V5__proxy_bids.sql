-- Each firm's own maximum (proxy bid) in an English auction, shown to that firm only while the auction runs; no board
-- and no public event carries it. Guarded by the event's sequence number so that a redelivered older maximum never
-- replaces a later one. Nothing to rebuild: no maximum was stored before this table.
CREATE TABLE auction_maximum_view (
    auction_id             VARCHAR(255)   NOT NULL,
    bidder_organisation_id VARCHAR(100)   NOT NULL,
    maximum                NUMERIC(30, 6) NOT NULL,
    set_at                 TIMESTAMPTZ    NOT NULL,
    sequence_number        BIGINT         NOT NULL,
    PRIMARY KEY (auction_id, bidder_organisation_id)
);
