-- Universities' answers to needs; rebuilt from the event store by replaying the listing-proposals processor.
CREATE TABLE proposal_view (
    proposal_id                 VARCHAR(36)   PRIMARY KEY,
    need_id                     VARCHAR(36)   NOT NULL,
    need_owner_organisation_id  VARCHAR(100)  NOT NULL,
    proposer_organisation_id    VARCHAR(100)  NOT NULL,
    kind                        VARCHAR(20)   NOT NULL,
    listing_id                  VARCHAR(36),
    message_vi                  TEXT,
    message_en                  TEXT,
    offer_description_vi        TEXT,
    offer_description_en        TEXT,
    offer_duration_months       SMALLINT,
    offer_cost_amount           NUMERIC,
    offer_cost_currency         CHAR(3),
    offer_readiness_level       SMALLINT,
    status                      VARCHAR(30)   NOT NULL,
    decline_reason              VARCHAR(2000),
    withdrawal_reason           VARCHAR(2000),
    drafted_by                  VARCHAR(100),
    drafted_at                  TIMESTAMPTZ   NOT NULL,
    submitted_at                TIMESTAMPTZ,
    decided_at                  TIMESTAMPTZ
);
CREATE INDEX proposal_view_need ON proposal_view (need_id, drafted_at);
CREATE INDEX proposal_view_proposer ON proposal_view (proposer_organisation_id, drafted_at DESC);
CREATE INDEX proposal_view_need_owner ON proposal_view (need_owner_organisation_id, drafted_at DESC);

-- A proposal's confidential attachments, as the read model knows them (rebuilt by the same processor).
CREATE TABLE proposal_attachment (
    attachment_id VARCHAR(36)  PRIMARY KEY,
    proposal_id   VARCHAR(36)  NOT NULL,
    name          VARCHAR(255) NOT NULL,
    media_type    VARCHAR(255) NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    attached_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX proposal_attachment_proposal ON proposal_attachment (proposal_id, attached_at);

-- Attachment content, written by the upload before its command, as listing_document_content is (primary data, not a
-- read model): a row whose command failed is deleted, one left by a crash is never served, since downloads go through
-- proposal_attachment, which only the event fills.
CREATE TABLE proposal_attachment_content (
    attachment_id VARCHAR(36)  PRIMARY KEY,
    proposal_id   VARCHAR(36)  NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    content       BYTEA        NOT NULL,
    stored_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
ALTER TABLE proposal_attachment_content ALTER COLUMN content SET STORAGE EXTERNAL;
