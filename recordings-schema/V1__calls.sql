-- Calls as the tracker sees them: one row per call (Asterisk Linkedid), its channels (legs) and the
-- PBX events that built it, kept for the call timeline. Times are PBX event timestamps (microseconds).

CREATE TABLE calls (
    id                 BIGSERIAL PRIMARY KEY,
    linked_id          TEXT        NOT NULL UNIQUE,
    unique_id          TEXT,
    caller             TEXT,
    caller_name        TEXT,
    hotline            BOOLEAN     NOT NULL DEFAULT FALSE,
    started_at         TIMESTAMPTZ,
    first_ring_at      TIMESTAMPTZ,
    answered_at        TIMESTAMPTZ,
    ended_at           TIMESTAMPTZ,
    answered           BOOLEAN     NOT NULL DEFAULT FALSE,
    answered_by        TEXT,
    ring_millis        BIGINT,
    rings              INTEGER,
    within_three_rings BOOLEAN,
    hangup_cause       INTEGER,
    hangup_cause_text  TEXT,
    route              TEXT,
    routed_to          TEXT[]      NOT NULL DEFAULT '{}',
    recording_file     TEXT,
    resynced           BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX calls_started_at ON calls (started_at);
CREATE INDEX calls_caller ON calls (caller);
CREATE INDEX calls_open ON calls (linked_id) WHERE ended_at IS NULL;

CREATE TABLE call_legs (
    unique_id    TEXT PRIMARY KEY,
    call_id      BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    channel      TEXT,
    endpoint     TEXT,
    role         TEXT   NOT NULL CHECK (role IN ('CALLER', 'DIALED', 'OTHER')),
    created_at   TIMESTAMPTZ,
    ringing_at   TIMESTAMPTZ,
    answered_at  TIMESTAMPTZ,
    ended_at     TIMESTAMPTZ,
    dial_status  TEXT,
    hangup_cause INTEGER
);

CREATE INDEX call_legs_call ON call_legs (call_id);

CREATE TABLE call_events (
    id        BIGSERIAL PRIMARY KEY,
    call_id   BIGINT      NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    at        TIMESTAMPTZ NOT NULL,
    kind      TEXT        NOT NULL,
    unique_id TEXT,
    detail    JSONB       NOT NULL
);

CREATE INDEX call_events_call ON call_events (call_id, at);
