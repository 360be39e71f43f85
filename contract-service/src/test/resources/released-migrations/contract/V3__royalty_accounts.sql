-- Royalty accounts as parties and regulators read them, kept by a subscribing processor in the command's transaction.
CREATE TABLE royalty_account (
    contract_id              VARCHAR(36)  PRIMARY KEY,
    listing_id               VARCHAR(36)  NOT NULL,
    licensor_organisation_id VARCHAR(100) NOT NULL,
    licensee_organisation_id VARCHAR(100) NOT NULL,
    -- periods flagged overdue whose report has still not come
    overdue_reports          INT          NOT NULL,
    view                     JSONB        NOT NULL,
    updated_at               TIMESTAMPTZ  NOT NULL
);
CREATE INDEX royalty_account_overdue ON royalty_account (overdue_reports) WHERE overdue_reports > 0;
