package com.example.hotline.store;

import com.example.hotline.recording.AccessLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The access log of recordings in PostgreSQL (table {@code recording_access}, V32): inserted, never
 * updated or deleted; searched newest first with the recording's name, caller and extension. Every
 * value is a parameter. Thread-safe; every method blocks.
 */
public final class JdbcAccessLog implements AccessLog {

    private final DataSource dataSource;

    public JdbcAccessLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void write(Access a) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO recording_access (recording_id, user_id, username, "
                     + "role, action, at, client, session_tag, status, byte_range) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, a.recordingId());
            ps.setLong(2, a.userId());
            ps.setString(3, a.username());
            ps.setString(4, a.role());
            ps.setString(5, a.action().db());
            ps.setTimestamp(6, Sql.ts(a.at()));
            ps.setString(7, a.client());
            ps.setString(8, a.sessionTag());
            ps.setInt(9, a.status());
            ps.setString(10, a.byteRange() == null || a.byteRange().length() <= 200 ? a.byteRange()
                    : a.byteRange().substring(0, 200));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("recording " + a.recordingId() + ": log " + a.action().db() + " by " + a.username(), e);
        }
    }

    @Override
    public List<Entry> search(Query q) {
        StringBuilder sql = new StringBuilder("SELECT a.*, r.name AS rec_name, r.caller AS rec_caller, "
                + "r.extension AS rec_extension, r.started_at AS rec_started_at FROM recording_access a "
                + "JOIN recordings r ON r.id = a.recording_id WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND a.at >= ?");
            args.add(Sql.ts(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND a.at < ?");
            args.add(Sql.ts(q.to()));
        }
        if (q.username() != null) {
            sql.append(" AND a.username = ?");
            args.add(q.username());
        }
        if (q.recordingId() != null) {
            sql.append(" AND a.recording_id = ?");
            args.add(q.recordingId());
        }
        if (q.action() != null) {
            sql.append(" AND a.action = ?");
            args.add(q.action().db());
        }
        ScopeSql.recordings(q.scope(), sql, args);
        sql.append(" ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long userId = rs.getLong("user_id");
                    Access a = new Access(rs.getLong("recording_id"), userId, rs.getString("username"),
                            rs.getString("role"), Action.of(rs.getString("action")), Sql.instant(rs, "at"),
                            rs.getString("client"), rs.getString("session_tag"), rs.getInt("status"),
                            rs.getString("byte_range"));
                    out.add(new Entry(rs.getLong("id"), a, rs.getString("rec_name"), rs.getString("rec_caller"),
                            rs.getString("rec_extension"), Sql.instant(rs, "rec_started_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("search the recording access log", e);
        }
    }
}
