package com.example.hotline.store;

import com.example.hotline.report.TicketReportStore;
import com.example.hotline.report.TicketStatistics;
import com.example.hotline.ticket.TicketFields;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Ticket statistics in SQL: the splits in one {@code GROUPING SETS} statement, the on-time and
 * handling-time figures in a second, satisfaction from the follow-up steps in a third, all read in one
 * repeatable-read transaction so that they describe the same tickets. Thread-safe; every method blocks.
 */
public final class JdbcTicketReportStore implements TicketReportStore {

    static final List<String> STATUSES = List.of("registered", "dispatched", "arrived", "started", "finished",
            "rescheduled", "confirmed", "closed", "reopened", "cancelled");
    static final List<String> CALLER_IDS = List.of("identified", "unidentified", "withheld", "none");

    private static final String RANGE = "created_at >= ? AND created_at < ?";

    private static final String SPLITS = "SELECT kind, severity, department, status, caller_id_status, "
            + "GROUPING(kind) AS gk, GROUPING(severity) AS gs, GROUPING(department) AS gd, GROUPING(status) AS gt, "
            + "GROUPING(caller_id_status) AS gc, count(*) AS n FROM tickets WHERE " + RANGE
            + " GROUP BY GROUPING SETS ((kind), (severity), (department), (status), (caller_id_status), ())";

    private static final String FIGURES = """
            WITH d AS (
                SELECT t.created_at, t.status, t.due_at, t.closed_at,
                       least(t.closed_at, (SELECT min(s.at) FROM ticket_steps s
                                           WHERE s.ticket_id = t.id AND s.step = 'finished')) AS done_at
                FROM tickets t
                WHERE t.status <> 'cancelled' AND t.created_at >= ? AND t.created_at < ?
            )
            SELECT count(*) FILTER (WHERE due_at IS NOT NULL) AS with_due,
                   count(*) FILTER (WHERE done_at <= due_at) AS on_time,
                   count(*) FILTER (WHERE done_at > due_at OR (done_at IS NULL AND due_at < ?)) AS late,
                   count(*) FILTER (WHERE done_at IS NULL AND due_at >= ?) AS pending,
                   count(*) FILTER (WHERE status = 'closed' AND closed_at IS NOT NULL) AS closed,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at))
                       FILTER (WHERE status = 'closed' AND closed_at IS NOT NULL) AS median_s,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at))
                       FILTER (WHERE status = 'closed' AND closed_at IS NOT NULL) AS p90_s
            FROM d
            """;

    private static final String SATISFACTION = """
            WITH f AS (
                SELECT DISTINCT ON (s.ticket_id) s.ticket_id, (s.detail ->> 'satisfied')::boolean AS satisfied
                FROM ticket_steps s JOIN tickets t ON t.id = s.ticket_id
                WHERE s.step = 'followed-up' AND jsonb_typeof(s.detail -> 'satisfied') = 'boolean'
                  AND t.status <> 'cancelled' AND t.created_at >= ? AND t.created_at < ?
                ORDER BY s.ticket_id, s.at DESC, s.id DESC
            )
            SELECT count(*) AS followed_up, count(*) FILTER (WHERE satisfied) AS satisfied FROM f
            """;

    private static final Timestamp EVER = Timestamp.from(OffsetDateTime.parse("1900-01-01T00:00Z").toInstant());
    private static final Timestamp NEVER = Timestamp.from(OffsetDateTime.parse("9999-01-01T00:00Z").toInstant());

    private final DataSource dataSource;

    public JdbcTicketReportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public TicketStatistics tickets(Instant from, Instant to, Instant now) {
        Timestamp f = from == null ? EVER : Timestamp.from(from);
        Timestamp t = to == null ? NEVER : Timestamp.from(to);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                TicketStatistics s = read(c, from, to, f, t, Timestamp.from(now));
                c.commit();
                return s;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("ticket statistics", e);
        }
    }

    private static TicketStatistics read(Connection c, Instant from, Instant to, Timestamp f, Timestamp t,
            Timestamp now) throws SQLException {
        long total = 0;
        Map<String, Long> kinds = new TreeMap<>();
        Map<String, Long> severities = new TreeMap<>();
        Map<String, Long> departments = new TreeMap<>();
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Long> callerIds = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(SPLITS)) {
            ps.setTimestamp(1, f);
            ps.setTimestamp(2, t);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong("n");
                    if (rs.getInt("gk") == 0) {
                        kinds.put(key(rs.getString("kind")), n);
                    } else if (rs.getInt("gs") == 0) {
                        severities.put(key(rs.getString("severity")), n);
                    } else if (rs.getInt("gd") == 0) {
                        departments.put(key(rs.getString("department")), n);
                    } else if (rs.getInt("gt") == 0) {
                        statuses.put(key(rs.getString("status")), n);
                    } else if (rs.getInt("gc") == 0) {
                        callerIds.put(key(rs.getString("caller_id_status")), n);
                    } else {
                        total = n;
                    }
                }
            }
        }
        long withDue;
        long onTime;
        long late;
        long pending;
        long closed;
        Double median;
        Double p90;
        try (PreparedStatement ps = c.prepareStatement(FIGURES)) {
            ps.setTimestamp(1, f);
            ps.setTimestamp(2, t);
            ps.setTimestamp(3, now);
            ps.setTimestamp(4, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                withDue = rs.getLong("with_due");
                onTime = rs.getLong("on_time");
                late = rs.getLong("late");
                pending = rs.getLong("pending");
                closed = rs.getLong("closed");
                median = hours(rs, "median_s");
                p90 = hours(rs, "p90_s");
            }
        }
        long followedUp;
        long satisfied;
        try (PreparedStatement ps = c.prepareStatement(SATISFACTION)) {
            ps.setTimestamp(1, f);
            ps.setTimestamp(2, t);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                followedUp = rs.getLong("followed_up");
                satisfied = rs.getLong("satisfied");
            }
        }
        return new TicketStatistics(from, to, total, ordered(TicketFields.KINDS, kinds),
                ordered(TicketFields.SEVERITIES, severities), ordered(List.of(), departments),
                ordered(STATUSES, statuses), ordered(CALLER_IDS, callerIds), withDue, onTime, late, pending,
                share(onTime, onTime + late), closed, median, p90, followedUp, satisfied,
                share(satisfied, followedUp));
    }

    private static String key(String v) {
        return v == null ? TicketStatistics.NONE : v;
    }

    /** Known values first (zero when absent), then the others alphabetically, then {@code (none)}. */
    static Map<String, Long> ordered(List<String> known, Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String k : known) {
            out.put(k, counts.getOrDefault(k, 0L));
        }
        counts.forEach((k, n) -> {
            if (!out.containsKey(k) && !TicketStatistics.NONE.equals(k)) {
                out.put(k, n);
            }
        });
        if (counts.containsKey(TicketStatistics.NONE)) {
            out.put(TicketStatistics.NONE, counts.get(TicketStatistics.NONE));
        }
        return out;
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** Seconds (possibly interpolated) to hours, rounded to the thousandth. */
    private static Double hours(ResultSet rs, String column) throws SQLException {
        double s = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(s / 3.6) / 1000.0;
    }
}
