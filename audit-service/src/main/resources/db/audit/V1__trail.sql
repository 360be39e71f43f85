-- Every public event of the exchange, in the order audit-service received it.
CREATE TABLE trail_entry (
    position     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     VARCHAR(255) NOT NULL UNIQUE,
    asset_id     VARCHAR(255) NOT NULL,
    event_type   VARCHAR(255) NOT NULL,
    source       VARCHAR(255) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    actor_person VARCHAR(200),
    actor_org    VARCHAR(200),
    actor_role   VARCHAR(40),
    data         JSONB        NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX trail_entry_asset ON trail_entry (asset_id, occurred_at, position);

-- What the trail says about the asset itself, from the listing events (its title, its seller).
CREATE TABLE asset (
    asset_id               VARCHAR(255) PRIMARY KEY,
    seller_organisation_id VARCHAR(100) NOT NULL,
    title_vi               TEXT         NOT NULL,
    title_en               TEXT
);
