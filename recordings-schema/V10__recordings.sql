-- The recording index (issue 5): one row per raw recording MixMonitor made, registered while the
-- call runs and followed through the daily archive until retention purges the archived file.
--
-- state: recording (call in progress) -> recorded (call ended, raw file complete) -> archiving (the
-- archive job has chosen the uniform name and is writing the archived copy) -> archived (copy
-- written, synced, verified, hashed and indexed; the raw file is deleted after this) -> purged
-- (retention deleted the archived file; the row and its metadata stay).
-- raw_present turns false once the raw file is deleted (after archived), so a run that died between
-- indexing and deleting finds the raw file to delete.
-- lost: the raw file vanished before it was archived (an alarm, never expected).
--
-- raw_file is relative to recordings.dir (hotline/20261123T084512Z-1795434013.0.wav); day is the
-- recording's start date in the desk's time zone: the archive folder YYYY/MM/DD and the retention
-- clock both count from it.

CREATE TABLE recordings (
    id                BIGSERIAL   PRIMARY KEY,
    raw_file          TEXT        NOT NULL UNIQUE,
    linked_id         TEXT,
    unique_id         TEXT,
    caller            TEXT,
    extension         TEXT,
    started_at        TIMESTAMPTZ NOT NULL,
    ended_at          TIMESTAMPTZ,
    duration_millis   BIGINT,
    day               DATE        NOT NULL,
    state             TEXT        NOT NULL DEFAULT 'recording'
                      CHECK (state IN ('recording', 'recorded', 'archiving', 'archived', 'purged', 'lost')),
    source            TEXT        NOT NULL DEFAULT 'call' CHECK (source IN ('call', 'sweep')),
    name              TEXT        UNIQUE,
    archive_path      TEXT        UNIQUE,
    format            TEXT,
    size_bytes        BIGINT,
    sha256            TEXT,
    archived_at       TIMESTAMPTZ,
    grade             TEXT        CHECK (grade IN ('clear', 'fair', 'unclear', 'silent')),
    one_sided         BOOLEAN,
    mean_db           DOUBLE PRECISION,
    max_db            DOUBLE PRECISION,
    speech_share      DOUBLE PRECISION,
    legal_hold        BOOLEAN     NOT NULL DEFAULT FALSE,
    legal_hold_note   TEXT,
    purged_at         TIMESTAMPTZ,
    raw_present       BOOLEAN     NOT NULL DEFAULT TRUE,
    attempts          INTEGER     NOT NULL DEFAULT 0,
    last_error        TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX recordings_linked_id ON recordings (linked_id);
CREATE INDEX recordings_day ON recordings (day);
CREATE INDEX recordings_started_at ON recordings (started_at);
CREATE INDEX recordings_pending ON recordings (day)
    WHERE state IN ('recording', 'recorded', 'archiving') OR (state = 'archived' AND raw_present);

-- Every run of the archive and retention jobs, for the history and the continuity report.
CREATE TABLE job_runs (
    id          BIGSERIAL   PRIMARY KEY,
    kind        TEXT        NOT NULL CHECK (kind IN ('archive', 'retention')),
    day         DATE        NOT NULL,
    dry_run     BOOLEAN     NOT NULL DEFAULT FALSE,
    trigger     TEXT        NOT NULL,
    instance    TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status      TEXT        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
    total       INTEGER     NOT NULL DEFAULT 0,
    done        INTEGER     NOT NULL DEFAULT 0,
    failed      INTEGER     NOT NULL DEFAULT 0,
    skipped     INTEGER     NOT NULL DEFAULT 0,
    message     TEXT
);

CREATE INDEX job_runs_kind ON job_runs (kind, started_at DESC);

-- Days whose recordings are all archived (C6): set by the archive run that finished the day.
CREATE TABLE archive_days (
    day          DATE        PRIMARY KEY,
    completed_at TIMESTAMPTZ NOT NULL,
    run_id       BIGINT      REFERENCES job_runs (id),
    recordings   INTEGER     NOT NULL
);

-- One row per archived file retention deleted (C7 evidence): never updated, never deleted.
CREATE TABLE retention_audit (
    id           BIGSERIAL   PRIMARY KEY,
    recording_id BIGINT      NOT NULL REFERENCES recordings (id),
    run_id       BIGINT      REFERENCES job_runs (id),
    deleted_at   TIMESTAMPTZ NOT NULL,
    as_of        DATE        NOT NULL,
    day          DATE        NOT NULL,
    archive_path TEXT        NOT NULL,
    sha256       TEXT,
    reason       TEXT        NOT NULL
);

CREATE INDEX retention_audit_deleted_at ON retention_audit (deleted_at);
