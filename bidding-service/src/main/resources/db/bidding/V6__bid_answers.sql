-- What each request that placed a bid or set a maximum in an English auction was answered, by its bid id: a retry is
-- answered from here however many bids came since. The auction writes it in the transaction that stores the bid's
-- events. Until V6 the auction kept these answers in itself, so every snapshot of it carried all of them and grew
-- with each bid; its snapshots of that shape (revision 1) are no longer read.
--
-- placed_at is epoch seconds to the nanosecond, as the command's clock gave it: TIMESTAMPTZ keeps microseconds, and a
-- retry's answer is the first one to the digit.
CREATE TABLE bid_answer (
    auction_id VARCHAR(255)   NOT NULL,
    bid_id     VARCHAR(255)   NOT NULL,
    bid_number INT            NOT NULL,
    amount     NUMERIC        NOT NULL,
    currency   VARCHAR(3)     NOT NULL,
    placed_at  NUMERIC(21, 9) NOT NULL,
    asked      NUMERIC,
    maximum    NUMERIC,
    leads      BOOLEAN        NOT NULL,
    PRIMARY KEY (auction_id, bid_id)
);

-- The answers to the bids stored before V6, worked out from the auctions' events as Auction works them out (its
-- BidMaximumSet and BidPlaced handlers): per bid id, the last event that answered a request (an automatic bid is the
-- exchange's, not a request's). A bid placed with a maximum is the maximum's event and then the bid's: the bid's
-- answer, with the amount and maximum the request named. A maximum alone (a leader moving its own) is answered with
-- the standing bid: the latest bid before it. BidPlaced was once stored as io.techex.bidding.auction.BidPlaced, and
-- without automatic and outbidAtOnce (false, as they were). BidAnswersMigrationTest runs this statement again.
INSERT INTO bid_answer (auction_id, bid_id, bid_number, amount, currency, placed_at, asked, maximum, leads)
WITH events AS (
    SELECT aggregate_identifier AS auction_id, sequence_number,
           payload_type = 'io.techex.bidding.auction.BidMaximumSet' AS sets_maximum,
           convert_from(payload, 'UTF8')::jsonb AS p
    FROM domain_event_entry
    WHERE payload_type IN ('io.techex.bidding.api.BidPlaced', 'io.techex.bidding.auction.BidPlaced',
                           'io.techex.bidding.auction.BidMaximumSet')
), standing AS (
    -- each event with the latest bid at or before it: a group starts at each bid
    SELECT auction_id, sequence_number, sets_maximum, p,
           first_value(p) OVER (PARTITION BY auction_id, bids ORDER BY sequence_number) AS bid
    FROM (SELECT *, count(*) FILTER (WHERE NOT sets_maximum)
                        OVER (PARTITION BY auction_id ORDER BY sequence_number) AS bids
          FROM events) numbered
), answering AS (
    SELECT *, lag(sets_maximum) OVER w AS after_maximum, lag(p) OVER w AS before
    FROM standing
    WHERE sets_maximum OR NOT coalesce((p ->> 'automatic')::boolean, false)
    WINDOW w AS (PARTITION BY auction_id ORDER BY sequence_number)
), answers AS (
    SELECT DISTINCT ON (auction_id, p ->> 'bidId') *,
           after_maximum AND before ->> 'bidId' = p ->> 'bidId' AS completes_maximum
    FROM answering
    WHERE p ->> 'bidId' IS NOT NULL
    ORDER BY auction_id, p ->> 'bidId', sequence_number DESC
)
SELECT auction_id, p ->> 'bidId',
       CASE WHEN sets_maximum THEN (bid ->> 'bidNumber')::int ELSE (p ->> 'bidNumber')::int END,
       CASE WHEN sets_maximum THEN (bid ->> 'amount')::numeric ELSE (p ->> 'amount')::numeric END,
       CASE WHEN sets_maximum THEN bid ->> 'currency' ELSE p ->> 'currency' END,
       CASE WHEN sets_maximum THEN (p ->> 'at')::numeric ELSE (p ->> 'placedAt')::numeric END,
       CASE WHEN sets_maximum THEN (p ->> 'amount')::numeric
            WHEN completes_maximum THEN (before ->> 'amount')::numeric
            ELSE (p ->> 'amount')::numeric END,
       CASE WHEN sets_maximum THEN (p ->> 'maximum')::numeric
            WHEN completes_maximum THEN (before ->> 'maximum')::numeric END,
       sets_maximum OR NOT coalesce((p ->> 'outbidAtOnce')::boolean, false)
FROM answers
ON CONFLICT (auction_id, bid_id) DO NOTHING;
