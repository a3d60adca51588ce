-- After hours (issue 6): office hours and the override, the after-hours candidates, the extension
-- registry (which phones record, verified), each hotline call's routing decision, refused transfers.

-- One row: everything an administrator sets about routing. Windows are 'HH:MM-HH:MM' texts.
CREATE TABLE routing_settings (
    id                       SMALLINT    PRIMARY KEY CHECK (id = 1),
    zone                     TEXT        NOT NULL,
    weekly                   TEXT[]      NOT NULL CHECK (cardinality(weekly) = 7), -- Monday .. Sunday, windows space-separated
    holidays                 DATE[]      NOT NULL DEFAULT '{}',
    make_up_days             DATE[]      NOT NULL DEFAULT '{}',
    make_up_hours            TEXT        NOT NULL DEFAULT '',
    mode                     TEXT        NOT NULL CHECK (mode IN ('open', 'closed', 'auto')),
    after_hours_targets      TEXT[]      NOT NULL DEFAULT '{}',
    after_hours_ring_seconds INTEGER     NOT NULL DEFAULT 20,
    updated_at               TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE extensions (
    ext               TEXT        PRIMARY KEY,
    name              TEXT,
    department        TEXT,
    kind              TEXT        NOT NULL CHECK (kind IN ('desk', 'department', 'mobile', 'external')),
    records           BOOLEAN     NOT NULL DEFAULT FALSE,
    last_recording_at TIMESTAMPTZ,
    demoted_at        TIMESTAMPTZ,
    demoted_reason    TEXT,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- C5: a mobile or outside number can never be marked as recording
    CONSTRAINT extensions_only_phones_record CHECK (NOT records OR kind IN ('desk', 'department'))
);

-- Written by the FastAGI script when it routes a call (the calls row belongs to the call tracker).
CREATE TABLE call_routing (
    linked_id   TEXT        PRIMARY KEY,
    decided_at  TIMESTAMPTZ NOT NULL,
    after_hours BOOLEAN     NOT NULL,
    mode        TEXT        NOT NULL,
    hours       TEXT,
    candidates  JSONB       NOT NULL DEFAULT '[]',
    routed_to   TEXT[]      NOT NULL DEFAULT '{}',
    reason      TEXT
);

CREATE TABLE transfer_violations (
    id        BIGSERIAL   PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    linked_id TEXT,
    unique_id TEXT,
    by_whom   TEXT,
    target    TEXT,
    reason    TEXT        NOT NULL
);

CREATE INDEX transfer_violations_at ON transfer_violations (at);
CREATE INDEX transfer_violations_call ON transfer_violations (linked_id);
