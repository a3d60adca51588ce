package com.example.hotline.store;

import com.example.hotline.recording.Grade;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingFilter;
import com.example.hotline.recording.RecordingIndex;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The recording index in PostgreSQL (table {@code recordings}, V10). Registration is an upsert on the
 * raw file, so a call registered twice, or by the call and by the sweep, is one row; every state
 * change names the state it leaves, so a stale writer changes nothing. Thread-safe; every method
 * blocks.
 */
public final class JdbcRecordingIndex implements RecordingIndex {

    /**
     * A recording with its call and ticket. Scalar subqueries (at most one row each: linked_id is
     * unique in calls and ticket_calls), not joins or EXISTS, so PostgreSQL works them out only for
     * the rows returned, after any sort and limit, instead of for every row a search matches.
     */
    static final String SELECT = "SELECT r.*, (SELECT c.id FROM calls c WHERE c.linked_id = r.linked_id) AS call_id, "
            + "(SELECT t.ticket_no FROM ticket_calls k "
            + "JOIN tickets t ON t.id = k.ticket_id WHERE k.linked_id = r.linked_id) AS ticket_no, "
            + "COALESCE((SELECT t.status NOT IN ('closed', 'cancelled') FROM ticket_calls k JOIN tickets t ON "
            + "t.id = k.ticket_id WHERE k.linked_id = r.linked_id), FALSE) AS open_ticket "
            + "FROM recordings r ";

    private final DataSource dataSource;

    public JdbcRecordingIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void register(NewRecording r) {
        Long duration = r.endedAt() == null ? null
                : Math.max(0, r.endedAt().toEpochMilli() - r.startedAt().toEpochMilli());
        update("register recording " + r.rawFile(), "INSERT INTO recordings (raw_file, linked_id, unique_id, "
                + "caller, extension, started_at, ended_at, duration_millis, day, state, source) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (raw_file) DO UPDATE SET "
                + "linked_id = COALESCE(EXCLUDED.linked_id, recordings.linked_id), "
                + "unique_id = COALESCE(EXCLUDED.unique_id, recordings.unique_id), "
                + "caller = COALESCE(EXCLUDED.caller, recordings.caller), "
                + "extension = COALESCE(EXCLUDED.extension, recordings.extension), "
                + "ended_at = COALESCE(EXCLUDED.ended_at, recordings.ended_at), "
                + "duration_millis = COALESCE(EXCLUDED.duration_millis, recordings.duration_millis), "
                + "state = CASE WHEN EXCLUDED.ended_at IS NOT NULL THEN 'recorded' ELSE recordings.state END, "
                + "updated_at = now() WHERE recordings.state IN ('recording', 'recorded')",
                r.rawFile(), r.linkedId(), r.uniqueId(), r.caller(), r.extension(), Sql.ts(r.startedAt()),
                Sql.ts(r.endedAt()), duration, Date.valueOf(r.day()),
                r.endedAt() == null ? "recording" : "recorded", r.source());
    }

    @Override
    public Set<String> unknown(Collection<String> rawFiles) {
        Set<String> out = new HashSet<>(rawFiles);
        if (out.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT raw_file FROM recordings WHERE raw_file = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", rawFiles.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.remove(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("look up raw files", e);
        }
    }

    @Override
    public Optional<NewRecording> callOf(String uniqueId) {
        String cols = "c.linked_id, c.unique_id, c.caller, c.answered_by, c.started_at, c.ended_at";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM calls c WHERE c.unique_id = ? "
                     + "UNION ALL SELECT " + cols + " FROM call_legs l JOIN calls c ON c.id = l.call_id "
                     + "WHERE l.unique_id = ? LIMIT 1")) {
            ps.setString(1, uniqueId);
            ps.setString(2, uniqueId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new NewRecording(null, rs.getString("linked_id"), uniqueId,
                        rs.getString("caller"), rs.getString("answered_by"), Sql.instant(rs, "started_at"),
                        Sql.instant(rs, "ended_at"), null, "sweep"));
            }
        } catch (SQLException e) {
            throw Sql.failure("look up call of uniqueid " + uniqueId, e);
        }
    }

    @Override
    public Optional<Recording> find(long id) {
        return query("find recording " + id, SELECT + "WHERE r.id = ?", List.of(id)).stream().findFirst();
    }

    @Override
    public List<Recording> pending(LocalDate upTo) {
        return query("pending recordings", SELECT + "WHERE r.day <= ? AND (r.state IN ('recording', 'recorded', "
                + "'archiving') OR (r.state = 'archived' AND r.raw_present)) ORDER BY r.started_at, r.id",
                List.of(Date.valueOf(upTo)));
    }

    @Override
    public void markArchiving(long id, String name, String archivePath, String format) {
        update("recording " + id + ": archiving", "UPDATE recordings SET state = 'archiving', name = ?, "
                + "archive_path = ?, format = ?, updated_at = now() WHERE id = ? AND state IN ('recording', "
                + "'recorded', 'archiving')", name, archivePath, format, id);
    }

    @Override
    public void markArchived(long id, ArchivedCopy copy, Instant at) {
        update("recording " + id + ": archived", "UPDATE recordings SET state = 'archived', size_bytes = ?, "
                + "sha256 = ?, duration_millis = ?, mean_db = ?, max_db = ?, speech_share = ?, grade = ?, "
                + "one_sided = ?, archived_at = ?, last_error = NULL, updated_at = now() "
                + "WHERE id = ? AND state = 'archiving'", copy.sizeBytes(), copy.sha256(), copy.durationMillis(),
                copy.stats().meanDb(), copy.stats().maxDb(), copy.stats().speechShare(), copy.grade().db(),
                copy.oneSided(), Sql.ts(at), id);
    }

    @Override
    public void markRawDeleted(long id) {
        update("recording " + id + ": raw deleted", "UPDATE recordings SET raw_present = FALSE, updated_at = now() "
                + "WHERE id = ?", id);
    }

    @Override
    public void markFailed(long id, String error) {
        update("recording " + id + ": failed", "UPDATE recordings SET attempts = attempts + 1, last_error = ?, "
                + "updated_at = now() WHERE id = ?", truncate(error), id);
    }

    @Override
    public void markLost(long id, String why) {
        update("recording " + id + ": lost", "UPDATE recordings SET state = 'lost', raw_present = FALSE, "
                + "last_error = ?, updated_at = now() WHERE id = ? AND state IN ('recording', 'recorded', "
                + "'archiving')", truncate(why), id);
    }

    @Override
    public List<Recording> search(RecordingFilter f) {
        // the page's ids first, from the indexes (V35), then those rows in full
        StringBuilder sql = new StringBuilder("SELECT r.id FROM recordings r WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            sql.append(" AND r.started_at >= ?");
            args.add(Sql.ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND r.started_at < ?");
            args.add(Sql.ts(f.to()));
        }
        if (f.caller() != null) {
            // the IN adds nothing to the LIKE (every caller number is in recording_callers, V35's
            // trigger) but lets PostgreSQL match the numbers first and take only their recordings;
            // the LIKE keeps reading the newest recordings cheap when most numbers match
            String pattern = "%" + like(f.caller()) + "%";
            sql.append(" AND r.caller LIKE ? ESCAPE '\\' AND r.caller IN (SELECT n.caller FROM recording_callers n "
                    + "WHERE n.caller LIKE ? ESCAPE '\\')");
            args.add(pattern);
            args.add(pattern);
        }
        if (f.extension() != null) {
            sql.append(" AND r.extension = ?");
            args.add(f.extension());
        }
        if (f.ticketNo() != null) {
            sql.append(" AND r.linked_id IN (SELECT k.linked_id FROM ticket_calls k JOIN tickets t ON "
                    + "t.id = k.ticket_id WHERE t.ticket_no = ?)");
            args.add(f.ticketNo());
        }
        if (f.grade() != null) {
            sql.append(" AND r.grade = ?");
            args.add(f.grade().db());
        }
        ScopeSql.recordings(f.scope(), sql, args);
        sql.append(" ORDER BY r.started_at DESC, r.id DESC LIMIT ? OFFSET ?");
        args.add(f.limit());
        args.add(f.offset());
        return query("search recordings", SELECT + "WHERE r.id IN (" + sql
                + ") ORDER BY r.started_at DESC, r.id DESC", args);
    }

    @Override
    public List<RetentionCandidate> retentionCandidates(LocalDate before) {
        List<RetentionCandidate> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT + "WHERE r.state = 'archived' AND r.day < ? "
                     + "ORDER BY r.day, r.id")) {
            ps.setDate(1, Date.valueOf(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RetentionCandidate(read(rs), rs.getBoolean("open_ticket")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("retention candidates", e);
        }
    }

    @Override
    public void markPurged(RetentionCandidate cand, Instant at, long runId, LocalDate asOf, String reason) {
        Recording r = cand.recording();
        Sql.inTransaction(dataSource, "recording " + r.id() + ": purge", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE recordings SET state = 'purged', purged_at = ?, "
                    + "updated_at = now() WHERE id = ? AND state = 'archived'")) {
                ps.setTimestamp(1, Sql.ts(at));
                ps.setLong(2, r.id());
                if (ps.executeUpdate() != 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO retention_audit (recording_id, run_id, "
                    + "deleted_at, as_of, day, archive_path, sha256, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, r.id());
                ps.setLong(2, runId);
                ps.setTimestamp(3, Sql.ts(at));
                ps.setDate(4, Date.valueOf(asOf));
                ps.setDate(5, Date.valueOf(r.day()));
                ps.setString(6, r.archivePath());
                ps.setString(7, r.sha256());
                ps.setString(8, reason);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean setLegalHold(long id, boolean hold, String note) {
        return update("recording " + id + ": legal hold", "UPDATE recordings SET legal_hold = ?, legal_hold_note = ?, "
                + "updated_at = now() WHERE id = ?", hold, note, id) == 1;
    }

    @Override
    public List<MissingRecording> callsWithoutRecording(Instant from, Instant to, int limit) {
        List<MissingRecording> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT linked_id, unique_id, caller, started_at FROM calls "
                     + "WHERE hotline AND ended_at IS NOT NULL AND started_at >= ? AND ended_at < ? AND NOT EXISTS "
                     + "(SELECT 1 FROM recordings r WHERE r.linked_id = calls.linked_id) ORDER BY started_at LIMIT ?")) {
            ps.setTimestamp(1, Sql.ts(from));
            ps.setTimestamp(2, Sql.ts(to));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MissingRecording(rs.getString(1), rs.getString(2), rs.getString(3),
                            Sql.instant(rs, "started_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("calls without recording", e);
        }
    }

    private List<Recording> query(String what, String sql, List<Object> args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            // planned for its values every time: from the fifth run on a connection the driver would
            // make it a server-side statement, and PostgreSQL's generic plan for "caller LIKE $1" (it
            // cannot see the pattern) reads the newest recordings one by one instead of the caller
            // index, ~100 times slower on a million recordings (deploy/bench-search.sh)
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            bind(ps, args.toArray());
            List<Recording> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure(what, e);
        }
    }

    private int update(String what, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure(what, e);
        }
    }

    static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    static Recording read(ResultSet rs) throws SQLException {
        long callId = rs.getLong("call_id");
        Long call = rs.wasNull() ? null : callId;
        return new Recording(rs.getLong("id"), rs.getString("raw_file"), rs.getString("linked_id"),
                rs.getString("unique_id"), call, rs.getString("caller"), rs.getString("extension"),
                rs.getString("ticket_no"), Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at"),
                nullableLong(rs, "duration_millis"), rs.getDate("day").toLocalDate(),
                Recording.State.of(rs.getString("state")), rs.getString("name"), rs.getString("archive_path"),
                rs.getString("format"), nullableLong(rs, "size_bytes"), rs.getString("sha256"),
                Sql.instant(rs, "archived_at"), Grade.of(rs.getString("grade")),
                (Boolean) rs.getObject("one_sided"), nullableDouble(rs, "mean_db"), nullableDouble(rs, "max_db"),
                nullableDouble(rs, "speech_share"), rs.getBoolean("legal_hold"), Sql.instant(rs, "purged_at"),
                rs.getInt("attempts"), rs.getString("last_error"));
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Double nullableDouble(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
