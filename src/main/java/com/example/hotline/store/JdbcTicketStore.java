package com.example.hotline.store;

import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.Deadlines;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketFields;
import com.example.hotline.ticket.TicketFilter;
import com.example.hotline.ticket.TicketNumber;
import com.example.hotline.ticket.TicketStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tickets in PostgreSQL. Opening tickets for arriving calls ({@link TicketOpening}) is one transaction
 * that takes the month's serial row (concurrent creators queue on it; a rollback returns the serials,
 * so numbers have no gaps) and, for numbers that can repeat, transaction-scoped advisory locks on the
 * numbers, so two simultaneous calls from one phone cannot both open a ticket. Every statement is
 * parameterised. Thread-safe; every method blocks.
 */
public final class JdbcTicketStore implements TicketStore {

    static final String COLUMNS = "t.id, t.ticket_no, t.created_at, t.source, t.phone, t.phone_norm, "
            + "t.caller_id_status, t.name, t.building, t.room, t.matter, t.kind, t.complaint_valid, t.severity, "
            + "t.recorder, t.receiver, t.department, t.received_at, t.status, t.due_at, t.closed_at, "
            + "ARRAY(SELECT c.linked_id FROM ticket_calls c WHERE c.ticket_id = t.id "
            + "ORDER BY c.attached_at, c.linked_id) AS call_ids";

    private static final ObjectMapper DETAIL_JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Deadlines deadlines;

    /** A store whose tickets get the desk's default deadlines ({@link Deadlines#DEFAULTS}). */
    public JdbcTicketStore(DataSource dataSource) {
        this(dataSource, Deadlines.DEFAULTS);
    }

    /** A store setting a ticket's due time from {@code deadlines} when its severity or kind is set. */
    public JdbcTicketStore(DataSource dataSource, Deadlines deadlines) {
        this.dataSource = dataSource;
        this.deadlines = deadlines;
    }

    @Override
    public Opened openForCall(Arrival a, Duration repeatWindow, ZoneId zone) {
        return Sql.inTransaction(dataSource, "open ticket for call " + a.linkedId(),
                c -> TicketOpening.open(c, List.of(a), repeatWindow, zone).get(0));
    }

    /**
     * Several arrivals in one transaction, in their order, with the same few statements however many
     * there are ({@link TicketOpening}): one commit, one fsync, and the month's serial row held once
     * instead of once per ticket.
     */
    @Override
    public List<Opened> openForCalls(List<Arrival> arrivals, Duration repeatWindow, ZoneId zone) {
        return Sql.inTransaction(dataSource, "open tickets for " + arrivals.size() + " calls from "
                + arrivals.get(0).linkedId(), c -> TicketOpening.open(c, arrivals, repeatWindow, zone));
    }

    /** Inserts a ticket with the next number of its month; returns its id. */
    private static long insert(Connection c, Instant at, ZoneId zone, String source, String phone, String phoneNorm,
            CallerIdStatus status, String name, String building, String room) throws SQLException {
        String month = TicketNumber.month(at, zone);
        int serial;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_serials (month, last) VALUES (?, 1) "
                + "ON CONFLICT (month) DO UPDATE SET last = ticket_serials.last + 1 RETURNING last")) {
            ps.setString(1, month);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                serial = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (ticket_no, created_at, source, phone, "
                + "phone_norm, caller_id_status, name, building, room) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id")) {
            ps.setString(1, TicketNumber.format(month, serial));
            ps.setTimestamp(2, Sql.ts(at));
            ps.setString(3, source);
            ps.setString(4, phone);
            ps.setString(5, phoneNorm);
            ps.setString(6, status.dbName());
            ps.setString(7, name);
            ps.setString(8, building);
            ps.setString(9, room);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void attach(Connection c, long ticketId, String linkedId, Instant at, String how)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_calls (linked_id, ticket_id, attached_at, how) "
                + "VALUES (?,?,?,?) ON CONFLICT (linked_id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id, "
                + "attached_at = EXCLUDED.attached_at, how = EXCLUDED.how")) {
            ps.setString(1, linkedId);
            ps.setLong(2, ticketId);
            ps.setTimestamp(3, Sql.ts(at));
            ps.setString(4, how);
            ps.executeUpdate();
        }
    }

    static void step(Connection c, long ticketId, String step, Instant at, String byUser, String detailJson)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_steps (ticket_id, step, at, by_user, detail) "
                + "VALUES (?,?,?,?,?::jsonb)")) {
            ps.setLong(1, ticketId);
            ps.setString(2, step);
            ps.setTimestamp(3, Sql.ts(at));
            ps.setString(4, byUser);
            ps.setString(5, detailJson == null ? "{}" : detailJson);
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<Ticket> byNumber(String ticketNo) {
        return query("SELECT " + COLUMNS + " FROM tickets t WHERE t.ticket_no = ?", List.of(ticketNo))
                .stream().findFirst();
    }

    @Override
    public Optional<Ticket> byCall(String linkedId) {
        return query("SELECT " + COLUMNS + " FROM tickets t JOIN ticket_calls k ON k.ticket_id = t.id "
                + "WHERE k.linked_id = ?", List.of(linkedId)).stream().findFirst();
    }

    @Override
    public List<Ticket> search(TicketFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tickets t WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            sql.append(" AND t.created_at >= ?");
            args.add(Sql.ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND t.created_at < ?");
            args.add(Sql.ts(f.to()));
        }
        if (f.phone() != null && !f.phone().isEmpty()) {
            sql.append(" AND (strpos(t.phone, ?) > 0 OR strpos(t.phone_norm, ?) > 0)");
            args.add(f.phone());
            args.add(f.phone());
        }
        if ("open".equals(f.status())) {
            sql.append(" AND t.status NOT IN ('closed', 'cancelled')");
        } else if (f.status() != null) {
            sql.append(" AND t.status = ?");
            args.add(f.status());
        }
        ScopeSql.tickets(f.scope(), sql, args);
        sql.append(" ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?");
        args.add(f.limit());
        args.add(f.offset());
        return query(sql.toString(), args);
    }

    @Override
    public List<Ticket> openByPhone(String phoneNorm, int limit) {
        return query("SELECT " + COLUMNS + " FROM tickets t WHERE t.phone_norm = ? "
                + "AND t.status NOT IN ('closed', 'cancelled') ORDER BY t.created_at DESC, t.id DESC LIMIT ?",
                List.of(phoneNorm, limit));
    }

    @Override
    public List<Ticket> historyByPhone(String phoneNorm, int limit) {
        return query("SELECT " + COLUMNS + " FROM tickets t WHERE t.phone_norm = ? "
                + "ORDER BY t.created_at DESC, t.id DESC LIMIT ?", List.of(phoneNorm, limit));
    }

    @Override
    public Optional<Ticket> split(String linkedId, String byUser, Instant at, ZoneId zone) {
        return Sql.inTransaction(dataSource, "split call " + linkedId, c -> {
            Optional<Ticket> from = one(c, "SELECT " + COLUMNS + " FROM tickets t JOIN ticket_calls k "
                    + "ON k.ticket_id = t.id WHERE k.linked_id = ? FOR UPDATE OF t", List.of(linkedId));
            if (from.isEmpty()) {
                return Optional.empty();
            }
            Ticket old = from.get();
            if (old.callIds().size() < 2) {
                throw new IllegalArgumentException("call " + linkedId + " is the only call of ticket "
                        + old.ticketNo() + ": nothing to split");
            }
            long id = insert(c, at, zone, old.source(), old.phone(), old.phoneNorm(), old.callerIdStatus(),
                    old.name(), old.building(), old.room());
            attach(c, id, linkedId, at, "split");
            String detail = detail("linkedId", linkedId, "from", old.ticketNo());
            step(c, id, "registered", at, byUser, detail);
            step(c, old.id(), "split", at, byUser, detail);
            Ticket split = one(c, "SELECT " + COLUMNS + " FROM tickets t WHERE t.id = ?", List.of(id)).orElseThrow();
            return Optional.of(split);
        });
    }

    @Override
    public boolean recordAnswer(String linkedId, String recorder, Instant at) {
        return Sql.inTransaction(dataSource, "record answer of call " + linkedId, c -> {
            CallLocks.lockCall(c, linkedId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets t SET recorder = ?, updated_at = now() "
                    + "FROM ticket_calls k WHERE k.ticket_id = t.id AND k.linked_id = ? AND t.recorder IS NULL "
                    + "RETURNING t.id")) {
                ps.setString(1, recorder);
                ps.setString(2, linkedId);
                long id = -1;
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getLong(1);
                    }
                }
                if (id > 0) {
                    step(c, id, "recorded", at, recorder, detail("linkedId", linkedId));
                }
                return id > 0;
            }
        });
    }

    @Override
    public Optional<String> markMissed(String linkedId, Instant at) {
        return Sql.inTransaction(dataSource, "mark call " + linkedId + " missed", c -> {
            CallLocks.lockCall(c, linkedId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets t SET kind = 'callback', updated_at = now() "
                    + "FROM ticket_calls k WHERE k.ticket_id = t.id AND k.linked_id = ? AND t.kind IS NULL "
                    + "RETURNING t.id, t.ticket_no")) {
                ps.setString(1, linkedId);
                Optional<String> no = Optional.empty();
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        step(c, rs.getLong(1), "missed", at, null, detail("linkedId", linkedId));
                        no = Optional.of(rs.getString(2));
                    }
                }
                return no;
            }
        });
    }

    @Override
    public Optional<Ticket> fill(String ticketNo, TicketFields f, String byUser, Instant at) {
        return Sql.inTransaction(dataSource, "fill ticket " + ticketNo, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET matter = coalesce(?, matter), "
                    + "kind = coalesce(?, kind), complaint_valid = coalesce(?, complaint_valid), "
                    + "severity = coalesce(?, severity), name = coalesce(?, name), building = coalesce(?, building), "
                    + "room = coalesce(?, room), updated_at = now() WHERE ticket_no = ? RETURNING id")) {
                ps.setString(1, f.matter());
                ps.setString(2, f.kind());
                if (f.complaintValid() == null) {
                    ps.setNull(3, Types.BOOLEAN);
                } else {
                    ps.setBoolean(3, f.complaintValid());
                }
                ps.setString(4, f.severity());
                ps.setString(5, f.name());
                ps.setString(6, f.building());
                ps.setString(7, f.room());
                ps.setString(8, ticketNo);
                long id;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getLong(1);
                }
                if (f.severity() != null || f.kind() != null) {
                    refreshDue(c, id);
                }
                step(c, id, "filled", at, byUser, null);
                Optional<Ticket> t = one(c, "SELECT " + COLUMNS + " FROM tickets t WHERE t.id = ?", List.of(id));
                return t;
            }
        });
    }

    /** Sets a ticket's due time from its registration, severity and kind ({@link Deadlines#dueAt}). */
    private void refreshDue(Connection c, long id) throws SQLException {
        Instant created;
        String severity;
        String kind;
        try (PreparedStatement ps = c.prepareStatement("SELECT created_at, severity, kind FROM tickets WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                created = Sql.instant(rs, "created_at");
                severity = rs.getString("severity");
                kind = rs.getString("kind");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET due_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Sql.ts(deadlines.dueAt(created, severity, kind)));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private List<Ticket> query(String sql, List<?> args) {
        try (Connection c = dataSource.getConnection()) {
            return list(c, sql, args);
        } catch (SQLException e) {
            throw Sql.failure("read tickets", e);
        }
    }

    private static Optional<Ticket> one(Connection c, String sql, List<?> args) throws SQLException {
        return list(c, sql, args).stream().findFirst();
    }

    static List<Ticket> list(Connection c, String sql, List<?> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Ticket> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ticket(rs));
                }
            }
            return out;
        }
    }

    static Ticket ticket(ResultSet rs) throws SQLException {
        Array calls = rs.getArray("call_ids");
        Boolean valid = rs.getBoolean("complaint_valid");
        if (rs.wasNull()) {
            valid = null;
        }
        return new Ticket(rs.getLong("id"), rs.getString("ticket_no"), Sql.instant(rs, "created_at"),
                rs.getString("source"), rs.getString("phone"), rs.getString("phone_norm"),
                CallerIdStatus.ofDb(rs.getString("caller_id_status")), rs.getString("name"), rs.getString("building"),
                rs.getString("room"), rs.getString("matter"), rs.getString("kind"), valid, rs.getString("severity"),
                rs.getString("recorder"), rs.getString("receiver"), rs.getString("department"),
                Sql.instant(rs, "received_at"), rs.getString("status"), Sql.instant(rs, "due_at"),
                Sql.instant(rs, "closed_at"), calls == null ? List.of() : Arrays.asList((String[]) calls.getArray()));
    }

    /** A step's detail as a JSON object from key, value pairs. */
    static String detail(String... keyValues) {
        var node = DETAIL_JSON.createObjectNode();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            node.put(keyValues[i], keyValues[i + 1]);
        }
        return node.toString();
    }
}
