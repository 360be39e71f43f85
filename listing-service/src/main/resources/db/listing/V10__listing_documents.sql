-- Document content, written by the upload before the AttachDocument command (primary data, not a read model: a
-- replay never touches it). A row whose command failed is deleted by the upload; one left by a crash between the two
-- steps is never served, because downloads go through listing_document, which only the DocumentAttached event fills.
CREATE TABLE listing_document_content (
    document_id VARCHAR(36)  PRIMARY KEY,
    listing_id  VARCHAR(36)  NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    content     BYTEA        NOT NULL,
    stored_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- BYTEA, not large objects: large objects leak in pg_largeobject when rows go. Documents are at most 10 MB, so TOAST
-- compression is wasted effort on PDFs and images, which are compressed already.
ALTER TABLE listing_document_content ALTER COLUMN content SET STORAGE EXTERNAL;

-- Read model of attached documents; rebuilt from the event store by replaying the listing-documents processor.
CREATE TABLE listing_document (
    document_id VARCHAR(36)  PRIMARY KEY,
    listing_id  VARCHAR(36)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    media_type  VARCHAR(255) NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    visibility  VARCHAR(20)  NOT NULL,
    attached_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX listing_document_listing ON listing_document (listing_id, attached_at);
