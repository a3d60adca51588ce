package com.example.hotline.store;

import com.example.hotline.ticket.ConflictException;
import com.example.hotline.ticket.Deadlines;
import com.example.hotline.ticket.Department;
import com.example.hotline.ticket.DispatchOrder;
import com.example.hotline.ticket.DispatchRequest;
import com.example.hotline.ticket.Lifecycle;
import com.example.hotline.ticket.LifecycleStore;
import com.example.hotline.ticket.NewTechnician;
import com.example.hotline.ticket.NotFoundException;
import com.example.hotline.ticket.Overdue;
import com.example.hotline.ticket.RoundRobin;
import com.example.hotline.ticket.StepInput;
import com.example.hotline.ticket.Technician;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketFile;
import com.example.hotline.ticket.TicketStep;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Departments, technicians, dispatch orders and the steps of a ticket's life in PostgreSQL. Each
 * step is one transaction: the ticket's row is locked first (FOR UPDATE), then for a dispatch the
 * department's row (the round-robin pointer), so concurrent steps on one ticket queue and
 * concurrent dispatches in one department take turns. Every statement is parameterised.
 * Thread-safe; every method blocks.
 */
public final class JdbcLifecycleStore implements LifecycleStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPEN_ORDER = "('dispatched', 'arrived', 'started', 'finished', 'rescheduled')";
    private static final String WORK_PENDING = "('registered', 'dispatched', 'arrived', 'started', 'rescheduled', "
            + "'reopened')";
    private static final String TECH_COLUMNS = "id, name, department, skills, out, out_until, active";
    private static final String ORDER_COLUMNS = "o.*, h.name AS technician_name";

    private final DataSource dataSource;
    private final Deadlines deadlines;

    public JdbcLifecycleStore(DataSource dataSource, Deadlines deadlines) {
        this.dataSource = dataSource;
        this.deadlines = deadlines;
    }

    private <T> T inTransaction(String what, Sql.Work<T> work) {
        return Sql.inTransaction(dataSource, what, work);
    }

    private <T> T read(String what, Sql.Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw Sql.failure(what, e);
        }
    }

    // ---- departments and technicians

    @Override
    public List<Department> departments() {
        return read("read departments", c -> {
            List<Department> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT code, name, last_technician_id FROM departments ORDER BY code");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(department(rs));
                }
            }
            return out;
        });
    }

    @Override
    public Department putDepartment(String code, String name) {
        Department d = Department.of(code, name);
        return inTransaction("save department " + d.code(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO departments (code, name) VALUES (?, ?) "
                    + "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = now() "
                    + "RETURNING code, name, last_technician_id")) {
                ps.setString(1, d.code());
                ps.setString(2, d.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return department(rs);
                }
            }
        });
    }

    private static Department department(ResultSet rs) throws SQLException {
        long last = rs.getLong("last_technician_id");
        Long lastId = rs.wasNull() ? null : last; // before the next read: wasNull() is about the last column read
        return new Department(rs.getString("code"), rs.getString("name"), lastId);
    }

    @Override
    public List<Technician> technicians(String department) {
        return read("read technicians", c -> department == null
                ? technicians(c, "SELECT " + TECH_COLUMNS + " FROM technicians ORDER BY id", List.of())
                : technicians(c, "SELECT " + TECH_COLUMNS + " FROM technicians WHERE department = ? ORDER BY id",
                        List.of(department)));
    }

    private static List<Technician> technicians(Connection c, String sql, List<?> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Technician> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array skills = rs.getArray("skills");
                    out.add(new Technician(rs.getLong("id"), rs.getString("name"), rs.getString("department"),
                            skills == null ? List.of() : Arrays.asList((String[]) skills.getArray()),
                            rs.getBoolean("out"), Sql.instant(rs, "out_until"), rs.getBoolean("active")));
                }
            }
            return out;
        }
    }

    private static void requireDepartment(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM departments WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no department '" + code + "'");
                }
            }
        }
    }

    @Override
    public Technician addTechnician(NewTechnician t) {
        t.requireComplete();
        return inTransaction("add technician", c -> {
            requireDepartment(c, t.department());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO technicians (name, department, skills, out, "
                    + "out_until, active) VALUES (?,?,?,?,?,?) RETURNING id")) {
                ps.setString(1, t.name());
                ps.setString(2, t.department());
                ps.setArray(3, c.createArrayOf("text", (t.skills() == null ? List.<String>of() : t.skills()).toArray()));
                ps.setBoolean(4, Boolean.TRUE.equals(t.out()));
                ps.setTimestamp(5, Boolean.TRUE.equals(t.out()) ? Sql.ts(t.outUntil()) : null);
                ps.setBoolean(6, t.active() == null || t.active());
                long id;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                return technicians(c, "SELECT " + TECH_COLUMNS + " FROM technicians WHERE id = ?", List.of(id)).get(0);
            }
        });
    }

    @Override
    public Optional<Technician> updateTechnician(long id, NewTechnician t) {
        return inTransaction("update technician " + id, c -> {
            if (t.department() != null) {
                requireDepartment(c, t.department());
            }
            // out given: out_until follows it (absent = until set in again; in = none); only outUntil: moves it
            boolean setUntil = t.out() != null || t.outUntil() != null;
            Instant until = Boolean.FALSE.equals(t.out()) ? null : t.outUntil();
            try (PreparedStatement ps = c.prepareStatement("UPDATE technicians SET name = coalesce(?, name), "
                    + "department = coalesce(?, department), skills = coalesce(?, skills), out = coalesce(?, out), "
                    + "out_until = CASE WHEN ? THEN ? ELSE out_until END, active = coalesce(?, active), "
                    + "updated_at = now() WHERE id = ?")) {
                ps.setString(1, t.name());
                ps.setString(2, t.department());
                if (t.skills() == null) {
                    ps.setNull(3, Types.ARRAY);
                } else {
                    ps.setArray(3, c.createArrayOf("text", t.skills().toArray()));
                }
                setBoolean(ps, 4, t.out());
                ps.setBoolean(5, setUntil);
                ps.setTimestamp(6, Sql.ts(until));
                setBoolean(ps, 7, t.active());
                ps.setLong(8, id);
                if (ps.executeUpdate() == 0) {
                    return Optional.<Technician>empty();
                }
            }
            return Optional.of(technicians(c, "SELECT " + TECH_COLUMNS + " FROM technicians WHERE id = ?",
                    List.of(id)).get(0));
        });
    }

    private static void setBoolean(PreparedStatement ps, int i, Boolean v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, v);
        }
    }

    // ---- the life of a ticket

    @Override
    public TicketFile dispatch(String ticketNo, DispatchRequest r, String by, Instant at) {
        return inTransaction("dispatch ticket " + ticketNo, c -> {
            Ticket t = lockTicket(c, ticketNo);
            Lifecycle.Action action = Lifecycle.dispatchAction(ticketNo, t.status(), r.replace());
            String target = Lifecycle.target(ticketNo, t.status(), action);
            Department d = lockDepartment(c, r.department());
            List<Technician> staff = technicians(c, "SELECT " + TECH_COLUMNS + " FROM technicians "
                    + "WHERE department = ? ORDER BY id", List.of(d.code()));
            Technician chosen;
            List<RoundRobin.Skip> skipped = List.of();
            String how;
            if (r.technicianId() != null) {
                chosen = named(c, staff, r, d, at);
                how = "explicit";
            } else {
                RoundRobin.Choice choice = RoundRobin.next(staff, d.lastTechnicianId(), r.skill(), at);
                if (choice.technician() == null) {
                    throw new ConflictException("no technician of department " + d.code() + " can go now"
                            + (choice.skipped().isEmpty() ? ": it has no active technicians"
                                    : ": " + choice.skipped().stream().map(s -> s.name() + " (" + s.reason() + ")")
                                            .toList()));
                }
                chosen = choice.technician();
                skipped = choice.skipped();
                how = "rotation";
                try (PreparedStatement ps = c.prepareStatement("UPDATE departments SET last_technician_id = ? "
                        + "WHERE code = ?")) {
                    ps.setLong(1, chosen.id());
                    ps.setString(2, d.code());
                    ps.executeUpdate();
                }
            }
            Long replaced = null;
            if (action == Lifecycle.Action.REDISPATCH) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE dispatch_orders SET status = 'replaced', "
                        + "ended_at = ?, ended_by = ?, end_reason = 'replaced by a new dispatch' "
                        + "WHERE ticket_id = ? AND status IN " + OPEN_ORDER + " RETURNING id")) {
                    ps.setTimestamp(1, Sql.ts(at));
                    ps.setString(2, by);
                    ps.setLong(3, t.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        replaced = rs.next() ? rs.getLong(1) : null;
                    }
                }
            }
            long orderId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dispatch_orders (ticket_id, department, "
                    + "technician_id, how, skill, owner_name, owner_phone, building, room, content, owner_request, "
                    + "warranty, charge_consent, dispatched_at, dispatched_by, arrive_due) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id")) {
                ps.setLong(1, t.id());
                ps.setString(2, d.code());
                ps.setLong(3, chosen.id());
                ps.setString(4, how);
                ps.setString(5, r.skill());
                ps.setString(6, t.name());
                ps.setString(7, t.phone());
                ps.setString(8, t.building());
                ps.setString(9, t.room());
                ps.setString(10, r.content() != null ? r.content() : t.matter());
                ps.setString(11, r.ownerRequest());
                ps.setString(12, r.warranty());
                setBoolean(ps, 13, r.chargeConsent());
                ps.setTimestamp(14, Sql.ts(at));
                ps.setString(15, by);
                ps.setTimestamp(16, Sql.ts(at.plus(deadlines.arrive())));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    orderId = rs.getLong(1);
                }
            }
            // the ledger's receiver, department and receiving time are those of the first dispatch
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET status = ?, "
                    + "receiver = coalesce(receiver, ?), department = coalesce(department, ?), "
                    + "received_at = coalesce(received_at, ?), updated_at = now() WHERE id = ?")) {
                ps.setString(1, target);
                ps.setString(2, chosen.name());
                ps.setString(3, d.code());
                ps.setTimestamp(4, Sql.ts(at));
                ps.setLong(5, t.id());
                ps.executeUpdate();
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("orderId", orderId);
            detail.put("department", d.code());
            detail.put("technicianId", chosen.id());
            detail.put("technician", chosen.name());
            detail.put("how", how);
            if (r.skill() != null) {
                detail.put("skill", r.skill());
            }
            if (!skipped.isEmpty()) {
                detail.put("skipped", skipped.stream().map(s -> Map.of("technicianId", s.technicianId(),
                        "technician", s.name(), "reason", s.reason())).toList());
            }
            if (replaced != null) {
                detail.put("replacedOrderId", replaced);
            }
            step(c, t.id(), "dispatched", at, by, detail);
            return file(c, t.id());
        });
    }

    /** The technician a dispatcher named: must be of the department, active, in, and skilled. */
    private static Technician named(Connection c, List<Technician> staff, DispatchRequest r, Department d, Instant at)
            throws SQLException {
        Technician t = staff.stream().filter(s -> s.id() == r.technicianId()).findFirst().orElse(null);
        if (t == null) {
            List<Technician> any = technicians(c, "SELECT " + TECH_COLUMNS + " FROM technicians WHERE id = ?",
                    List.of(r.technicianId()));
            if (any.isEmpty()) {
                throw new NotFoundException("no technician " + r.technicianId());
            }
            throw new ConflictException("technician " + r.technicianId() + " (" + any.get(0).name()
                    + ") is in department " + any.get(0).department() + ", not " + d.code());
        }
        if (!t.active()) {
            throw new ConflictException("technician " + t.id() + " (" + t.name() + ") is no longer active");
        }
        if (t.outAt(at)) {
            throw new ConflictException("technician " + t.id() + " (" + t.name() + ") is out"
                    + (t.outUntil() == null ? "" : " until " + t.outUntil()));
        }
        if (!t.has(r.skill())) {
            throw new ConflictException("technician " + t.id() + " (" + t.name() + ") lacks skill " + r.skill());
        }
        return t;
    }

    @Override
    public TicketFile advance(String ticketNo, Lifecycle.Action action, StepInput in, String by, Instant at) {
        if (action == Lifecycle.Action.DISPATCH || action == Lifecycle.Action.REDISPATCH) {
            throw new IllegalArgumentException("a dispatch goes through dispatch()");
        }
        in.check(action, at);
        return inTransaction(action.step() + " ticket " + ticketNo, c -> {
            Ticket t = lockTicket(c, ticketNo);
            String target = Lifecycle.target(ticketNo, t.status(), action);
            if (action == Lifecycle.Action.CLOSE) {
                Lifecycle.checkClose(t);
            }
            Long orderId = openOrderId(c, t.id());
            if (action.onOrder() && orderId == null) {
                throw new ConflictException("ticket " + ticketNo + " is " + t.status() + " but has no open dispatch "
                        + "order; dispatch it");
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            if (orderId != null && (action.onOrder() || action == Lifecycle.Action.CANCEL)) {
                detail.put("orderId", orderId);
                updateOrder(c, orderId, action, in, by, at);
            }
            switch (action) {
                case RESCHEDULE -> {
                    detail.put("to", in.to().toString());
                    detail.put("ownerConsent", in.ownerConsent());
                }
                case SATISFIED, UNSATISFIED -> {
                    detail.put("satisfied", action == Lifecycle.Action.SATISFIED);
                    if (in.note() != null) {
                        detail.put("note", in.note());
                    }
                }
                case CANCEL, CLOSE -> detail.put("reason", in.reason());
                default -> { }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET status = ?, closed_at = CASE "
                    + "WHEN ? IN ('closed', 'cancelled') THEN ? WHEN ? = 'reopened' THEN NULL ELSE closed_at END, "
                    + "updated_at = now() WHERE id = ?")) {
                ps.setString(1, target);
                ps.setString(2, target);
                ps.setTimestamp(3, Sql.ts(at));
                ps.setString(4, target);
                ps.setLong(5, t.id());
                ps.executeUpdate();
            }
            step(c, t.id(), action.step(), at, by, detail);
            if (action == Lifecycle.Action.SATISFIED || action == Lifecycle.Action.UNSATISFIED) {
                step(c, t.id(), target, at, by, Map.of());
            }
            return file(c, t.id());
        });
    }

    private void updateOrder(Connection c, long orderId, Lifecycle.Action action, StepInput in, String by, Instant at)
            throws SQLException {
        String set;
        List<Object> args = new ArrayList<>();
        switch (action) {
            case ARRIVE -> {
                set = "status = 'arrived', arrived_at = ?, arrived_by = ?, start_due = ?";
                args.addAll(Arrays.asList(Sql.ts(at), by, Sql.ts(at.plus(deadlines.start()))));
            }
            case START -> {
                set = "status = 'started', started_at = ?, started_by = ?";
                args.addAll(Arrays.asList(Sql.ts(at), by));
            }
            case FINISH -> {
                set = "status = 'finished', finished_at = ?, finished_by = ?";
                args.addAll(Arrays.asList(Sql.ts(at), by));
            }
            case RESCHEDULE -> {
                // the technician is due on site again at the new time, on the same deadline
                set = "status = 'rescheduled', rescheduled_to = ?, owner_consent = ?, rescheduled_at = ?, "
                        + "rescheduled_by = ?, arrive_due = ?, start_due = NULL";
                args.addAll(Arrays.asList(Sql.ts(in.to()), in.ownerConsent(), Sql.ts(at), by,
                        Sql.ts(in.to().plus(deadlines.arrive()))));
            }
            case CONFIRM -> {
                set = "status = 'confirmed', confirmed_at = ?, confirmed_by = ?";
                args.addAll(Arrays.asList(Sql.ts(at), by));
            }
            case CANCEL -> {
                set = "status = 'cancelled', ended_at = ?, ended_by = ?, end_reason = ?";
                args.addAll(Arrays.asList(Sql.ts(at), by, in.reason()));
            }
            default -> throw new IllegalArgumentException(action + " does not change an order");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE dispatch_orders SET " + set + " WHERE id = ?")) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            ps.setLong(args.size() + 1, orderId);
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<TicketFile> file(String ticketNo) {
        return read("read ticket " + ticketNo, c -> {
            List<Ticket> t = JdbcTicketStore.list(c, "SELECT " + JdbcTicketStore.COLUMNS
                    + " FROM tickets t WHERE t.ticket_no = ?", List.of(ticketNo));
            return t.isEmpty() ? Optional.<TicketFile>empty() : Optional.of(file(c, t.get(0)));
        });
    }

    @Override
    public TicketFile note(String ticketNo, String step, Map<String, Object> detail, String by, Instant at) {
        return inTransaction(step + " ticket " + ticketNo, c -> {
            Ticket t = lockTicket(c, ticketNo);
            step(c, t.id(), step, at, by, detail);
            return file(c, t.id());
        });
    }

    @Override
    public TicketFile followUpPlaced(String ticketNo, String linkedId, Map<String, Object> detail, String by,
            Instant at) {
        return inTransaction("follow-up call " + linkedId + " of ticket " + ticketNo, c -> {
            Ticket t = lockTicket(c, ticketNo);
            JdbcTicketStore.attach(c, t.id(), linkedId, at, "followup");
            step(c, t.id(), "callback", at, by, detail);
            return file(c, t.id());
        });
    }

    private static Ticket lockTicket(Connection c, String ticketNo) throws SQLException {
        List<Ticket> t = JdbcTicketStore.list(c, "SELECT " + JdbcTicketStore.COLUMNS
                + " FROM tickets t WHERE t.ticket_no = ? FOR UPDATE OF t", List.of(ticketNo));
        if (t.isEmpty()) {
            throw new NotFoundException("no ticket " + ticketNo);
        }
        return t.get(0);
    }

    private static Department lockDepartment(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT code, name, last_technician_id FROM departments "
                + "WHERE code = ? FOR UPDATE")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no department '" + code + "'");
                }
                return department(rs);
            }
        }
    }

    private static Long openOrderId(Connection c, long ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM dispatch_orders WHERE ticket_id = ? "
                + "AND status IN " + OPEN_ORDER + " FOR UPDATE")) {
            ps.setLong(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static TicketFile file(Connection c, long ticketId) throws SQLException {
        return file(c, JdbcTicketStore.list(c, "SELECT " + JdbcTicketStore.COLUMNS + " FROM tickets t WHERE t.id = ?",
                List.of(ticketId)).get(0));
    }

    private static TicketFile file(Connection c, Ticket t) throws SQLException {
        List<TicketStep> steps = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, step, at, by_user, detail::text AS detail "
                + "FROM ticket_steps WHERE ticket_id = ? ORDER BY at, id")) {
            ps.setLong(1, t.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(new TicketStep(rs.getLong("id"), rs.getString("step"), Sql.instant(rs, "at"),
                            rs.getString("by_user"), map(rs.getString("detail"))));
                }
            }
        }
        List<DispatchOrder> orders = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM dispatch_orders o "
                + "JOIN technicians h ON h.id = o.technician_id WHERE o.ticket_id = ? ORDER BY o.id")) {
            ps.setLong(1, t.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orders.add(order(rs));
                }
            }
        }
        return new TicketFile(t, steps, orders);
    }

    private static DispatchOrder order(ResultSet rs) throws SQLException {
        Boolean consent = rs.getBoolean("charge_consent");
        if (rs.wasNull()) {
            consent = null;
        }
        return new DispatchOrder(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("department"),
                rs.getLong("technician_id"), rs.getString("technician_name"), rs.getString("how"),
                rs.getString("skill"), rs.getString("owner_name"), rs.getString("owner_phone"),
                rs.getString("building"), rs.getString("room"), rs.getString("content"),
                rs.getString("owner_request"), rs.getString("warranty"), consent, rs.getString("status"),
                Sql.instant(rs, "dispatched_at"), rs.getString("dispatched_by"), Sql.instant(rs, "arrive_due"),
                Sql.instant(rs, "arrived_at"), rs.getString("arrived_by"), Sql.instant(rs, "start_due"),
                Sql.instant(rs, "started_at"), rs.getString("started_by"), Sql.instant(rs, "finished_at"),
                rs.getString("finished_by"), Sql.instant(rs, "rescheduled_to"), rs.getString("owner_consent"),
                Sql.instant(rs, "rescheduled_at"), rs.getString("rescheduled_by"), Sql.instant(rs, "confirmed_at"),
                rs.getString("confirmed_by"), Sql.instant(rs, "ended_at"), rs.getString("ended_by"),
                rs.getString("end_reason"));
    }

    private static void step(Connection c, long ticketId, String step, Instant at, String by, Map<String, Object> detail)
            throws SQLException {
        JdbcTicketStore.step(c, ticketId, step, at, by, json(detail));
    }

    private static String json(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("step detail not serialisable", e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored step detail unreadable", e);
        }
    }

    // ---- deadlines

    @Override
    public List<Overdue> overdue(Instant now, boolean unescalatedOnly, int limit) {
        String sql = "SELECT * FROM ("
                + "SELECT t.id AS ticket_id, t.ticket_no, 'due' AS deadline, t.due_at, NULL::bigint AS order_id, "
                + "t.status, t.severity, t.department, NULL::bigint AS technician_id, NULL::text AS technician_name, "
                + "t.phone FROM tickets t WHERE t.status IN " + WORK_PENDING + " AND t.due_at <= ? "
                + "UNION ALL "
                + "SELECT t.id, t.ticket_no, 'arrive', o.arrive_due, o.id, t.status, t.severity, o.department, "
                + "o.technician_id, h.name, t.phone FROM dispatch_orders o JOIN tickets t ON t.id = o.ticket_id "
                + "JOIN technicians h ON h.id = o.technician_id "
                + "WHERE o.status IN ('dispatched', 'rescheduled') AND o.arrive_due <= ? "
                + "UNION ALL "
                + "SELECT t.id, t.ticket_no, 'start', o.start_due, o.id, t.status, t.severity, o.department, "
                + "o.technician_id, h.name, t.phone FROM dispatch_orders o JOIN tickets t ON t.id = o.ticket_id "
                + "JOIN technicians h ON h.id = o.technician_id WHERE o.status = 'arrived' AND o.start_due <= ?"
                + ") x WHERE (NOT ? OR NOT EXISTS (SELECT 1 FROM ticket_steps s WHERE s.ticket_id = x.ticket_id "
                + "AND s.step = 'escalated' AND s.detail ->> 'deadline' = x.deadline "
                + "AND coalesce(s.detail ->> 'orderId', '') = coalesce(x.order_id::text, '') "
                + "AND (s.detail ->> 'dueAt')::timestamptz = x.due_at)) "
                + "ORDER BY x.due_at, x.ticket_no, x.deadline LIMIT ?";
        return read("find overdue tickets", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, Sql.ts(now));
                ps.setTimestamp(2, Sql.ts(now));
                ps.setTimestamp(3, Sql.ts(now));
                ps.setBoolean(4, unescalatedOnly);
                ps.setInt(5, limit);
                List<Overdue> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long order = rs.getLong("order_id");
                        Long orderId = rs.wasNull() ? null : order;
                        long tech = rs.getLong("technician_id");
                        Long techId = rs.wasNull() ? null : tech;
                        out.add(new Overdue(rs.getLong("ticket_id"), rs.getString("ticket_no"),
                                rs.getString("deadline"), Sql.instant(rs, "due_at"), orderId, rs.getString("status"),
                                rs.getString("severity"), rs.getString("department"), techId,
                                rs.getString("technician_name"), rs.getString("phone")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean escalate(Overdue o, Instant at) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("deadline", o.deadline());
        detail.put("dueAt", o.dueAt().toString());
        if (o.orderId() != null) {
            detail.put("orderId", o.orderId());
            detail.put("technicianId", o.technicianId());
            detail.put("technician", o.technicianName());
        }
        detail.put("lateMinutes", o.late(at).toMinutes());
        return inTransaction("escalate ticket " + o.ticketNo(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_steps (ticket_id, step, at, by_user, "
                    + "detail) VALUES (?, 'escalated', ?, NULL, ?::jsonb) ON CONFLICT (ticket_id, (detail ->> 'deadline'), "
                    + "(coalesce(detail ->> 'orderId', '')), (detail ->> 'dueAt')) WHERE step = 'escalated' "
                    + "DO NOTHING")) {
                ps.setLong(1, o.ticketId());
                ps.setTimestamp(2, Sql.ts(at));
                ps.setString(3, json(detail));
                return ps.executeUpdate() == 1;
            }
        });
    }
}
