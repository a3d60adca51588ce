-- The event log is written on every save and read only to show one call's timeline, so it is kept
-- as json text (validated on insert) instead of jsonb, which PostgreSQL also had to decompose,
-- sort and re-encode on every save. Readers cast to jsonb when they need operators.

ALTER TABLE call_event_log DROP CONSTRAINT call_event_log_events_check;
ALTER TABLE call_event_log ALTER COLUMN events TYPE json USING events::json;
ALTER TABLE call_event_log ADD CONSTRAINT call_event_log_events_check CHECK (json_typeof(events) = 'array');
