-- C12: dispatch orders drawn at random for review (60 % of a range's orders) and the reviewer's mark.
-- An order drawn once stays drawn: drawing again for a range only tops the sample up to 60 % of the
-- orders the range has by then. result is null until reviewed.
CREATE TABLE audit_samples (
    order_id   BIGINT      PRIMARY KEY REFERENCES dispatch_orders (id),
    sampled_at TIMESTAMPTZ NOT NULL,
    sampled_by TEXT        NOT NULL,
    result     TEXT        CHECK (result IN ('pass', 'fail')),
    note       TEXT        CHECK (length(note) <= 2000),
    marked_by  TEXT,
    marked_at  TIMESTAMPTZ,
    CHECK ((result IS NULL) = (marked_at IS NULL))
);
CREATE INDEX dispatch_orders_dispatched_at ON dispatch_orders (dispatched_at);
