-- Who listened to or downloaded which recording, when and from where (issue 7, the access log).
--
-- One row per counted play and per download, written by the audio and download routes before the
-- first byte goes out. A play is counted once per recording per listener per 10 minutes, however many
-- Range requests the browser's player makes while it seeks (listener: the browser session, or for
-- HTTP Basic the user at the client address); a download is counted per request that starts at the
-- file's first byte (a resumed download is not a new one). A refused request (401, 403, 404, 416)
-- writes nothing. Rows are evidence: never updated, never deleted.
--
-- status and byte_range are the answer the counted request got (206 and "bytes=0-" when a browser
-- starts playing); session_tag is a digest of the session, never the session's secret, so that the
-- plays of one sitting can be told apart from another's.
CREATE TABLE recording_access (
    id           BIGSERIAL   PRIMARY KEY,
    recording_id BIGINT      NOT NULL REFERENCES recordings (id),
    user_id      BIGINT,
    username     TEXT        NOT NULL,
    role         TEXT        NOT NULL,
    action       TEXT        NOT NULL CHECK (action IN ('play', 'download')),
    at           TIMESTAMPTZ NOT NULL,
    client       TEXT,
    session_tag  TEXT,
    status       INTEGER     NOT NULL,
    byte_range   TEXT        CHECK (length(byte_range) <= 200)
);

CREATE INDEX recording_access_at ON recording_access (at);
CREATE INDEX recording_access_recording ON recording_access (recording_id, at);
CREATE INDEX recording_access_username ON recording_access (username, at);
