-- Callback tasks: every hotline call that ended unanswered gets exactly one task for the desk to call
-- the caller back (unique call_id, so a call saved again does not create a second task). caller is
-- null when the number was withheld or empty: the desk cannot call back and closes the task.

CREATE TABLE callbacks (
    id         BIGSERIAL PRIMARY KEY,
    call_id    BIGINT      NOT NULL UNIQUE REFERENCES calls (id) ON DELETE CASCADE,
    linked_id  TEXT        NOT NULL,
    caller     TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    status     TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    done_at    TIMESTAMPTZ,
    done_by    TEXT,
    note       TEXT,
    CHECK ((status = 'open') = (done_at IS NULL))
);

CREATE INDEX callbacks_created_at ON callbacks (created_at);
CREATE INDEX callbacks_open ON callbacks (created_at) WHERE status = 'open';
