-- Tickets: the desk's ledger (C8). A phone ticket is created the moment a hotline call arrives,
-- from the caller ID, before any phone rings; later calls from the same number within the repeat
-- window attach to it (ticket_calls).
--
-- Numbers are YYMM-NNNN: year, month (in the desk's time zone) and a serial restarting every month.
-- The serial comes from ticket_serials in the same transaction as the insert, so concurrent creators
-- queue on the month's row and a rolled-back insert gives its serial back: no duplicate, no gap.
-- A ticket is never deleted; a number given up on purpose is status 'cancelled'.
--
-- phone is the caller ID exactly as received (untrusted text: shown escaped, never interpreted);
-- phone_norm its normal form (null when it does not normalise), the key for the directory and for
-- repeat calls. caller_id_status says whether the directory knew the caller.

CREATE TABLE ticket_serials (
    month TEXT    PRIMARY KEY CHECK (month ~ '^[0-9]{4}$'),
    last  INTEGER NOT NULL CHECK (last > 0)
);

CREATE TABLE tickets (
    id               BIGSERIAL   PRIMARY KEY,
    ticket_no        TEXT        NOT NULL UNIQUE,
    created_at       TIMESTAMPTZ NOT NULL,
    source           TEXT        NOT NULL DEFAULT 'phone'
                     CHECK (source IN ('phone', 'walk-in', 'letter', 'web')),
    phone            TEXT,
    phone_norm       TEXT,
    caller_id_status TEXT        NOT NULL
                     CHECK (caller_id_status IN ('identified', 'unidentified', 'withheld', 'none')),
    name             TEXT,
    building         TEXT,
    room             TEXT,
    matter           TEXT,
    kind             TEXT        CHECK (kind IN ('complaint', 'repair', 'consultation', 'callback')),
    complaint_valid  BOOLEAN,
    severity         TEXT        CHECK (severity IN ('major', 'important', 'minor')),
    recorder         TEXT,
    receiver         TEXT,
    department       TEXT,
    received_at      TIMESTAMPTZ,
    status           TEXT        NOT NULL DEFAULT 'registered'
                     CHECK (status IN ('registered', 'dispatched', 'arrived', 'started', 'finished',
                                       'rescheduled', 'confirmed', 'closed', 'reopened', 'cancelled')),
    due_at           TIMESTAMPTZ,
    closed_at        TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX tickets_created_at ON tickets (created_at);
CREATE INDEX tickets_open_by_phone ON tickets (phone_norm, created_at)
    WHERE status NOT IN ('closed', 'cancelled');

-- Which calls belong to which ticket. linked_id, not calls.id: the ticket is written by FastAGI
-- before the call tracker has stored the call. A call belongs to one ticket at a time (a split moves it).
CREATE TABLE ticket_calls (
    linked_id   TEXT        PRIMARY KEY,
    ticket_id   BIGINT      NOT NULL REFERENCES tickets (id),
    attached_at TIMESTAMPTZ NOT NULL,
    how         TEXT        NOT NULL CHECK (how IN ('created', 'repeat', 'split', 'followup'))
);

CREATE INDEX ticket_calls_ticket ON ticket_calls (ticket_id);

-- The life of a ticket, one row per step with who and when (registered, recorded, dispatched,
-- arrived, started, finished, rescheduled, confirmed, followed-up, closed, reopened, split,
-- cancelled, escalated ...). detail carries the step's own fields.
CREATE TABLE ticket_steps (
    id        BIGSERIAL   PRIMARY KEY,
    ticket_id BIGINT      NOT NULL REFERENCES tickets (id),
    step      TEXT        NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    by_user   TEXT,
    detail    JSONB       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX ticket_steps_ticket ON ticket_steps (ticket_id, at);
