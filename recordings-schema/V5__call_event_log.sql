-- The PBX events of a call are kept for its timeline as one row per save (a JSON array of the
-- events applied since the previous save) instead of one row per event: under a busy hour the
-- row-per-event table cost more database work than everything else the tracker stores.
-- Each element is the event's fields plus "kind" (ChannelCreated, DialBegan, ...).

CREATE TABLE call_event_log (
    id       BIGSERIAL PRIMARY KEY,
    call_id  BIGINT      NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    first_at TIMESTAMPTZ NOT NULL,
    last_at  TIMESTAMPTZ NOT NULL,
    events   JSONB       NOT NULL CHECK (jsonb_typeof(events) = 'array')
);

CREATE INDEX call_event_log_call ON call_event_log (call_id, first_at);

INSERT INTO call_event_log (call_id, first_at, last_at, events)
SELECT call_id, at, at, jsonb_build_array(detail || jsonb_build_object('kind', kind))
FROM call_events
ORDER BY id;

DROP TABLE call_events;
