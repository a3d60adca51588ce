package com.example.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.auth.User;
import com.example.hotline.callback.Callback;
import com.example.hotline.callback.CallbackFilter;
import com.example.hotline.callback.CallbackStore;
import com.example.hotline.report.AnswerTimeFigures;
import com.example.hotline.report.AnswerTimeQuery;
import com.example.hotline.report.AnswerTimeReport;
import com.example.hotline.report.GroupBy;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parameter validation and JSON shape of the answer-time and callback handlers, on fake stores. */
class ReportAndCallbackHandlersTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final User ALICE = new User(2, "alice", "agent");
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    private final List<AnswerTimeQuery> reportQueries = new ArrayList<>();
    private final AnswerTimesHandler report = new AnswerTimesHandler(q -> {
        reportQueries.add(q);
        return new AnswerTimeReport(q, List.of(new AnswerTimeFigures("8001", 2, 1, 1, 0.5, 3.0, 4.5, 1, 0)),
                new AnswerTimeFigures(null, 0, 0, 0, null, null, null, 0, 0));
    }, SHANGHAI);
    private final FakeCallbacks store = new FakeCallbacks();

    private static Request get(String path, String... kv) {
        Map<String, List<String>> q = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            q.put(kv[i], List.of(kv[i + 1]));
        }
        return new Request("GET", path, q, new byte[0], ALICE);
    }

    private static JsonNode json(Response r) throws Exception {
        return Json.MAPPER.readTree(new String(r.body(), StandardCharsets.UTF_8));
    }

    private static void rejected(Handler h, Request r, String param) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> h.handle(r), "rejects " + r.query());
        assertTrue(e.getMessage().startsWith(param + ":"), "message names " + param + ": " + e.getMessage());
    }

    @Test
    void badReportParametersAre400sNamingTheParameter() {
        rejected(report, get("/r", "groupBy", "week"), "groupBy");
        rejected(report, get("/r", "from", "yesterday"), "from");
        rejected(report, get("/r", "to", "2026-13-01"), "to");
        rejected(report, get("/r", "from", "2026-11-24", "to", "2026-11-23"), "to");
        assertEquals(List.of(), reportQueries, "no query ran");
    }

    @Test
    void theReportRangeIsWholeDaysInTheDesksZoneAndNullsAreExplicit() throws Exception {
        JsonNode body = json(report.handle(get("/r", "from", "2026-11-23", "to", "2026-11-23", "groupBy", "agent")));
        AnswerTimeQuery q = reportQueries.get(0);
        assertEquals(Instant.parse("2026-11-22T16:00:00Z"), q.from(), "from: start of the day in Shanghai");
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), q.to(), "to: end of the day in Shanghai");
        assertEquals(GroupBy.AGENT, q.groupBy(), "groupBy");
        assertEquals("agent", body.path("groupBy").asText(), "groupBy echoed");
        assertEquals("2026-11-23T00:00:00+08:00", body.path("from").asText(), "from echoed in the zone");
        JsonNode g = body.path("groups").get(0);
        assertEquals("8001", g.path("key").asText(), "key");
        assertEquals(0.5, g.path("withinThreeRingsShare").asDouble(), 1e-9, "share");
        assertEquals(4.5, g.path("p90RingSeconds").asDouble(), 1e-9, "p90");
        JsonNode totals = body.path("totals");
        assertTrue(!totals.has("medianRingSeconds") && !totals.has("withinThreeRingsShare"),
                "unknown figures are left out, like every null of the API: " + totals);
        assertEquals(0, totals.path("calls").asInt(-1), "zero counts are shown");
    }

    @Test
    void theReportDefaultsToDaysOverAnOpenRange() throws Exception {
        report.handle(get("/r"));
        AnswerTimeQuery q = reportQueries.get(0);
        assertEquals(GroupBy.DAY, q.groupBy(), "groupBy defaults to day");
        assertEquals(null, q.from(), "open start");
        assertEquals(null, q.to(), "open end");
        assertEquals(SHANGHAI, q.zone(), "the desk's zone is passed to the store");
    }

    @Test
    void badCallbackParametersAre400sNamingTheParameter() {
        CallbacksHandler list = new CallbacksHandler(store, SHANGHAI);
        rejected(list, get("/c", "status", "closed"), "status");
        rejected(list, get("/c", "limit", "0"), "limit");
        rejected(list, get("/c", "from", "2026-11-24", "to", "2026-11-23"), "to");
        CallbackDoneHandler done = new CallbackDoneHandler(store, SHANGHAI, Clock.fixed(NOW, ZoneOffset.UTC));
        rejected(done, post("abc", ""), "id");
        rejected(done, post("1", "not json"), "body");
        rejected(done, post("1", "{\"note\": 5}"), "note");
    }

    private static Request post(String id, String body) {
        return new Request("POST", "/api/callbacks/" + id + "/done", Map.of(), body.getBytes(StandardCharsets.UTF_8),
                ALICE, Map.of("id", id));
    }

    @Test
    void doneIsByTheSignedInUserAndTellsNotFoundFromAlreadyDone() throws Exception {
        store.tasks.put(1L, new Callback(1, 10, "m1", null, NOW, Callback.Status.OPEN, null, null, null));
        CallbackDoneHandler done = new CallbackDoneHandler(store, SHANGHAI, Clock.fixed(NOW, ZoneOffset.UTC));
        Response ok = done.handle(post("1", "{\"note\": \"no number, closed\"}"));
        assertEquals(200, ok.status(), "done");
        JsonNode t = json(ok);
        assertEquals("alice", t.path("doneBy").asText(), "done by the signed-in user");
        assertEquals("done", t.path("status").asText(), "status");
        assertEquals("2026-11-23T12:00:00+08:00", t.path("doneAt").asText(), "doneAt in the desk's zone");
        assertEquals(false, t.path("callable").asBoolean(true), "withheld number flagged");
        assertEquals(List.of("id", "callId", "linkedId", "callable", "createdAt", "status", "doneAt",
                "doneBy", "note"), fieldNames(t), "fields of a task (a withheld caller is left out)");
        assertEquals(409, done.handle(post("1", "")).status(), "already done");
        assertEquals(404, done.handle(post("2", "")).status(), "no such task");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theListDefaultsToOpenTasks() throws Exception {
        CallbacksHandler list = new CallbacksHandler(store, SHANGHAI);
        list.handle(get("/c"));
        assertEquals(Callback.Status.OPEN, store.filters.get(0).status(), "open by default");
        list.handle(get("/c", "status", "all"));
        assertEquals(null, store.filters.get(1).status(), "all = no status filter");
    }

    /** Callback tasks in a map; enough for the handlers. */
    private static final class FakeCallbacks implements CallbackStore {
        final Map<Long, Callback> tasks = new HashMap<>();
        final List<CallbackFilter> filters = new ArrayList<>();

        @Override
        public boolean createForCall(String linkedId, String caller, String note, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Callback> search(CallbackFilter filter) {
            filters.add(filter);
            return List.copyOf(tasks.values());
        }

        @Override
        public Optional<Callback> byId(long id) {
            return Optional.ofNullable(tasks.get(id));
        }

        @Override
        public Optional<Callback> markDone(long id, String user, String note, Instant at) {
            Callback c = tasks.get(id);
            if (c == null || c.status() != Callback.Status.OPEN) {
                return Optional.empty();
            }
            Callback d = new Callback(c.id(), c.callId(), c.linkedId(), c.caller(), c.createdAt(),
                    Callback.Status.DONE, at, user, note == null ? c.note() : note);
            tasks.put(id, d);
            return Optional.of(d);
        }
    }
}
