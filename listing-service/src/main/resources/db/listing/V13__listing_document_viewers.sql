-- Who has had each confidential document: a row per person, written right after the ConfidentialDocumentViewed event
-- of a download that person made, so a row never claims a view the event store lacks (every row can be derived from
-- those events again). A ranged request that does not start at a document's first byte resumes a download only for a
-- person found here; for anyone else it is a view of its own.
CREATE TABLE listing_document_viewer (
    document_id     VARCHAR(36)  NOT NULL,
    person_id       VARCHAR(100) NOT NULL,
    organisation_id VARCHAR(100) NOT NULL,
    first_viewed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, person_id)
);
