-- One row per run of a test handler, so tests can prove an effect happened exactly once
CREATE TABLE execution (
    id           BIGSERIAL PRIMARY KEY,
    reference    TEXT        NOT NULL,
    organisation TEXT        NOT NULL,
    executed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX execution_reference ON execution (reference);
