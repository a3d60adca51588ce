package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallStore;
import com.example.hotline.call.ChannelState;
import com.example.hotline.call.LegRecord;
import com.example.hotline.call.PbxEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event log as stored by {@link JdbcCallStore}: one JSON array per call and save, each event with its kind. */
class JdbcCallStoreTest {

    private static TestDatabase db;
    private JdbcCallStore store;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void clear() {
        db.clear();
        store = new JdbcCallStore(db.dataSource());
    }

    @Test
    void eachSaveAppendsOneRowWithTheEventsFieldsAndKind() throws SQLException {
        Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
        String id = "1795434057.5";
        PbxEvent created = new PbxEvent.ChannelCreated(t0, id, id, "PJSIP/carrier-00000001", "13800138000",
                "Zhang", "from-carrier", "400", ChannelState.RING);
        PbxEvent entered = new PbxEvent.HotlineEntered(t0.plusMillis(20), id, id, "13800138000", "Zhang",
                List.of("8001", "8002"), "/var/spool/asterisk/monitor/hotline/x.wav");
        PbxEvent hungUp = new PbxEvent.ChannelHungUp(t0.plusSeconds(9), id, id, "PJSIP/carrier-00000001", 16,
                "Normal Clearing");
        CallRecord c = Calls.call(id, "2026-11-23T08:00:00Z").build();
        store.saveAll(List.of(new CallStore.Change(c, List.of(created, entered))));
        store.save(c, List.of(hungUp));

        List<JsonNode> rows = new ArrayList<>();
        List<Instant[]> spans = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Connection conn = db.dataSource().getConnection(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT first_at, last_at, events::text FROM call_event_log ORDER BY id")) {
            while (rs.next()) {
                spans.add(new Instant[] {Sql.instant(rs, "first_at"), Sql.instant(rs, "last_at")});
                rows.add(json.readTree(rs.getString(3)));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("stored events are not JSON", e);
        }
        assertEquals(2, rows.size(), "one row per save");
        assertEquals(expected(created, entered), rows.get(0), "first save: both events, in order, with kind");
        assertEquals(expected(hungUp), rows.get(1), "second save: the hangup");
        assertEquals(t0, spans.get(0)[0], "first_at");
        assertEquals(t0.plusMillis(20), spans.get(0)[1], "last_at");
        assertEquals("ChannelCreated", rows.get(0).get(0).get("kind").asText(), "kind is the record's simple name");
        assertEquals("2026-11-23T08:00:00Z", rows.get(0).get(0).get("at").asText(), "times as ISO-8601 text");
    }

    @Test
    void aChangeWritesOnlyTheLegsItNames() {
        CallRecord rang = Calls.call("2.1", "2026-11-23T08:00:00Z").rangUnanswered("8001").rangUnanswered("8002")
                .build();
        store.save(rang, List.of());
        List<LegRecord> legs = rang.legs();
        LegRecord changed = new LegRecord(legs.get(1).uniqueId(), legs.get(1).channel(), legs.get(1).endpoint(),
                legs.get(1).role(), legs.get(1).createdAt(), legs.get(1).ringingAt(), null,
                Instant.parse("2026-11-23T08:00:30Z"), "NOANSWER", 19);
        List<LegRecord> all = new ArrayList<>(legs);
        all.set(1, changed);
        LegRecord old = legs.get(2);
        all.set(2, new LegRecord(old.uniqueId(), old.channel(), old.endpoint(), old.role(), old.createdAt(),
                old.ringingAt(), null, Instant.parse("2026-11-23T08:00:31Z"), "NOANSWER", 19));
        CallRecord now = new CallRecord(rang.linkedId(), rang.uniqueId(), rang.caller(), rang.callerName(),
                rang.hotline(), rang.startedAt(), rang.firstRingAt(), rang.answeredAt(), rang.endedAt(),
                rang.answered(), rang.answeredBy(), rang.ringMillis(), rang.rings(), rang.withinThreeRings(),
                rang.hangupCause(), rang.hangupCauseText(), rang.route(), rang.routedTo(), rang.recordingFile(),
                rang.resynced(), all);
        store.saveAll(List.of(new CallStore.Change(now, List.of(), List.of(changed))));
        assertEquals(all.stream().map(LegRecord::uniqueId).sorted().toList(),
                store.find("2.1").orElseThrow().legs().stream().map(LegRecord::uniqueId).sorted().toList(),
                "every leg still stored");
        LegRecord stored = store.find("2.1").orElseThrow().legs().stream()
                .filter(l -> l.uniqueId().equals(changed.uniqueId())).findFirst().orElseThrow();
        assertEquals(changed, stored, "the named leg updated");
        LegRecord notNamed = store.find("2.1").orElseThrow().legs().stream()
                .filter(l -> l.uniqueId().equals(old.uniqueId())).findFirst().orElseThrow();
        assertEquals(old, notNamed, "a leg the change does not name is left as stored");
    }

    /** The format readers rely on, built the long way: the event's fields as a tree plus "kind". */
    private static ArrayNode expected(PbxEvent... events) {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ArrayNode array = m.createArrayNode();
        for (PbxEvent e : events) {
            ObjectNode node = m.valueToTree(e);
            node.put("kind", e.getClass().getSimpleName());
            array.add(node);
        }
        return array;
    }
}
