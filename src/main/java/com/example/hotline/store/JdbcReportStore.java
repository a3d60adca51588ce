package com.example.hotline.store;

import com.example.hotline.report.AnswerTimeFigures;
import com.example.hotline.report.AnswerTimeQuery;
import com.example.hotline.report.AnswerTimeReport;
import com.example.hotline.report.GroupBy;
import com.example.hotline.report.ReportStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * The answer-time report in SQL: one statement per grouping computes counts and PostgreSQL
 * {@code percentile_cont} ring times over hotline calls, joined with the unanswered rings of their
 * legs. Days and hours are cut by {@code date_trunc(..., zone)} (PostgreSQL 12+) so that they follow
 * the desk's zone, daylight-saving changes included. Groups and totals are read in one
 * repeatable-read transaction. Thread-safe; every method blocks.
 */
public final class JdbcReportStore implements ReportStore {

    /** A group key: where the call's key comes from and where an unanswered ring's key comes from. */
    private record Keys(String call, String leg) {}

    private static final String SQL = """
            WITH c AS (
                SELECT id, %s AS k, answered, within_three_rings, ring_millis, ended_at
                FROM calls
                WHERE hotline AND started_at IS NOT NULL AND started_at >= ? AND started_at < ?
            ), g AS (
                SELECT k, count(*) AS calls,
                       count(*) FILTER (WHERE answered) AS answered,
                       count(*) FILTER (WHERE within_three_rings) AS within3,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY ring_millis)
                           FILTER (WHERE answered AND ring_millis IS NOT NULL) AS median_ms,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY ring_millis)
                           FILTER (WHERE answered AND ring_millis IS NOT NULL) AS p90_ms,
                       count(*) FILTER (WHERE ended_at IS NOT NULL AND NOT answered) AS missed
                FROM c GROUP BY k
            ), r AS (
                SELECT %s AS k, count(*) AS rna
                FROM call_legs l JOIN c ON c.id = l.call_id
                WHERE l.role = 'DIALED' AND l.ringing_at IS NOT NULL AND l.answered_at IS NULL
                GROUP BY 1
            )
            SELECT coalesce(g.k, r.k) AS k, coalesce(g.calls, 0) AS calls, coalesce(g.answered, 0) AS answered,
                   coalesce(g.within3, 0) AS within3, g.median_ms, g.p90_ms, coalesce(g.missed, 0) AS missed,
                   coalesce(r.rna, 0) AS rna
            FROM g FULL JOIN r ON g.k = r.k
            ORDER BY 1
            """;

    /** Open range ends stand for "since ever" / "until forever" so one statement serves every query. */
    private static final Timestamp EVER = Timestamp.from(OffsetDateTime.parse("1900-01-01T00:00Z").toInstant());
    private static final Timestamp NEVER = Timestamp.from(OffsetDateTime.parse("9999-01-01T00:00Z").toInstant());

    private final DataSource dataSource;

    public JdbcReportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public AnswerTimeReport answerTimes(AnswerTimeQuery q) {
        String zone = postgresZone(q.zone());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                List<AnswerTimeFigures> groups = run(c, q, keys(q.groupBy()), zone);
                List<AnswerTimeFigures> total = run(c, q, new Keys("''::text", "c.k"), null);
                c.commit();
                AnswerTimeFigures totals = total.isEmpty() ? new AnswerTimeFigures(null, 0, 0, 0, null, null, null,
                        0, 0) : withKey(total.get(0), null);
                return new AnswerTimeReport(q, groups, totals);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("answer-time report", e);
        }
    }

    private static Keys keys(GroupBy g) {
        return switch (g) {
            case DAY -> new Keys("date_trunc('day', started_at, ?)", "c.k");
            case HOUR -> new Keys("date_trunc('hour', started_at, ?)", "c.k");
            // '' rather than null so that the full join can match calls nobody answered with rings of
            // legs without an endpoint; mapped back to null below
            case AGENT -> new Keys("coalesce(answered_by, '')", "coalesce(l.endpoint, '')");
        };
    }

    private static List<AnswerTimeFigures> run(Connection c, AnswerTimeQuery q, Keys keys, String zone)
            throws SQLException {
        boolean zoned = keys.call().contains("?");
        List<AnswerTimeFigures> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(String.format(SQL, keys.call(), keys.leg()))) {
            int i = 1;
            if (zoned) {
                ps.setString(i++, zone);
            }
            ps.setTimestamp(i++, q.from() == null ? EVER : Timestamp.from(q.from()));
            ps.setTimestamp(i, q.to() == null ? NEVER : Timestamp.from(q.to()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = zoned ? timeKey(rs.getTimestamp("k"), q) : emptyToNull(rs.getString("k"));
                    out.add(figures(rs, key));
                }
            }
        }
        if (q.groupBy() == GroupBy.AGENT) {
            out.sort(Comparator.comparing(AnswerTimeFigures::key, Comparator.nullsLast(Comparator.naturalOrder())));
        }
        return out;
    }

    private static AnswerTimeFigures figures(ResultSet rs, String key) throws SQLException {
        long calls = rs.getLong("calls");
        long within3 = rs.getLong("within3");
        return new AnswerTimeFigures(key, calls, rs.getLong("answered"), within3,
                calls == 0 ? null : (double) within3 / calls, seconds(rs, "median_ms"), seconds(rs, "p90_ms"),
                rs.getLong("missed"), rs.getLong("rna"));
    }

    /** Milliseconds (possibly interpolated) to seconds, rounded to the millisecond. */
    private static Double seconds(ResultSet rs, String column) throws SQLException {
        double ms = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(ms) / 1000.0;
    }

    private static String timeKey(Timestamp start, AnswerTimeQuery q) {
        OffsetDateTime t = OffsetDateTime.ofInstant(start.toInstant(), q.zone());
        if (q.groupBy() == GroupBy.DAY) {
            return LocalDate.from(t).toString();
        }
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static AnswerTimeFigures withKey(AnswerTimeFigures f, String key) {
        return new AnswerTimeFigures(key, f.calls(), f.answered(), f.withinThreeRings(), f.withinThreeRingsShare(),
                f.medianRingSeconds(), f.p90RingSeconds(), f.missed(), f.ringNoAnswer());
    }

    /**
     * The zone as PostgreSQL reads it. Region ids (Asia/Shanghai) are the same IANA names; a fixed
     * offset must be written POSIX-style, whose sign is the opposite of ISO's (+08:00 is UTC-08:00).
     */
    static String postgresZone(ZoneId zone) {
        ZoneId z = zone.normalized();
        if (z instanceof ZoneOffset o) {
            if (o.getTotalSeconds() == 0) {
                return "UTC";
            }
            return "UTC" + ZoneOffset.ofTotalSeconds(-o.getTotalSeconds()).getId();
        }
        return z.getId();
    }
}
