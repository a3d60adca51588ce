package com.example.hotline.store;

import com.example.hotline.recording.ContinuityDay;
import com.example.hotline.recording.JobRun;
import com.example.hotline.recording.JobStore;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job runs, finished days, the continuity figures and the jobs' advisory lock in PostgreSQL. The lock
 * is session-level: the connection that took it stays out of the pool until it is released, and a
 * server that dies loses its connection and so its lock. Thread-safe; every method blocks.
 */
public final class JdbcJobStore implements JobStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcJobStore.class);
    /** The advisory lock's key: "hotline recordings jobs", one for archive and retention alike. */
    static final long LOCK_KEY = 0x686f746c696e6501L;

    private final DataSource dataSource;

    public JdbcJobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Lock> tryLock() {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            boolean got;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    got = rs.getBoolean(1);
                }
            }
            if (!got) {
                c.close();
                return Optional.empty();
            }
            Connection held = c;
            return Optional.of(() -> {
                try (held; PreparedStatement ps = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, LOCK_KEY);
                    ps.execute();
                } catch (SQLException e) {
                    // closing the connection below ends the session, which releases the lock anyway
                    log.warn("jobs lock: unlock failed ({}); the connection is closed instead", e.getMessage());
                }
            });
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw Sql.failure("take the jobs lock", e);
        }
    }

    @Override
    public int abandonRunning(Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE job_runs SET status = 'failed', finished_at = ?, "
                     + "message = 'interrupted: the server stopped during the run; the next run completed its work' "
                     + "WHERE status = 'running'")) {
            ps.setTimestamp(1, Sql.ts(at));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("abandon runs", e);
        }
    }

    @Override
    public long startRun(String kind, LocalDate day, boolean dryRun, String trigger, String instance, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO job_runs (kind, day, dry_run, trigger, instance, "
                     + "started_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, kind);
            ps.setDate(2, Date.valueOf(day));
            ps.setBoolean(3, dryRun);
            ps.setString(4, trigger);
            ps.setString(5, instance);
            ps.setTimestamp(6, Sql.ts(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw Sql.failure("start " + kind + " run", e);
        }
    }

    @Override
    public void finishRun(long runId, JobRun.Status status, int total, int done, int failed, int skipped,
                          String message, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE job_runs SET status = ?, total = ?, done = ?, "
                     + "failed = ?, skipped = ?, message = ?, finished_at = ? WHERE id = ?")) {
            ps.setString(1, status.name().toLowerCase(java.util.Locale.ROOT));
            ps.setInt(2, total);
            ps.setInt(3, done);
            ps.setInt(4, failed);
            ps.setInt(5, skipped);
            ps.setString(6, message);
            ps.setTimestamp(7, Sql.ts(at));
            ps.setLong(8, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("finish run " + runId, e);
        }
    }

    @Override
    public List<JobRun> runs(String kind, int limit) {
        List<JobRun> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM job_runs WHERE (? IS NULL OR kind = ?) "
                     + "ORDER BY started_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, kind);
            ps.setString(2, kind);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JobRun(rs.getLong("id"), rs.getString("kind"), rs.getDate("day").toLocalDate(),
                            rs.getBoolean("dry_run"), rs.getString("trigger"), rs.getString("instance"),
                            Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"),
                            JobRun.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                            rs.getInt("total"), rs.getInt("done"), rs.getInt("failed"), rs.getInt("skipped"),
                            rs.getString("message")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("list runs", e);
        }
    }

    @Override
    public void completeDay(LocalDate day, long runId, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO archive_days (day, completed_at, run_id, recordings) "
                     + "VALUES (?, ?, ?, (SELECT count(*) FROM recordings WHERE day = ?)) ON CONFLICT (day) DO UPDATE SET completed_at = EXCLUDED.completed_at, "
                     + "run_id = EXCLUDED.run_id, recordings = EXCLUDED.recordings")) {
            ps.setDate(1, Date.valueOf(day));
            ps.setTimestamp(2, Sql.ts(at));
            ps.setLong(3, runId);
            ps.setDate(4, Date.valueOf(day));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("complete day " + day, e);
        }
    }

    @Override
    public List<LocalDate> openDays(LocalDate upTo, ZoneId zone) {
        List<LocalDate> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT d.day FROM (SELECT DISTINCT day FROM recordings "
                     + "UNION SELECT DISTINCT (started_at AT TIME ZONE ?)::date FROM calls WHERE hotline AND "
                     + "started_at > now() - interval '400 days') d WHERE d.day <= ? AND NOT EXISTS "
                     + "(SELECT 1 FROM archive_days a WHERE a.day = d.day) ORDER BY d.day")) {
            ps.setString(1, pgZone(zone));
            ps.setDate(2, Date.valueOf(upTo));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getDate(1).toLocalDate());
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("open days", e);
        }
    }

    @Override
    public List<ContinuityDay> continuity(LocalDate from, LocalDate to, ZoneId zone) {
        String sql = "WITH days AS (SELECT g::date AS day FROM generate_series(?::date, ?::date, interval '1 day') g), "
                + "c AS (SELECT (started_at AT TIME ZONE ?)::date AS day, count(*) AS calls, count(*) FILTER (WHERE "
                + "NOT EXISTS (SELECT 1 FROM recordings r WHERE r.linked_id = calls.linked_id)) AS without "
                + "FROM calls WHERE hotline AND started_at >= ? AND started_at < ? GROUP BY 1), "
                + "r AS (SELECT day, count(*) AS recs, count(*) FILTER (WHERE state = 'archived') AS archived, "
                + "count(*) FILTER (WHERE state = 'purged') AS purged FROM recordings WHERE day BETWEEN ? AND ? "
                + "GROUP BY day) "
                + "SELECT days.day, COALESCE(c.calls, 0), COALESCE(r.recs, 0), COALESCE(c.without, 0), "
                + "COALESCE(r.archived, 0), COALESCE(r.purged, 0), a.day IS NOT NULL FROM days "
                + "LEFT JOIN c ON c.day = days.day LEFT JOIN r ON r.day = days.day "
                + "LEFT JOIN archive_days a ON a.day = days.day ORDER BY days.day";
        List<ContinuityDay> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDate(1, Date.valueOf(from));
            ps.setDate(2, Date.valueOf(to));
            ps.setString(3, pgZone(zone));
            ps.setTimestamp(4, Sql.ts(from.atStartOfDay(zone).toInstant()));
            ps.setTimestamp(5, Sql.ts(to.plusDays(1).atStartOfDay(zone).toInstant()));
            ps.setDate(6, Date.valueOf(from));
            ps.setDate(7, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ContinuityDay(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6), rs.getBoolean(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("continuity " + from + ".." + to, e);
        }
    }

    /**
     * A zone PostgreSQL reads the same way: region ids as they are; a fixed offset of whole hours as
     * {@code Etc/GMT-8} (PostgreSQL would read a bare "+08:00" the POSIX way, east negative).
     */
    static String pgZone(ZoneId zone) {
        ZoneId z = zone.normalized();
        if (z instanceof ZoneOffset o) {
            int s = o.getTotalSeconds();
            if (s == 0) {
                return "UTC";
            }
            if (s % 3600 != 0) {
                throw new IllegalArgumentException("time zone " + zone + ": use a region id such as Asia/Shanghai");
            }
            return "Etc/GMT" + (s > 0 ? "-" : "+") + Math.abs(s / 3600);
        }
        return zone.getId();
    }
}
