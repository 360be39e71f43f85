-- The catalogue follows a listing's whole life: who owns it now (an assignment changes it) and when it went public.
ALTER TABLE listing_summary ADD COLUMN owner_organisation_id VARCHAR(100);
UPDATE listing_summary SET owner_organisation_id = seller_organisation_id;
ALTER TABLE listing_summary ALTER COLUMN owner_organisation_id SET NOT NULL;
ALTER TABLE listing_summary ADD COLUMN published_at TIMESTAMPTZ;
CREATE INDEX listing_summary_status ON listing_summary (status);
