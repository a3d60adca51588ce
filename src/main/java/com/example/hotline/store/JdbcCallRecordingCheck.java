package com.example.hotline.store;

import com.example.hotline.audit.RecordingCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The recordings side of the audit until the recording index exists: the MixMonitor file the PBX
 * announced for each call ({@code calls.recording_file}). It says a call was being recorded, not that
 * the file exists or is audible, hence {@link #indexed} false. Thread-safe; every method blocks.
 */
public final class JdbcCallRecordingCheck implements RecordingCheck {

    private final DataSource dataSource;

    public JdbcCallRecordingCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String source() {
        return "call records (the recording file the PBX announced per call; recording index not installed)";
    }

    @Override
    public boolean indexed() {
        return false;
    }

    @Override
    public List<TicketRecordings> phoneTickets(Instant from, Instant to) {
        String sql = "SELECT t.ticket_no, t.created_at, c.id AS call_id, c.recording_file FROM tickets t "
                + "LEFT JOIN ticket_calls k ON k.ticket_id = t.id LEFT JOIN calls c ON c.linked_id = k.linked_id "
                + "WHERE t.source = 'phone' AND t.created_at >= ? AND t.created_at < ? ORDER BY t.created_at, t.id, c.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Sql.ts(from));
            ps.setTimestamp(2, Sql.ts(to));
            Map<String, Instant> created = new LinkedHashMap<>();
            Map<String, List<Long>> calls = new LinkedHashMap<>();
            Map<String, List<String>> files = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String no = rs.getString("ticket_no");
                    created.putIfAbsent(no, Sql.instant(rs, "created_at"));
                    List<Long> ids = calls.computeIfAbsent(no, k -> new ArrayList<>());
                    List<String> fs = files.computeIfAbsent(no, k -> new ArrayList<>());
                    long id = rs.getLong("call_id");
                    if (!rs.wasNull()) {
                        ids.add(id);
                    }
                    String f = rs.getString("recording_file");
                    if (f != null) {
                        fs.add(f);
                    }
                }
            }
            List<TicketRecordings> out = new ArrayList<>();
            created.forEach((no, at) -> out.add(new TicketRecordings(no, at, calls.get(no), files.get(no))));
            return out;
        } catch (SQLException e) {
            throw Sql.failure("phone tickets and their recordings", e);
        }
    }

    @Override
    public Coverage coverage(Instant from, Instant to) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), count(recording_file) FROM calls "
                     + "WHERE hotline AND started_at >= ? AND started_at < ?")) {
            ps.setTimestamp(1, Sql.ts(from));
            ps.setTimestamp(2, Sql.ts(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Coverage(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw Sql.failure("recording coverage", e);
        }
    }

    @Override
    public List<UnticketedRecording> withoutTicket(Instant from, Instant to) {
        String sql = "SELECT c.id, c.caller, c.started_at, c.recording_file, c.hotline FROM calls c "
                + "WHERE c.recording_file IS NOT NULL AND c.started_at >= ? AND c.started_at < ? "
                + "AND NOT EXISTS (SELECT 1 FROM ticket_calls k WHERE k.linked_id = c.linked_id) "
                + "ORDER BY c.started_at, c.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Sql.ts(from));
            ps.setTimestamp(2, Sql.ts(to));
            List<UnticketedRecording> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UnticketedRecording(rs.getLong("id"), rs.getString("caller"),
                            Sql.instant(rs, "started_at"), rs.getString("recording_file"),
                            rs.getBoolean("hotline") ? null : "not a hotline call (internal or outgoing)"));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("recordings without a ticket", e);
        }
    }
}
