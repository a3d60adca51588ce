package com.example.hotline.store;

import com.example.hotline.routing.CallRouting;
import com.example.hotline.routing.Candidate;
import com.example.hotline.routing.Extension;
import com.example.hotline.routing.HoursMode;
import com.example.hotline.routing.OfficeHours;
import com.example.hotline.routing.RoutingStore;
import com.example.hotline.routing.Violation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Routing settings (one row), the extension registry, routing decisions and transfer violations in
 * PostgreSQL (migration V20). Opening windows are stored as {@code HH:MM-HH:MM} texts. Every statement
 * is parameterised. Thread-safe; every method blocks.
 */
public final class JdbcRoutingStore implements RoutingStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public JdbcRoutingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Settings> loadSettings() {
        return Sql.inTransaction(dataSource, "load routing settings", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT zone, weekly, holidays, make_up_days, make_up_hours, "
                    + "mode, after_hours_targets, after_hours_ring_seconds FROM routing_settings WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String[] weekly = (String[]) rs.getArray("weekly").getArray();
                Map<DayOfWeek, List<OfficeHours.Window>> days = new EnumMap<>(DayOfWeek.class);
                for (DayOfWeek d : DayOfWeek.values()) {
                    days.put(d, windows(weekly[d.getValue() - 1]));
                }
                OfficeHours hours = new OfficeHours(ZoneId.of(rs.getString("zone")), days, dates(rs.getArray("holidays")),
                        dates(rs.getArray("make_up_days")), windows(rs.getString("make_up_hours")));
                return Optional.of(new Settings(hours, HoursMode.parse(rs.getString("mode")),
                        Arrays.asList((String[]) rs.getArray("after_hours_targets").getArray()),
                        rs.getInt("after_hours_ring_seconds")));
            }
        });
    }

    @Override
    public void saveSettings(Settings s) {
        Sql.inTransaction(dataSource, "save routing settings", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO routing_settings (id, zone, weekly, holidays, "
                    + "make_up_days, make_up_hours, mode, after_hours_targets, after_hours_ring_seconds) "
                    + "VALUES (1,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET zone = EXCLUDED.zone, "
                    + "weekly = EXCLUDED.weekly, holidays = EXCLUDED.holidays, make_up_days = EXCLUDED.make_up_days, "
                    + "make_up_hours = EXCLUDED.make_up_hours, mode = EXCLUDED.mode, "
                    + "after_hours_targets = EXCLUDED.after_hours_targets, "
                    + "after_hours_ring_seconds = EXCLUDED.after_hours_ring_seconds, updated_at = now()")) {
                OfficeHours h = s.hours();
                String[] weekly = new String[7];
                for (DayOfWeek d : DayOfWeek.values()) {
                    weekly[d.getValue() - 1] = text(h.weekly().get(d));
                }
                ps.setString(1, h.zone().getId());
                ps.setArray(2, c.createArrayOf("text", weekly));
                ps.setArray(3, c.createArrayOf("date", h.holidays().stream().map(Date::valueOf).toArray()));
                ps.setArray(4, c.createArrayOf("date", h.makeUpDays().stream().map(Date::valueOf).toArray()));
                ps.setString(5, text(h.makeUpHours()));
                ps.setString(6, s.mode().wire());
                ps.setArray(7, c.createArrayOf("text", s.afterHoursTargets().toArray()));
                ps.setInt(8, s.afterHoursRingSeconds());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static String text(List<OfficeHours.Window> windows) {
        return String.join(" ", windows.stream().map(OfficeHours.Window::toString).toList());
    }

    private static List<OfficeHours.Window> windows(String text) {
        List<OfficeHours.Window> out = new ArrayList<>();
        if (text != null) {
            for (String w : text.strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(OfficeHours.Window.parse(w));
                }
            }
        }
        return out;
    }

    private static Set<LocalDate> dates(Array a) throws SQLException {
        Set<LocalDate> out = new HashSet<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(((Date) o).toLocalDate());
        }
        return out;
    }

    @Override
    public List<Extension> extensions() {
        return Sql.inTransaction(dataSource, "load extensions", c -> {
            List<Extension> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ext, name, department, kind, records, "
                    + "last_recording_at, demoted_at, demoted_reason FROM extensions ORDER BY ext");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Extension(rs.getString("ext"), rs.getString("name"), rs.getString("department"),
                            Extension.Kind.parse(rs.getString("kind")), rs.getBoolean("records"),
                            Sql.instant(rs, "last_recording_at"), Sql.instant(rs, "demoted_at"),
                            rs.getString("demoted_reason")));
                }
            }
            return out;
        });
    }

    @Override
    public void saveExtension(Extension e) {
        Sql.inTransaction(dataSource, "save extension " + e.ext(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO extensions (ext, name, department, kind, "
                    + "records, last_recording_at, demoted_at, demoted_reason) VALUES (?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT (ext) DO UPDATE SET name = EXCLUDED.name, department = EXCLUDED.department, "
                    + "kind = EXCLUDED.kind, records = EXCLUDED.records, last_recording_at = EXCLUDED.last_recording_at, "
                    + "demoted_at = EXCLUDED.demoted_at, demoted_reason = EXCLUDED.demoted_reason, updated_at = now()")) {
                ps.setString(1, e.ext());
                ps.setString(2, e.name());
                ps.setString(3, e.department());
                ps.setString(4, e.kind().wire());
                ps.setBoolean(5, e.records());
                ps.setTimestamp(6, Sql.ts(e.lastRecordingAt()));
                ps.setTimestamp(7, Sql.ts(e.demotedAt()));
                ps.setString(8, e.demotedReason());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void saveDecision(CallRouting d) {
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Candidate k : d.candidates()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ext", k.ext());
            m.put("kind", k.kind());
            m.put("rung", k.rung());
            m.put("reason", k.reason());
            candidates.add(m);
        }
        String json;
        try {
            json = JSON.writeValueAsString(candidates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("call " + d.linkedId() + ": cannot serialise routing candidates", e);
        }
        Sql.inTransaction(dataSource, "call " + d.linkedId() + ": save routing decision", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO call_routing (linked_id, decided_at, "
                    + "after_hours, mode, hours, candidates, routed_to, reason) VALUES (?,?,?,?,?,?::jsonb,?,?) "
                    + "ON CONFLICT (linked_id) DO NOTHING")) {
                ps.setString(1, d.linkedId());
                ps.setTimestamp(2, Sql.ts(d.decidedAt()));
                ps.setBoolean(3, d.afterHours());
                ps.setString(4, d.mode());
                ps.setString(5, d.hours());
                ps.setString(6, json);
                ps.setArray(7, c.createArrayOf("text", d.routedTo().toArray()));
                ps.setString(8, d.reason());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void saveViolation(Violation v) {
        Sql.inTransaction(dataSource, "call " + v.linkedId() + ": save transfer violation", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO transfer_violations (at, linked_id, unique_id, "
                    + "by_whom, target, reason) VALUES (?,?,?,?,?,?)")) {
                ps.setTimestamp(1, Sql.ts(v.at()));
                ps.setString(2, v.linkedId());
                ps.setString(3, v.uniqueId());
                ps.setString(4, v.by());
                ps.setString(5, v.target());
                ps.setString(6, v.reason());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Violation> violations(int limit) {
        return Sql.inTransaction(dataSource, "list transfer violations", c -> {
            List<Violation> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, linked_id, unique_id, by_whom, target, reason "
                    + "FROM transfer_violations ORDER BY at DESC, id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Violation(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("linked_id"),
                                rs.getString("unique_id"), rs.getString("by_whom"), rs.getString("target"),
                                rs.getString("reason")));
                    }
                }
            }
            return out;
        });
    }
}
