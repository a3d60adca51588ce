-- The life of a ticket after registration (issue 4): departments, their technicians, dispatch
-- orders, and the round-robin pointer that picks the next technician of a department.
--
-- Round robin: technicians of a department take turns in the order of their id. The pointer
-- (departments.last_technician_id) is the technician last picked by the rotation; the next
-- dispatch takes the first technician after it (wrapping round) who is active, not out and has
-- the skill asked for. A dispatcher naming a technician explicitly is out of turn and leaves the
-- pointer alone. A dispatch locks the department's row (SELECT ... FOR UPDATE) for its
-- transaction, so concurrent dispatches in one department take turns one after another.

CREATE TABLE departments (
    code               TEXT        PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    name               TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    last_technician_id BIGINT,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- out: away (leave, sick, busy elsewhere); out_until: back by itself at that time (null = until
-- set in again). A technician is out when out AND (out_until IS NULL OR out_until > now).
-- Skills are lower-case words ('plumbing', 'electric', ...). A technician is never deleted (orders
-- refer to him): active = false retires him from the rotation.
CREATE TABLE technicians (
    id         BIGSERIAL   PRIMARY KEY,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    department TEXT        NOT NULL REFERENCES departments (code),
    skills     TEXT[]      NOT NULL DEFAULT '{}',
    out        BOOLEAN     NOT NULL DEFAULT false,
    out_until  TIMESTAMPTZ,
    active     BOOLEAN     NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX technicians_department ON technicians (department, id);

ALTER TABLE departments ADD CONSTRAINT departments_last_technician
    FOREIGN KEY (last_technician_id) REFERENCES technicians (id);

-- One dispatch order: a department and technician sent to a ticket. It carries what the
-- technician needs (owner name, phone, building and room as they were at dispatch, content, the
-- owner's request, warranty, whether the owner consented to charges) and every step's time and
-- user. arrive_due / start_due are the C10 deadlines (on site within deadline.arrive of the order
-- or of the rescheduled time, work started within deadline.start of arrival), fixed when the
-- step that starts the clock happens. A ticket has at most one open order (status dispatched,
-- arrived, started, finished or rescheduled); a re-dispatch marks the open one 'replaced'.
CREATE TABLE dispatch_orders (
    id             BIGSERIAL   PRIMARY KEY,
    ticket_id      BIGINT      NOT NULL REFERENCES tickets (id),
    department     TEXT        NOT NULL REFERENCES departments (code),
    technician_id  BIGINT      NOT NULL REFERENCES technicians (id),
    how            TEXT        NOT NULL CHECK (how IN ('rotation', 'explicit')),
    skill          TEXT,
    owner_name     TEXT,
    owner_phone    TEXT,
    building       TEXT,
    room           TEXT,
    content        TEXT,
    owner_request  TEXT,
    warranty       TEXT        NOT NULL DEFAULT 'unknown' CHECK (warranty IN ('in', 'out', 'unknown')),
    charge_consent BOOLEAN,
    status         TEXT        NOT NULL DEFAULT 'dispatched'
                   CHECK (status IN ('dispatched', 'arrived', 'started', 'finished', 'rescheduled',
                                     'confirmed', 'cancelled', 'replaced')),
    dispatched_at  TIMESTAMPTZ NOT NULL,
    dispatched_by  TEXT,
    arrive_due     TIMESTAMPTZ NOT NULL,
    arrived_at     TIMESTAMPTZ,
    arrived_by     TEXT,
    start_due      TIMESTAMPTZ,
    started_at     TIMESTAMPTZ,
    started_by     TEXT,
    finished_at    TIMESTAMPTZ,
    finished_by    TEXT,
    rescheduled_to TIMESTAMPTZ,
    owner_consent  TEXT,
    rescheduled_at TIMESTAMPTZ,
    rescheduled_by TEXT,
    confirmed_at   TIMESTAMPTZ,
    confirmed_by   TEXT,
    ended_at       TIMESTAMPTZ,
    ended_by       TEXT,
    end_reason     TEXT
);

CREATE INDEX dispatch_orders_ticket ON dispatch_orders (ticket_id, id);
CREATE INDEX dispatch_orders_technician ON dispatch_orders (technician_id, dispatched_at);
CREATE UNIQUE INDEX dispatch_orders_one_open ON dispatch_orders (ticket_id)
    WHERE status IN ('dispatched', 'arrived', 'started', 'finished', 'rescheduled');
CREATE INDEX dispatch_orders_arrive_due ON dispatch_orders (arrive_due)
    WHERE status IN ('dispatched', 'rescheduled');
CREATE INDEX dispatch_orders_start_due ON dispatch_orders (start_due) WHERE status = 'arrived';

CREATE INDEX tickets_due_at ON tickets (due_at)
    WHERE status IN ('registered', 'dispatched', 'arrived', 'started', 'rescheduled', 'reopened');

-- Escalation is idempotent: one 'escalated' step per ticket, deadline kind (due, arrive, start),
-- order (none for due) and due time. A changed deadline (new severity, rescheduled visit) is a new
-- deadline and escalates again when missed.
CREATE UNIQUE INDEX ticket_steps_escalated_once ON ticket_steps
    (ticket_id, (detail ->> 'deadline'), (coalesce(detail ->> 'orderId', '')), (detail ->> 'dueAt'))
    WHERE step = 'escalated';
