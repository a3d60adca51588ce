-- Alerts raised live for supervisors (ring breaches, and later: transfer violations, missing
-- recordings), kept for the inspection report.

CREATE TABLE alerts (
    id        BIGSERIAL PRIMARY KEY,
    kind      TEXT        NOT NULL,
    raised_at TIMESTAMPTZ NOT NULL,
    linked_id TEXT,
    unique_id TEXT,
    caller    TEXT,
    message   TEXT        NOT NULL,
    details   JSONB       NOT NULL DEFAULT '{}'
);

CREATE INDEX alerts_raised_at ON alerts (raised_at);
CREATE INDEX alerts_linked_id ON alerts (linked_id);
