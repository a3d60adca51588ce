package com.example.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.auth.User;
import com.example.hotline.routing.RoutingSettings;
import com.example.hotline.routing.Violation;
import com.example.hotline.store.JdbcRoutingStore;
import com.example.hotline.store.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The after-hours API through the router on a real PostgreSQL: settings survive a restart, rules hold. */
class RoutingRoutesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // Tuesday 24 November 2026, 20:00 in Shanghai
    private static final Clock EVENING = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), SHANGHAI);
    private static final User ADMIN = new User(1, "admin", "admin");
    private static final User AMY = new User(2, "amy", "agent");
    private static TestDatabase db;
    private JdbcRoutingStore store;
    private Router router;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void server() {
        db.clear();
        store = new JdbcRoutingStore(db.dataSource());
        router = routes();
    }

    /** A server (re)started on the stored settings. */
    private Router routes() {
        return RoutingRoutes.register(new Router(), new RoutingSettings(store, SHANGHAI, EVENING), store::violations,
                SHANGHAI);
    }

    private Response call(User user, String method, String path, String body) throws Exception {
        Router.Match m = router.match(method, path);
        if (m == null) {
            return Response.error(404, "no route");
        }
        try {
            return m.handler().handle(new Request(method, path, Map.of(), body == null ? new byte[0]
                    : body.getBytes(StandardCharsets.UTF_8), user, m.pathParams()));
        } catch (BadRequestException e) {
            return Response.error(400, e.getMessage());
        }
    }

    private static JsonNode json(Response r) throws Exception {
        return Json.MAPPER.readTree(new String(r.body(), StandardCharsets.UTF_8));
    }

    private static String text(Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void officeHoursAndTheOverrideAreStoredAndDecideTheState() throws Exception {
        assertTrue(json(call(AMY, "GET", "/api/routing/state", null)).path("open").asBoolean(),
                "a new desk is open around the clock");
        Response put = call(ADMIN, "PUT", "/api/routing/hours", "{\"zone\":\"Asia/Shanghai\",\"weekly\":{"
                + "\"monday\":[\"08:30-12:00\",\"13:00-17:30\"],\"tuesday\":[\"08:30-17:30\"]},"
                + "\"holidays\":[\"2026-10-01\"],\"makeUpDays\":[\"2026-10-10\"],\"makeUpHours\":[\"09:00-17:00\"]}");
        assertEquals(200, put.status(), text(put));
        JsonNode h = json(put);
        assertEquals("[\"08:30-12:00\",\"13:00-17:30\"]", h.path("weekly").path("monday").toString());
        assertEquals(0, h.path("weekly").path("sunday").size(), "a day left out is closed");
        assertFalse(h.path("state").path("open").asBoolean(), "Tuesday 20:00 is after hours: " + h);

        assertEquals(403, call(AMY, "POST", "/api/routing/override", "{\"mode\":\"open\"}").status(),
                "only an administrator overrides");
        assertEquals(400, call(ADMIN, "POST", "/api/routing/override", "{\"mode\":\"night\"}").status());
        JsonNode st = json(call(ADMIN, "POST", "/api/routing/override", "{\"mode\":\"open\"}"));
        assertTrue(st.path("open").asBoolean());
        assertTrue(st.path("overridden").asBoolean());
        assertFalse(st.path("scheduledOpen").asBoolean());

        router = routes(); // restart: everything was stored
        JsonNode again = json(call(AMY, "GET", "/api/routing/hours", null));
        assertEquals("open", again.path("mode").asText());
        assertEquals("[\"2026-10-01\"]", again.path("holidays").toString());
        assertEquals("[\"2026-10-10\"]", again.path("makeUpDays").toString());
        assertEquals("[\"09:00-17:00\"]", again.path("makeUpHours").toString());
        assertEquals(h.path("weekly"), again.path("weekly"));

        Response bad = call(ADMIN, "PUT", "/api/routing/hours", "{\"weekly\":{\"monday\":[\"17:00-08:00\"]}}");
        assertEquals(400, bad.status(), text(bad));
        assertEquals(400, call(ADMIN, "PUT", "/api/routing/hours", "{\"zone\":\"Mars/Olympus\"}").status());
        assertEquals(400, call(ADMIN, "PUT", "/api/routing/hours", "{\"holidays\":[\"1 Oct\"]}").status());
    }

    @Test
    void theRegistryRefusesARecordingMobileAndTheCandidatesShowWhoWouldRing() throws Exception {
        Response mobile = call(ADMIN, "PUT", "/api/extensions/13900139000",
                "{\"name\":\"Duty\",\"kind\":\"mobile\",\"records\":true}");
        assertEquals(400, mobile.status());
        assertTrue(text(mobile).contains("can never be marked as recording"), text(mobile));
        assertEquals(400, call(ADMIN, "PUT", "/api/extensions/65529988",
                "{\"kind\":\"external\",\"records\":true}").status(), "nor an outside number");
        assertEquals(404, call(AMY, "GET", "/api/extensions/13900139000", null).status(), "nothing was stored");
        assertEquals(403, call(AMY, "PUT", "/api/extensions/8102", "{\"kind\":\"department\",\"records\":true}")
                .status());
        assertEquals(200, call(ADMIN, "PUT", "/api/extensions/8102",
                "{\"name\":\"Security\",\"department\":\"security\",\"kind\":\"department\",\"records\":true}").status());
        assertEquals(200, call(ADMIN, "PUT", "/api/extensions/13900139000",
                "{\"name\":\"Duty\",\"kind\":\"mobile\",\"records\":false}").status());
        assertEquals(400, call(ADMIN, "PUT", "/api/extensions/8102", "{\"ext\":\"8103\",\"kind\":\"desk\","
                + "\"records\":true}").status(), "path and body disagree");

        Response targets = call(ADMIN, "PUT", "/api/routing/after-hours",
                "{\"targets\":[\"13900139000\",\"8102\",\"8101\"],\"ringSeconds\":25}");
        assertEquals(200, targets.status(), text(targets));
        router = routes();
        JsonNode a = json(call(AMY, "GET", "/api/routing/after-hours", null));
        assertEquals("[\"13900139000\",\"8102\",\"8101\"]", a.path("targets").toString());
        assertEquals(25, a.path("ringSeconds").asInt());
        assertFalse(a.path("candidates").get(0).path("eligible").asBoolean());
        assertTrue(a.path("candidates").get(1).path("eligible").asBoolean());
        assertTrue(a.path("candidates").get(2).path("reason").asText().contains("not in the extension registry"),
                a.toString());
        JsonNode sec = json(call(AMY, "GET", "/api/extensions/8102", null));
        assertEquals("security", sec.path("department").asText());
        assertTrue(sec.path("receivesHotline").asBoolean());
        assertEquals(400, call(ADMIN, "PUT", "/api/routing/after-hours", "{\"targets\":[\"8102;x\"]}").status());
        assertEquals(400, call(ADMIN, "PUT", "/api/routing/after-hours", "{\"targets\":[]," +
                "\"ringSeconds\":1}").status());
    }

    @Test
    void violationsAreListedNewestFirst() throws Exception {
        store.saveViolation(new Violation(0, Instant.parse("2026-11-24T12:00:00Z"), "c1", "u1",
                "PJSIP/8001-00000001", "13900139000", "mobile number"));
        store.saveViolation(new Violation(0, Instant.parse("2026-11-24T12:01:00Z"), "c2", "u2",
                "PJSIP/8002-00000002", "8101", "does not record"));
        JsonNode list = json(call(AMY, "GET", "/api/routing/violations", null));
        assertEquals(2, list.size());
        assertEquals("8101", list.get(0).path("target").asText());
        assertEquals("2026-11-24T20:01:00+08:00", list.get(0).path("at").asText());
        assertEquals("PJSIP/8001-00000001", list.get(1).path("by").asText());
    }
}
