package com.example.hotline.store;

import com.example.hotline.call.CallFilter;
import com.example.hotline.call.CallScope;
import com.example.hotline.call.CallQuery;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallStore;
import com.example.hotline.call.LegRecord;
import com.example.hotline.call.PbxEvent;
import com.example.hotline.call.StoredCall;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Calls, legs and their events in PostgreSQL. A save, of one call or of several, is one transaction
 * (upsert by linkedId, so a call seen again after a reconnect or restart updates its row instead of
 * duplicating it).
 * Thread-safe; every method blocks.
 */
public final class JdbcCallStore implements CallStore, CallQuery {

    private static final String CALL_COLUMNS = "id, linked_id, unique_id, caller, caller_name, hotline, started_at, "
            + "first_ring_at, answered_at, ended_at, answered, answered_by, ring_millis, rings, within_three_rings, "
            + "hangup_cause, hangup_cause_text, route, routed_to, recording_file, resynced, "
            + "(SELECT t.ticket_no FROM ticket_calls k JOIN tickets t ON t.id = k.ticket_id "
            + "WHERE k.linked_id = calls.linked_id) AS ticket_no, "
            + "(SELECT r.after_hours FROM call_routing r WHERE r.linked_id = calls.linked_id) AS after_hours, "
            + "(SELECT json_build_object('afterHours', r.after_hours, 'mode', r.mode, 'hours', r.hours, "
            + "'candidates', r.candidates, 'routedTo', r.routed_to, 'reason', r.reason)::text "
            + "FROM call_routing r WHERE r.linked_id = calls.linked_id) AS routing, "
            + "ARRAY(SELECT r.id FROM recordings r WHERE r.linked_id = calls.linked_id ORDER BY r.id) AS recording_ids";

    private static final String UPSERT_CALL = "INSERT INTO calls (linked_id, unique_id, caller, caller_name, hotline, "
            + "started_at, first_ring_at, answered_at, ended_at, answered, answered_by, ring_millis, rings, "
            + "within_three_rings, hangup_cause, hangup_cause_text, route, routed_to, recording_file, resynced) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (linked_id) DO UPDATE SET "
            + "unique_id = EXCLUDED.unique_id, caller = EXCLUDED.caller, caller_name = EXCLUDED.caller_name, "
            + "hotline = EXCLUDED.hotline, started_at = EXCLUDED.started_at, first_ring_at = EXCLUDED.first_ring_at, "
            + "answered_at = EXCLUDED.answered_at, ended_at = EXCLUDED.ended_at, answered = EXCLUDED.answered, "
            + "answered_by = EXCLUDED.answered_by, ring_millis = EXCLUDED.ring_millis, rings = EXCLUDED.rings, "
            + "within_three_rings = EXCLUDED.within_three_rings, hangup_cause = EXCLUDED.hangup_cause, "
            + "hangup_cause_text = EXCLUDED.hangup_cause_text, route = EXCLUDED.route, "
            + "routed_to = EXCLUDED.routed_to, recording_file = EXCLUDED.recording_file, "
            + "resynced = EXCLUDED.resynced, updated_at = now()";

    // legs and events find their call by linked_id, so calls, legs and events each go in one batch
    private static final String UPSERT_LEG = "INSERT INTO call_legs (unique_id, call_id, channel, endpoint, role, "
            + "created_at, ringing_at, answered_at, ended_at, dial_status, hangup_cause) VALUES "
            + "(?,(SELECT id FROM calls WHERE linked_id = ?),?,?,?,?,?,?,?,?,?) "
            + "ON CONFLICT (unique_id) DO UPDATE SET call_id = EXCLUDED.call_id, channel = EXCLUDED.channel, "
            + "endpoint = EXCLUDED.endpoint, role = EXCLUDED.role, created_at = EXCLUDED.created_at, "
            + "ringing_at = EXCLUDED.ringing_at, answered_at = EXCLUDED.answered_at, ended_at = EXCLUDED.ended_at, "
            + "dial_status = EXCLUDED.dial_status, hangup_cause = EXCLUDED.hangup_cause";

    private static final String INSERT_EVENTS = "INSERT INTO call_event_log (call_id, first_at, last_at, events) "
            + "VALUES ((SELECT id FROM calls WHERE linked_id = ?),?,?,?::json)";

    /** Each event is written as its fields plus {@code "kind"}, its record's simple name (ChannelCreated, ...). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    private interface WithKind {}

    private final DataSource dataSource;
    /** Serialises a call's new events straight to the JSON array text of one event-log row. */
    private final ObjectWriter eventsJson = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addMixIn(PbxEvent.class, WithKind.class)
            .writerFor(new TypeReference<List<PbxEvent>>() {});

    public JdbcCallStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(CallRecord call, List<PbxEvent> newEvents) {
        write(List.of(new Change(call, newEvents)), "save call " + call.linkedId());
    }

    /** One transaction for all: the calls are upserted one by one (each returns its id), legs and events in batches. */
    @Override
    public void saveAll(List<Change> changes) {
        if (!changes.isEmpty()) {
            write(changes, "save " + changes.size() + " calls from " + changes.get(0).call().linkedId());
        }
    }

    private void write(List<Change> changes, String what) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement calls = c.prepareStatement(UPSERT_CALL);
                 PreparedStatement legs = c.prepareStatement(UPSERT_LEG);
                 PreparedStatement events = c.prepareStatement(INSERT_EVENTS)) {
                for (Change change : changes) {
                    upsertCall(calls, c, change.call());
                    calls.addBatch();
                }
                calls.executeBatch();
                for (Change change : changes) {
                    CallRecord call = change.call();
                    String id = call.linkedId();
                    for (LegRecord leg : change.changedLegs()) {
                        legs.setString(1, leg.uniqueId());
                        legs.setString(2, id);
                        legs.setString(3, leg.channel());
                        legs.setString(4, leg.endpoint());
                        legs.setString(5, leg.role().name());
                        legs.setTimestamp(6, Sql.ts(leg.createdAt()));
                        legs.setTimestamp(7, Sql.ts(leg.ringingAt()));
                        legs.setTimestamp(8, Sql.ts(leg.answeredAt()));
                        legs.setTimestamp(9, Sql.ts(leg.endedAt()));
                        legs.setString(10, leg.dialStatus());
                        Sql.setInt(legs, 11, leg.hangupCause());
                        legs.addBatch();
                    }
                    if (!change.newEvents().isEmpty()) {
                        // one row per save: the events since the previous save, as a JSON array
                        Instant first = null;
                        Instant last = null;
                        for (PbxEvent e : change.newEvents()) {
                            first = first == null || e.at().isBefore(first) ? e.at() : first;
                            last = last == null || e.at().isAfter(last) ? e.at() : last;
                        }
                        events.setString(1, id);
                        events.setTimestamp(2, Sql.ts(first));
                        events.setTimestamp(3, Sql.ts(last));
                        events.setString(4, eventsJson.writeValueAsString(change.newEvents()));
                        events.addBatch();
                    }
                }
                legs.executeBatch();
                events.executeBatch();
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure(what, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + ": cannot serialise event", e);
        }
    }

    /** Sets the parameters of one call's upsert (the caller adds it to the batch). */
    private void upsertCall(PreparedStatement ps, Connection c, CallRecord call) throws SQLException {
        int i = 1;
        ps.setString(i++, call.linkedId());
        ps.setString(i++, call.uniqueId());
        ps.setString(i++, call.caller());
        ps.setString(i++, call.callerName());
        ps.setBoolean(i++, call.hotline());
        ps.setTimestamp(i++, Sql.ts(call.startedAt()));
        ps.setTimestamp(i++, Sql.ts(call.firstRingAt()));
        ps.setTimestamp(i++, Sql.ts(call.answeredAt()));
        ps.setTimestamp(i++, Sql.ts(call.endedAt()));
        ps.setBoolean(i++, call.answered());
        ps.setString(i++, call.answeredBy());
        Sql.setLong(ps, i++, call.ringMillis());
        Sql.setInt(ps, i++, call.rings());
        if (call.withinThreeRings() == null) {
            ps.setNull(i++, Types.BOOLEAN);
        } else {
            ps.setBoolean(i++, call.withinThreeRings());
        }
        Sql.setInt(ps, i++, call.hangupCause());
        ps.setString(i++, call.hangupCauseText());
        ps.setString(i++, call.route());
        ps.setArray(i++, c.createArrayOf("text", call.routedTo().toArray()));
        ps.setString(i++, call.recordingFile());
        ps.setBoolean(i, call.resynced());
    }

    @Override
    public Optional<CallRecord> find(String linkedId) {
        List<StoredCall> found = query("SELECT " + CALL_COLUMNS + " FROM calls WHERE linked_id = ?",
                List.of(linkedId));
        return found.stream().findFirst().map(StoredCall::call);
    }

    /** The call with this database id. */
    public Optional<StoredCall> byId(long id) {
        return query("SELECT " + CALL_COLUMNS + " FROM calls WHERE id = ?", List.of(id)).stream().findFirst();
    }

    @Override
    public List<CallRecord> findOpen() {
        return query("SELECT " + CALL_COLUMNS + " FROM calls WHERE ended_at IS NULL ORDER BY id", List.of())
                .stream().map(StoredCall::call).toList();
    }

    @Override
    public List<StoredCall> search(CallFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + CALL_COLUMNS + " FROM calls WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            sql.append(" AND started_at >= ?");
            args.add(Sql.ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND started_at < ?");
            args.add(Sql.ts(f.to()));
        }
        if (f.caller() != null && !f.caller().isEmpty()) {
            sql.append(" AND strpos(caller, ?) > 0");
            args.add(f.caller());
        }
        if (f.hotlineOnly()) {
            sql.append(" AND hotline");
        }
        scope(f.scope(), sql, args);
        sql.append(" ORDER BY started_at DESC NULLS LAST, id DESC LIMIT ? OFFSET ?");
        args.add(f.limit());
        args.add(f.offset());
        return query(sql.toString(), args);
    }

    /** Narrows a query over {@code calls} to what the asker may see. */
    static void scope(CallScope scope, StringBuilder sql, List<Object> args) {
        if (scope.nothing()) {
            sql.append(" AND FALSE");
        } else if (scope.extension() != null) {
            sql.append(" AND (answered_by = ? OR EXISTS (SELECT 1 FROM call_legs l WHERE l.call_id = calls.id "
                    + "AND l.endpoint = ? AND l.answered_at IS NOT NULL))");
            args.add(scope.extension());
            args.add(scope.extension());
        } else if (!scope.all()) {
            sql.append(" AND EXISTS (SELECT 1 FROM ticket_calls k JOIN tickets t ON t.id = k.ticket_id "
                    + "WHERE k.linked_id = calls.linked_id AND (t.department = ANY (?::text[]) "
                    + "OR t.building = ANY (?::text[])))");
            args.add(scope.departments().toArray(String[]::new));
            args.add(scope.buildings().toArray(String[]::new));
        }
    }

    private List<StoredCall> query(String sql, List<Object> args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<StoredCall> calls = new ArrayList<>();
            Map<Long, List<LegRecord>> legs = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("id");
                    legs.put(id, new ArrayList<>());
                    calls.add(new StoredCall(id, readCall(rs, legs.get(id)), rs.getString("ticket_no"),
                            (Boolean) rs.getObject("after_hours"), rs.getString("routing"),
                            List.of((Long[]) rs.getArray("recording_ids").getArray())));
                }
            }
            if (!calls.isEmpty()) {
                loadLegs(c, legs);
            }
            // legs were filled into the mutable lists the records captured: rebuild immutable copies
            List<StoredCall> out = new ArrayList<>(calls.size());
            for (StoredCall sc : calls) {
                CallRecord r = sc.call();
                out.add(new StoredCall(sc.id(), withLegs(r, legs.get(sc.id())), sc.ticketNo(), sc.afterHours(),
                        sc.routingJson(), sc.recordingIds()));
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("query calls", e);
        }
    }

    private static void loadLegs(Connection c, Map<Long, List<LegRecord>> legs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT unique_id, call_id, channel, endpoint, role, "
                + "created_at, ringing_at, answered_at, ended_at, dial_status, hangup_cause FROM call_legs "
                + "WHERE call_id = ANY (?) ORDER BY created_at NULLS LAST, unique_id")) {
            Array ids = c.createArrayOf("bigint", legs.keySet().toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    legs.get(rs.getLong("call_id")).add(new LegRecord(rs.getString("unique_id"),
                            rs.getString("channel"), rs.getString("endpoint"),
                            LegRecord.Role.valueOf(rs.getString("role")), Sql.instant(rs, "created_at"),
                            Sql.instant(rs, "ringing_at"), Sql.instant(rs, "answered_at"), Sql.instant(rs, "ended_at"),
                            rs.getString("dial_status"), (Integer) rs.getObject("hangup_cause")));
                }
            }
        }
    }

    private static CallRecord readCall(ResultSet rs, List<LegRecord> legs) throws SQLException {
        Array routed = rs.getArray("routed_to");
        List<String> routedTo = routed == null ? List.of() : Arrays.asList((String[]) routed.getArray());
        return new CallRecord(rs.getString("linked_id"), rs.getString("unique_id"), rs.getString("caller"),
                rs.getString("caller_name"), rs.getBoolean("hotline"), Sql.instant(rs, "started_at"),
                Sql.instant(rs, "first_ring_at"), Sql.instant(rs, "answered_at"), Sql.instant(rs, "ended_at"),
                rs.getBoolean("answered"), rs.getString("answered_by"), (Long) rs.getObject("ring_millis"),
                (Integer) rs.getObject("rings"), (Boolean) rs.getObject("within_three_rings"),
                (Integer) rs.getObject("hangup_cause"), rs.getString("hangup_cause_text"), rs.getString("route"),
                routedTo, rs.getString("recording_file"), rs.getBoolean("resynced"), legs);
    }

    private static CallRecord withLegs(CallRecord r, List<LegRecord> legs) {
        return new CallRecord(r.linkedId(), r.uniqueId(), r.caller(), r.callerName(), r.hotline(), r.startedAt(),
                r.firstRingAt(), r.answeredAt(), r.endedAt(), r.answered(), r.answeredBy(), r.ringMillis(), r.rings(),
                r.withinThreeRings(), r.hangupCause(), r.hangupCauseText(), r.route(), r.routedTo(),
                r.recordingFile(), r.resynced(), legs);
    }
}
