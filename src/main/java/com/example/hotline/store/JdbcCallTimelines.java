package com.example.hotline.store;

import com.example.hotline.call.CallTimeline;
import com.example.hotline.call.CallTimelines;
import com.example.hotline.call.StoredCall;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A call's timeline from PostgreSQL: the call from {@link JdbcCallStore}, its event log
 * ({@code call_event_log}, one JSON array per save, in the order saved) and its ticket's department
 * and building. Thread-safe; every method blocks.
 */
public final class JdbcCallTimelines implements CallTimelines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> EVENTS = new TypeReference<>() {};

    private final DataSource dataSource;
    private final JdbcCallStore calls;

    public JdbcCallTimelines(DataSource dataSource, JdbcCallStore calls) {
        this.dataSource = dataSource;
        this.calls = calls;
    }

    @Override
    public Optional<CallTimeline> find(long callId) {
        Optional<StoredCall> call = calls.byId(callId);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            List<Map<String, Object>> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT events::text FROM call_event_log WHERE call_id = ? ORDER BY first_at, id")) {
                ps.setLong(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.addAll(JSON.readValue(rs.getString(1), EVENTS));
                    }
                }
            }
            String department = null;
            String building = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT t.department, t.building FROM ticket_calls k "
                    + "JOIN tickets t ON t.id = k.ticket_id WHERE k.linked_id = ?")) {
                ps.setString(1, call.get().call().linkedId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        department = rs.getString(1);
                        building = rs.getString(2);
                    }
                }
            }
            return Optional.of(new CallTimeline(call.get(), events, department, building));
        } catch (SQLException e) {
            throw Sql.failure("timeline of call " + callId, e);
        } catch (IOException e) {
            throw new IllegalStateException("timeline of call " + callId + ": unreadable event log", e);
        }
    }
}
