-- Accounts and roles of the workbench (issue 7).
-- extension: an agent's own phone; an agent sees only the calls that rang or were answered there.
-- departments / buildings: a quality user limited to some departments (department codes) or
-- buildings sees only tickets and calls of those; both empty = the whole desk. Admins ignore them.
-- active = false locks a person out without losing who did what (steps name users by username).
ALTER TABLE users
    ADD COLUMN extension   TEXT    CHECK (extension ~ '^[0-9]{2,8}$'),
    ADD COLUMN departments TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN buildings   TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN active      BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN updated_at  TIMESTAMPTZ NOT NULL DEFAULT now();

-- NOT VALID: names created before this rule keep working; new and renamed ones must follow it
ALTER TABLE users ADD CONSTRAINT users_username_form
    CHECK (username ~ '^[A-Za-z0-9._-]{1,64}$') NOT VALID;
