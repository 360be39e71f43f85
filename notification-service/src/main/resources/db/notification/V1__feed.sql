-- notification-service's schema: read models built from the exchange's public events, and the people who asked for them

-- When this feed began. E-mail is sent only for what happened from then on: a feed rebuilt from the topics into a fresh
-- schema, or built for the first time over the exchange's history, sends no mail about the past.
CREATE TABLE feed_origin (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    mail_from TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO feed_origin DEFAULT VALUES;

-- One notification per event (or reminder), kind and audience: an organisation ('org:hust') or a role
-- ('role:REGULATOR'). Its id is derived from those, so a replay of the same events makes the same ids.
CREATE TABLE notification (
    notification_id UUID PRIMARY KEY,
    -- the order this instance wrote them in, for a stream resumed with Last-Event-ID; not the same after a rebuild
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    audience        TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    link            TEXT        NOT NULL,
    params          JSONB       NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    source_id       TEXT        NOT NULL
);
CREATE INDEX notification_feed ON notification (audience, occurred_at DESC, notification_id DESC);

-- The people notification-service knows, from the access token of their first call (the console calls GET
-- /notifications at sign-in), with the preferences they chose
CREATE TABLE recipient (
    person_id       TEXT PRIMARY KEY,
    organisation_id TEXT        NOT NULL,
    role            TEXT        NOT NULL,
    name            TEXT,
    email           TEXT,
    -- the token's locale claim; language, when set, is the person's own choice and wins
    token_language  TEXT,
    language        TEXT,
    email_enabled   BOOLEAN     NOT NULL DEFAULT TRUE,
    muted_kinds     TEXT[]      NOT NULL DEFAULT '{}',
    first_seen_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX recipient_organisation ON recipient (organisation_id);
CREATE INDEX recipient_role ON recipient (role);

-- No foreign key to notification: ids are derived from the events, so read marks copied into a rebuilt feed still fit
CREATE TABLE notification_read (
    person_id       TEXT        NOT NULL,
    notification_id UUID        NOT NULL,
    read_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, notification_id)
);

-- The e-mail outbox: written in the transaction that wrote the notification, sent and marked by MailSender. Rows stay
-- after sending, so a notification made again (a replay with its inbox entries gone) finds its mail already there.
CREATE TABLE mail_outbox (
    notification_id UUID        NOT NULL,
    person_id       TEXT        NOT NULL,
    address         TEXT        NOT NULL,
    language        TEXT        NOT NULL,
    enqueued_at     TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    failed_at       TIMESTAMPTZ,
    last_error      TEXT,
    PRIMARY KEY (notification_id, person_id)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Reminders due at a time: a notification is made when one falls due, by whichever instance claims it first. topic
-- names what ends them (the negotiation, the contract's decision): an event of that topic removes those not yet due
-- when it happened, and takes back the notification of one a replay fired too early.
CREATE TABLE reminder (
    reminder_id UUID PRIMARY KEY,
    topic       TEXT        NOT NULL,
    audience    TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    link        TEXT        NOT NULL,
    params      JSONB       NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    fired       BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX reminder_due ON reminder (due_at) WHERE NOT fired;
CREATE INDEX reminder_topic ON reminder (topic);

-- What the events leave out and later ones need: who sells a listing and its titles, who the parties of a
-- negotiation and a contract are, who leads an auction, who signed which version
CREATE TABLE listing_fact (
    listing_id             TEXT PRIMARY KEY,
    seller_organisation_id TEXT NOT NULL,
    title_vi               TEXT,
    title_en               TEXT
);

CREATE TABLE negotiation_fact (
    negotiation_id         TEXT PRIMARY KEY,
    listing_id             TEXT NOT NULL,
    seller_organisation_id TEXT NOT NULL,
    buyer_organisation_id  TEXT NOT NULL
);

CREATE TABLE auction_fact (
    auction_id             TEXT PRIMARY KEY,
    leader_organisation_id TEXT NOT NULL
);

CREATE TABLE contract_fact (
    contract_id            TEXT PRIMARY KEY,
    listing_id             TEXT NOT NULL,
    seller_organisation_id TEXT NOT NULL,
    buyer_organisation_id  TEXT NOT NULL,
    version                INT  NOT NULL
);

CREATE TABLE contract_signature (
    contract_id     TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    version         INT  NOT NULL,
    PRIMARY KEY (contract_id, organisation_id, version)
);
