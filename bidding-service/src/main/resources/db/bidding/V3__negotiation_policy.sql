-- What the negotiation policy (NegotiationPolicy, processor negotiation-policy, never replayed) remembers in order to
-- close the negotiations a deal conflicts with: the open negotiations with the offer on the table, and the deals agreed
-- per listing. Its own tables, written in the order it handles the events, so that it never depends on a read model
-- another processor may not have caught up with.
CREATE TABLE negotiation_policy_open (
    negotiation_id VARCHAR(255) PRIMARY KEY,
    listing_id     VARCHAR(255) NOT NULL,
    deal_type      VARCHAR(30)  NOT NULL,
    field_of_use   TEXT,
    territory      VARCHAR(2)
);
CREATE INDEX negotiation_policy_open_listing ON negotiation_policy_open (listing_id);

CREATE TABLE negotiation_policy_deal (
    deal_id      VARCHAR(255) PRIMARY KEY,
    listing_id   VARCHAR(255) NOT NULL,
    deal_type    VARCHAR(30)  NOT NULL,
    field_of_use TEXT,
    territory    VARCHAR(2)
);
CREATE INDEX negotiation_policy_deal_listing ON negotiation_policy_deal (listing_id);

-- Kept until now by the views' processor for the same rule. The new processor starts at the beginning of the event
-- store (Axon's default for a new processor) and fills its tables in order; the commands it sends on the way for
-- negotiations long closed change nothing (closing is idempotent).
DROP TABLE agreed_deal;
