package com.example.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.auth.User;
import com.example.hotline.store.JdbcLifecycleStore;
import com.example.hotline.store.JdbcTicketStore;
import com.example.hotline.store.TestDatabase;
import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallOriginator;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.Deadlines;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle API through the router, on a real PostgreSQL: status codes, JSON shapes, who did it. */
class LifecycleRoutesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final User AMY = new User(2, "amy", "agent");
    private static TestDatabase db;
    private final List<String> originated = new ArrayList<>();
    private Router router;
    private String no;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void desk() {
        db.clear();
        JdbcLifecycleStore store = new JdbcLifecycleStore(db.dataSource(), Deadlines.DEFAULTS);
        CallOriginator pbx = (ext, number, ticket) -> {
            if (ext.equals("8999")) {
                throw new CallOriginator.Failed("extension 8999 is not registered", null);
            }
            originated.add(ext + ">" + number + "@" + ticket);
            return "orig-1";
        };
        router = LifecycleRoutes.register(new Router(), store, pbx, SHANGHAI, Clock.fixed(NOW, SHANGHAI));
        no = new JdbcTicketStore(db.dataSource()).openForCall(new Arrival("c1", NOW.minusSeconds(600), "13800138000",
                "13800138000", CallerIdStatus.IDENTIFIED, "Wang", "3", "301"), Duration.ofMinutes(1), SHANGHAI)
                .ticket().ticketNo();
    }

    private Response call(String method, String path, String body) throws Exception {
        Router.Match m = router.match(method, path);
        if (m == null) {
            return Response.error(router.allowed(path).isEmpty() ? 404 : 405, "no route");
        }
        try {
            return m.handler().handle(new Request(method, path, Map.of(), body == null ? new byte[0]
                    : body.getBytes(StandardCharsets.UTF_8), AMY, m.pathParams()));
        } catch (BadRequestException e) {
            return Response.error(400, e.getMessage()); // as ApiHandler answers it
        }
    }

    private static JsonNode json(Response r) throws Exception {
        return Json.MAPPER.readTree(new String(r.body(), StandardCharsets.UTF_8));
    }

    private void setUpDesk() throws Exception {
        assertEquals(200, call("PUT", "/api/departments", "[{\"code\":\"eng\",\"name\":\"Engineering\"}]").status());
        Response t = call("POST", "/api/technicians",
                "{\"name\":\"Zhang\",\"department\":\"eng\",\"skills\":[\"plumbing\"]}");
        assertEquals(201, t.status());
        assertEquals("plumbing", json(t).path("skills").get(0).asText());
    }

    @Test
    void aDispatchAndItsStepsAnswerTheTicketWithStepsAndOrders() throws Exception {
        setUpDesk();
        Response r = call("POST", "/api/tickets/" + no + "/dispatch",
                "{\"department\":\"eng\",\"skill\":\"plumbing\",\"content\":\"fix the tap\",\"warranty\":\"out\","
                        + "\"chargeConsent\":true}");
        assertEquals(200, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        JsonNode t = json(r);
        assertEquals("dispatched", t.path("status").asText());
        assertEquals("Zhang", t.path("receiver").asText());
        assertEquals("2026-11-23T10:00:00+08:00", t.path("receivedAt").asText(), "times in the desk's zone");
        JsonNode order = t.path("orders").get(0);
        assertEquals("fix the tap", order.path("content").asText());
        assertEquals("out", order.path("warranty").asText());
        assertTrue(order.path("chargeConsent").asBoolean());
        assertEquals("2026-11-23T10:05:00+08:00", order.path("arriveDue").asText());
        JsonNode last = t.path("steps").get(t.path("steps").size() - 1);
        assertEquals("dispatched", last.path("step").asText());
        assertEquals("amy", last.path("by").asText(), "the signed-in user");

        assertEquals(409, call("POST", "/api/tickets/" + no + "/finished", null).status(), "not started");
        assertEquals(200, call("POST", "/api/tickets/" + no + "/arrived", null).status());
        assertEquals(400, call("POST", "/api/tickets/" + no + "/rescheduled",
                "{\"to\":\"tomorrow\",\"ownerConsent\":\"ok\"}").status(), "bad time");
        assertEquals(400, call("POST", "/api/tickets/" + no + "/followup", "{}").status(), "satisfied required");
        Response got = call("GET", "/api/tickets/" + no, null);
        assertEquals(200, got.status());
        assertEquals("arrived", json(got).path("status").asText());
        assertEquals(404, call("GET", "/api/tickets/2611-9999", null).status());
        assertEquals(400, call("GET", "/api/tickets/nonsense", null).status());
        assertEquals(404, call("POST", "/api/tickets/2611-9999/arrived", null).status());
    }

    @Test
    void badDispatchesAreTold() throws Exception {
        setUpDesk();
        String path = "/api/tickets/" + no + "/dispatch";
        assertEquals(400, call("POST", path, "{}").status(), "department required");
        assertEquals(400, call("POST", path, "not json").status());
        assertEquals(400, call("POST", path, "{\"department\":\"eng\",\"warranty\":\"maybe\"}").status());
        Response consent = call("POST", path, "{\"department\":\"eng\",\"warranty\":\"out\"}");
        assertEquals(400, consent.status());
        assertTrue(json(consent).path("error").asText().startsWith("chargeConsent:"));
        assertEquals(404, call("POST", path, "{\"department\":\"gas\"}").status());
        assertEquals(409, call("POST", path, "{\"department\":\"eng\",\"skill\":\"gas\"}").status());
        assertEquals(200, call("POST", path, "{\"department\":\"eng\"}").status());
        assertEquals(409, call("POST", path, "{\"department\":\"eng\"}").status(), "already dispatched");
    }

    @Test
    void technicianOutAndInAndTheOverdueList() throws Exception {
        setUpDesk();
        Response out = call("PUT", "/api/technicians/1", "{\"out\":true,\"outUntil\":\"2026-11-23T18:00:00+08:00\"}");
        assertEquals(200, out.status());
        assertTrue(json(out).path("out").asBoolean());
        assertEquals("2026-11-23T18:00:00+08:00", json(out).path("outUntil").asText());
        assertEquals(404, call("PUT", "/api/technicians/99", "{\"out\":false}").status());
        assertEquals(400, call("PUT", "/api/technicians/x", "{\"out\":false}").status());
        assertEquals(400, call("PUT", "/api/technicians/1", "{\"out\":\"yes\"}").status());
        assertEquals(1, json(call("GET", "/api/technicians", null)).size());
        assertEquals("eng", json(call("GET", "/api/departments", null)).get(0).path("code").asText());
        Response overdue = call("GET", "/api/tickets/overdue", null);
        assertEquals(200, overdue.status(), "an exact path, not ticket number 'overdue'");
        assertEquals(0, json(overdue).size());
    }

    @Test
    void theFollowUpCallGoesThroughTheOriginatorAndIsAStep() throws Exception {
        Response r = call("POST", "/api/tickets/" + no + "/callback", "{\"extension\":\"8001\"}");
        assertEquals(200, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("8001>13800138000@" + no), originated);
        JsonNode steps = json(r).path("ticket").path("steps");
        JsonNode last = steps.get(steps.size() - 1);
        assertEquals("callback", last.path("step").asText());
        assertEquals("orig-1", last.path("detail").path("callId").asText());
        assertTrue(json(r).path("ticket").path("callIds").toString().contains("\"orig-1\""),
                "the follow-up call is one of the ticket's calls: " + json(r).path("ticket"));
        assertEquals(400, call("POST", "/api/tickets/" + no + "/callback", "{}").status());
        assertEquals(502, call("POST", "/api/tickets/" + no + "/callback", "{\"extension\":\"8999\"}").status());
        Router without = LifecycleRoutes.register(new Router(), new JdbcLifecycleStore(db.dataSource(),
                Deadlines.DEFAULTS), null, SHANGHAI, Clock.systemUTC());
        assertNull(without.match("POST", "/api/tickets/" + no + "/callback"), "no originator: no route");
    }
}
