-- The daily review of the ledger (C11): the service-centre head (a user with role admin or quality)
-- reads one day's ledger, with the tickets that miss a field highlighted, and signs it off. One
-- sign-off per day, never replaced: the primary key makes a second signing of the same day fail.
--
-- day is a calendar date in the desk's time zone (time.zone); a ticket belongs to the day of its
-- created_at there. The counts are the ledger as the head saw it when signing: tickets of the day,
-- how many of them missed at least one of the ten ledger fields, and how many fields were missing.

CREATE TABLE ledger_signoffs (
    day                  DATE        PRIMARY KEY,
    signed_by            TEXT        NOT NULL,
    signed_at            TIMESTAMPTZ NOT NULL,
    note                 TEXT,
    tickets              INTEGER     NOT NULL CHECK (tickets >= 0),
    tickets_with_missing INTEGER     NOT NULL CHECK (tickets_with_missing BETWEEN 0 AND tickets),
    missing_fields       INTEGER     NOT NULL CHECK (missing_fields >= tickets_with_missing)
);
