-- The consumer inbox: a CloudEvent id is recorded in the same transaction as its effect, so a redelivered
-- message finds its id here and has no second effect.
CREATE TABLE processed_event (
    consumer     VARCHAR(200) NOT NULL,
    event_id     VARCHAR(255) NOT NULL,
    event_type   VARCHAR(255) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
