package com.example.hotline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;

/**
 * What ties a call's ticket to the call's own progress when the two are written apart: a
 * transaction-scoped advisory lock per call, so that opening a call's ticket and the updates its
 * answer and its end bring ({@code recordAnswer}, {@code markMissed}) see each other's commits, and
 * the catch-up of a ticket opened late (the database was down when the call arrived) for a call
 * already stored as answered or missed. Stateless.
 */
final class CallLocks {

    /** Advisory lock namespace for one call's ticket (first key of the pair). */
    private static final int CALL_LOCK = 0x63616c6c; // "call"

    private CallLocks() {}

    static void lockCall(Connection c, String linkedId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            ps.setInt(1, CALL_LOCK);
            ps.setString(2, linkedId);
            ps.execute();
        }
    }

    /** Locks every call of a batch in one statement, sorted (the function scan runs in array order). */
    static void lockCalls(Connection c, TreeSet<String> linkedIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(pg_advisory_xact_lock(?, hashtext(l))) FROM unnest(?::text[]) AS u(l)")) {
            ps.setInt(1, CALL_LOCK);
            ps.setArray(2, c.createArrayOf("text", linkedIds.toArray(String[]::new)));
            ps.execute();
        }
    }

    /**
     * Tickets just given to calls ({@code ticketByCall}: linkedId → ticket id) whose call is already
     * stored as answered or missed get now what {@code recordAnswer} or {@code markMissed} found no
     * ticket for then: the recorder, or the callback kind. One query when, as usual, no call is stored yet.
     */
    static void catchUp(Connection c, Map<String, Long> ticketByCall) throws SQLException {
        if (ticketByCall.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT linked_id, answered, answered_by, answered_at, "
                + "ended_at FROM calls WHERE linked_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", ticketByCall.keySet().toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String linkedId = rs.getString("linked_id");
                    catchUp(c, ticketByCall.get(linkedId), linkedId, rs.getBoolean("answered"),
                            rs.getString("answered_by"), Sql.instant(rs, "answered_at"), Sql.instant(rs, "ended_at"));
                }
            }
        }
    }

    private static void catchUp(Connection c, long ticketId, String linkedId, boolean answered, String answeredBy,
                                Instant answeredAt, Instant endedAt) throws SQLException {
        if (answered && answeredBy != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET recorder = ?, updated_at = now() "
                    + "WHERE id = ? AND recorder IS NULL")) {
                ps.setString(1, answeredBy);
                ps.setLong(2, ticketId);
                if (ps.executeUpdate() == 1) {
                    JdbcTicketStore.step(c, ticketId, "recorded", answeredAt == null ? endedAt : answeredAt,
                            answeredBy, JdbcTicketStore.detail("linkedId", linkedId));
                }
            }
        } else if (!answered && endedAt != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET kind = 'callback', updated_at = now() "
                    + "WHERE id = ? AND kind IS NULL")) {
                ps.setLong(1, ticketId);
                if (ps.executeUpdate() == 1) {
                    JdbcTicketStore.step(c, ticketId, "missed", endedAt, null, JdbcTicketStore.detail("linkedId",
                            linkedId));
                }
            }
        }
    }
}
