-- Firms' questions and expressions of interest; rebuilt from the event store by replaying the listing-enquiries processor.
CREATE TABLE listing_enquiry (
    enquiry_id             VARCHAR(36)   PRIMARY KEY,
    listing_id             VARCHAR(36)   NOT NULL,
    seller_organisation_id VARCHAR(100)  NOT NULL,
    firm_organisation_id   VARCHAR(100)  NOT NULL,
    kind                   VARCHAR(20)   NOT NULL,
    message                VARCHAR(2000) NOT NULL,
    asked_by               VARCHAR(100),
    asked_at               TIMESTAMPTZ   NOT NULL,
    answer                 VARCHAR(2000),
    answered_by            VARCHAR(100),
    answered_at            TIMESTAMPTZ
);
CREATE INDEX listing_enquiry_seller ON listing_enquiry (seller_organisation_id, asked_at);
CREATE INDEX listing_enquiry_firm ON listing_enquiry (firm_organisation_id, asked_at);
