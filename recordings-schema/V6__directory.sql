-- The resident/customer directory: one row per phone number, keyed by the number in normal form
-- (see directory.PhoneNumbers), so that the same phone always finds the same entry however the PBX
-- or a spreadsheet wrote it. A household is every entry sharing building and room. Importing a
-- number again updates its row instead of adding a second one. Columns of the import beyond
-- phone,name,building,room are kept in extra (column name -> value).

CREATE TABLE directory (
    phone       TEXT        PRIMARY KEY,
    phone_raw   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    building    TEXT,
    room        TEXT,
    extra       JSONB       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(extra) = 'object'),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX directory_household ON directory (building, room);
