package com.example.hotline.bench;

import com.example.hotline.recording.RecordingFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The recording search as {@code JdbcRecordingIndex.search} built it before V35 (commit 296ef64),
 * verbatim: one statement joining calls, the ticket subqueries and an {@code EXISTS} in the select
 * list, {@code caller LIKE '%…%'} on the recordings, driver defaults (server-side prepared from the
 * fifth run on a connection). The benchmark's "before": timed the same way (every column read), and
 * its ids compared with today's search on the same parameters. Stateless.
 */
final class SearchBeforeV35 {

    private static final String SELECT = "SELECT r.*, c.id AS call_id, (SELECT t.ticket_no FROM ticket_calls k "
            + "JOIN tickets t ON t.id = k.ticket_id WHERE k.linked_id = r.linked_id) AS ticket_no, "
            + "EXISTS (SELECT 1 FROM ticket_calls k JOIN tickets t ON t.id = k.ticket_id WHERE k.linked_id = "
            + "r.linked_id AND t.status NOT IN ('closed', 'cancelled')) AS open_ticket "
            + "FROM recordings r LEFT JOIN calls c ON c.linked_id = r.linked_id ";

    private final DataSource dataSource;

    SearchBeforeV35(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The ids of the page, in order. */
    List<Long> search(RecordingFilter f) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT + "WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            sql.append(" AND r.started_at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND r.started_at < ?");
            args.add(Timestamp.from(f.to()));
        }
        if (f.caller() != null) {
            sql.append(" AND r.caller LIKE ? ESCAPE '\\'");
            args.add("%" + f.caller().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
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
        sql.append(" ORDER BY r.started_at DESC, r.id DESC LIMIT ? OFFSET ?");
        args.add(f.limit());
        args.add(f.offset());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, args.get(i));
                }
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int k = 1; k <= columns; k++) {
                        rs.getObject(k);
                    }
                    ids.add(rs.getLong("id"));
                }
            }
            return ids;
        }
    }
}
