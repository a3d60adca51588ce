package com.example.hotline.store;

import com.example.hotline.alert.Alert;
import com.example.hotline.alert.AlertStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Alerts in PostgreSQL. Thread-safe; every method blocks. */
public final class JdbcAlertStore implements AlertStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public JdbcAlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(Alert a) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (kind, raised_at, linked_id, unique_id, "
                     + "caller, message, details) VALUES (?,?,?,?,?,?,?::jsonb)")) {
            ps.setString(1, a.kind());
            ps.setTimestamp(2, Sql.ts(a.raisedAt()));
            ps.setString(3, a.linkedId());
            ps.setString(4, a.uniqueId());
            ps.setString(5, a.caller());
            ps.setString(6, a.message());
            ps.setString(7, JSON.writeValueAsString(a.details()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("save alert " + a.kind() + " of call " + a.linkedId(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert details not serialisable", e);
        }
    }

    @Override
    public List<Alert> find(Instant from, Instant to, String kind, int limit) {
        StringBuilder sql = new StringBuilder("SELECT kind, raised_at, linked_id, unique_id, caller, message, "
                + "details::text AS details FROM alerts WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND raised_at >= ?");
            args.add(Sql.ts(from));
        }
        if (to != null) {
            sql.append(" AND raised_at < ?");
            args.add(Sql.ts(to));
        }
        if (kind != null) {
            sql.append(" AND kind = ?");
            args.add(kind);
        }
        sql.append(" ORDER BY raised_at DESC, id DESC LIMIT ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> details = JSON.readValue(rs.getString("details"),
                            new TypeReference<Map<String, Object>>() {});
                    out.add(new Alert(rs.getString("kind"), Sql.instant(rs, "raised_at"),
                            rs.getString("linked_id"), rs.getString("unique_id"), rs.getString("caller"),
                            rs.getString("message"), details));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("find alerts", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert details unreadable", e);
        }
    }
}
