package com.example.hotline.store;

import com.example.hotline.audit.AuditStore;
import com.example.hotline.audit.DayStatus;
import com.example.hotline.audit.SampledOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit's tables and figures in PostgreSQL. A draw holds a transaction-scoped advisory lock, so
 * two reviewers drawing at once do not both top the sample up. Thread-safe; every method blocks.
 */
public final class JdbcAuditStore implements AuditStore {

    private static final String SAMPLE = "SELECT o.id, t.ticket_no, o.department, h.name AS technician, o.dispatched_at, "
            + "o.status, s.sampled_at, s.result, s.note, s.marked_by, s.marked_at FROM audit_samples s "
            + "JOIN dispatch_orders o ON o.id = s.order_id JOIN tickets t ON t.id = o.ticket_id "
            + "JOIN technicians h ON h.id = o.technician_id "
            + "WHERE o.dispatched_at >= ? AND o.dispatched_at < ? ORDER BY o.dispatched_at, o.id";

    private final DataSource dataSource;

    public JdbcAuditStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int orders(Instant from, Instant to) {
        try (Connection c = dataSource.getConnection()) {
            return count(c, from, to, "SELECT count(*) FROM dispatch_orders WHERE dispatched_at >= ? AND dispatched_at < ?");
        } catch (SQLException e) {
            throw Sql.failure("count dispatch orders", e);
        }
    }

    @Override
    public List<SampledOrder> sample(Instant from, Instant to) {
        try (Connection c = dataSource.getConnection()) {
            return sample(c, from, to);
        } catch (SQLException e) {
            throw Sql.failure("read the dispatch order sample", e);
        }
    }

    @Override
    public List<SampledOrder> draw(Instant from, Instant to, double share, String by, Instant now) {
        return Sql.inTransaction(dataSource, "draw the dispatch order sample", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('audit_samples'))")) {
                lock.execute();
            }
            int all = count(c, from, to, "SELECT count(*) FROM dispatch_orders WHERE dispatched_at >= ? AND dispatched_at < ?");
            int drawn = count(c, from, to, "SELECT count(*) FROM audit_samples s JOIN dispatch_orders o ON o.id = s.order_id "
                    + "WHERE o.dispatched_at >= ? AND o.dispatched_at < ?");
            int need = (int) Math.ceil(all * share - 1e-9) - drawn;
            if (need > 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_samples (order_id, sampled_at, sampled_by) "
                        + "SELECT o.id, ?, ? FROM dispatch_orders o WHERE o.dispatched_at >= ? AND o.dispatched_at < ? "
                        + "AND NOT EXISTS (SELECT 1 FROM audit_samples s WHERE s.order_id = o.id) "
                        + "ORDER BY random() LIMIT ?")) {
                    ps.setTimestamp(1, Sql.ts(now));
                    ps.setString(2, by);
                    ps.setTimestamp(3, Sql.ts(from));
                    ps.setTimestamp(4, Sql.ts(to));
                    ps.setInt(5, need);
                    ps.executeUpdate();
                }
            }
            return sample(c, from, to);
        });
    }

    @Override
    public boolean mark(long orderId, String result, String note, String by, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE audit_samples SET result = ?, note = ?, marked_by = ?, "
                     + "marked_at = ? WHERE order_id = ?")) {
            ps.setString(1, result);
            ps.setString(2, note);
            ps.setString(3, by);
            ps.setTimestamp(4, Sql.ts(at));
            ps.setLong(5, orderId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("mark sampled order " + orderId, e);
        }
    }

    @Override
    public List<DayStatus> days(LocalDate from, LocalDate to, ZoneId zone) {
        String sql = "SELECT d::date AS day, (SELECT count(*) FROM tickets t WHERE t.created_at >= (d AT TIME ZONE ?) "
                + "AND t.created_at < ((d + interval '1 day') AT TIME ZONE ?)) AS tickets, s.signed_by, s.signed_at, "
                + "s.tickets_with_missing FROM generate_series(?::date::timestamp, ?::date::timestamp, interval '1 day') AS d "
                + "LEFT JOIN ledger_signoffs s ON s.day = d::date ORDER BY d";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, zone.getId());
            ps.setString(2, zone.getId());
            ps.setObject(3, from);
            ps.setObject(4, to);
            List<DayStatus> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DayStatus(rs.getObject("day", LocalDate.class), rs.getInt("tickets"),
                            rs.getString("signed_by"), Sql.instant(rs, "signed_at"),
                            (Integer) rs.getObject("tickets_with_missing")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("ledger days " + from + ".." + to, e);
        }
    }

    @Override
    public DispatchFigures dispatchFigures(Instant from, Instant to, Instant now) {
        String tickets = "SELECT count(*) FILTER (WHERE t.source = 'phone') AS phone, "
                + "count(*) FILTER (WHERE t.source = 'phone' AND EXISTS (SELECT 1 FROM ticket_calls k JOIN calls c "
                + "ON c.linked_id = k.linked_id WHERE k.ticket_id = t.id AND k.how = 'created' "
                + "AND t.created_at <= c.started_at + interval '1 minute')) AS opened, "
                + "count(*) FILTER (WHERE t.kind = 'repair') AS repairs, "
                + "count(*) FILTER (WHERE t.kind = 'repair' AND EXISTS (SELECT 1 FROM dispatch_orders o "
                + "WHERE o.ticket_id = t.id)) AS dispatched FROM tickets t WHERE t.created_at >= ? AND t.created_at < ?";
        String orders = "SELECT count(*) AS orders, "
                + "count(*) FILTER (WHERE arrived_at IS NOT NULL AND arrived_at <= arrive_due) AS arrived_on_time, "
                + "count(*) FILTER (WHERE arrived_at > arrive_due) AS arrived_late, "
                + "count(*) FILTER (WHERE arrived_at IS NULL AND arrive_due < ? "
                + "AND status IN ('dispatched', 'rescheduled')) AS arrival_overdue, "
                + "count(*) FILTER (WHERE started_at IS NOT NULL AND started_at <= start_due) AS started_on_time, "
                + "count(*) FILTER (WHERE started_at > start_due) AS started_late, "
                + "count(*) FILTER (WHERE rescheduled_at IS NOT NULL) AS rescheduled, "
                + "count(*) FILTER (WHERE rescheduled_at IS NOT NULL AND coalesce(owner_consent, '') <> '') AS consented "
                + "FROM dispatch_orders WHERE dispatched_at >= ? AND dispatched_at < ?";
        try (Connection c = dataSource.getConnection();
             PreparedStatement t = c.prepareStatement(tickets); PreparedStatement o = c.prepareStatement(orders)) {
            t.setTimestamp(1, Sql.ts(from));
            t.setTimestamp(2, Sql.ts(to));
            o.setTimestamp(1, Sql.ts(now));
            o.setTimestamp(2, Sql.ts(from));
            o.setTimestamp(3, Sql.ts(to));
            try (ResultSet a = t.executeQuery(); ResultSet b = o.executeQuery()) {
                a.next();
                b.next();
                return new DispatchFigures(a.getLong("phone"), a.getLong("opened"), a.getLong("repairs"),
                        a.getLong("dispatched"), b.getLong("orders"), b.getLong("arrived_on_time"),
                        b.getLong("arrived_late"), b.getLong("arrival_overdue"), b.getLong("started_on_time"),
                        b.getLong("started_late"), b.getLong("rescheduled"), b.getLong("consented"));
            }
        } catch (SQLException e) {
            throw Sql.failure("dispatch figures", e);
        }
    }

    private static int count(Connection c, Instant from, Instant to, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Sql.ts(from));
            ps.setTimestamp(2, Sql.ts(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<SampledOrder> sample(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SAMPLE)) {
            ps.setTimestamp(1, Sql.ts(from));
            ps.setTimestamp(2, Sql.ts(to));
            List<SampledOrder> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SampledOrder(rs.getLong("id"), rs.getString("ticket_no"), rs.getString("department"),
                            rs.getString("technician"), Sql.instant(rs, "dispatched_at"), rs.getString("status"),
                            Sql.instant(rs, "sampled_at"), rs.getString("result"), rs.getString("note"),
                            rs.getString("marked_by"), Sql.instant(rs, "marked_at")));
                }
            }
            return out;
        }
    }
}
