package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * Check C1 on the real PBX: SIPp agents answer after scripted delays; the server's ring time must
 * match what the phone really did (its own 180→200 interval) within 150 ms, and the rings follow
 * the 1 s on / 4 s off cadence. One server and PBX for all the calls, placed one after another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RingTimesIT {

    private Pbx pbx;
    private ServerProcess server;
    private final List<String> figures = new ArrayList<>();

    @BeforeAll
    void start(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        pbx = new Pbx(f.logs);
        server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of());
        server.awaitAmiUp(Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws Exception {
        figures.forEach(System.out::println);
        if (server != null) {
            server.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    /** 8001 alone answers after {@code delayMs}; returns the stored call. */
    private JsonNode answeredAfter(int delayMs, String caller) throws Exception {
        Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, delayMs, 1);
        Process call = pbx.call(caller, 40_000, 1_000);
        Pbx.awaitSuccess(call, "call from " + caller, Duration.ofSeconds(80));
        Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));
        JsonNode c = HotlineCallIT.awaitEndedCall(server, caller).get(0);
        long measured = Pbx.measuredRingMillis(agent.messages());
        long ring = c.path("ringMillis").asLong(-1);
        figures.add(String.format("RingTimesIT: scripted %5d ms, phone rang %5d ms, server %5d ms, error %+4d ms, rings %d",
                delayMs, measured, ring, ring - measured, c.path("rings").asInt()));
        assertEquals("8001", c.path("answeredBy").asText(), "answered by 8001: " + c);
        assertTrue(Math.abs(ring - measured) <= 150, "ring time " + ring + " within 150 ms of the phone's " + measured);
        assertTrue(Math.abs(ring - delayMs) <= 250, "ring time " + ring + " near the scripted " + delayMs);
        assertEquals(delayMs / 5000 + 1, c.path("rings").asInt(), "rings for " + delayMs + " ms: " + c);
        return c;
    }

    @Test
    void answeredAt3And9And14SecondsIsWithinThreeRings() throws Exception {
        for (int[] x : new int[][] {{3000, 1}, {9000, 2}, {14000, 3}}) {
            JsonNode c = answeredAfter(x[0], "1380013800" + x[1]);
            assertTrue(c.path("withinThreeRings").asBoolean(), x[0] + " ms is within three rings");
        }
    }

    @Test
    void answeredAt16And22SecondsIsNot() throws Exception {
        for (int[] x : new int[][] {{16000, 4}, {22000, 5}}) {
            JsonNode c = answeredAfter(x[0], "1380013800" + x[1]);
            assertFalse(c.path("withinThreeRings").asBoolean(true), x[0] + " ms is not within three rings");
        }
    }

    @Test
    void aCallerWhoHangsUpAt12SecondsIsAMissedCall() throws Exception {
        Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.NO_ANSWER, 0, 1);
        Process call = pbx.call("13800138006", 12_000, 1_000);
        Pbx.awaitSuccess(call, "abandoning caller", Duration.ofSeconds(60));
        Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));
        JsonNode c = HotlineCallIT.awaitEndedCall(server, "13800138006").get(0);
        assertFalse(c.path("answered").asBoolean(), "unanswered");
        assertFalse(c.path("withinThreeRings").asBoolean(true), "an unanswered call is not within three rings");
        assertTrue(c.path("ringMillis").isMissingNode() || c.path("ringMillis").isNull(), "no ring time without answer");
        assertEquals("8001", c.path("ringNoAnswer").path(0).path("extension").asText(), "8001 rang: " + c);
        JsonNode tasks = server.json("/api/callbacks?status=open");
        long mine = 0;
        for (JsonNode t : tasks) {
            if ("13800138006".equals(t.path("caller").asText())) {
                mine++;
                assertEquals(c.path("id").asLong(), t.path("callId").asLong(), "the task is for this call");
                assertTrue(t.path("callable").asBoolean(), "a number we can call back");
            }
        }
        assertEquals(1, mine, "one callback task for the missed call: " + tasks);
    }

    @Test
    void oneAgentRejectsAndAnotherAnswersAt4Seconds() throws Exception {
        Pbx.Phone rejecting = pbx.agent("8001", Pbx.Agent.REJECT, 2000, 1);
        Pbx.Phone answering = pbx.agent("8002", Pbx.Agent.ANSWER, 4000, 1);
        Process call = pbx.call("13800138007", 40_000, 1_000);
        Pbx.awaitSuccess(call, "caller", Duration.ofSeconds(60));
        Pbx.awaitSuccess(rejecting.process(), "agent 8001", Duration.ofSeconds(20));
        Pbx.awaitSuccess(answering.process(), "agent 8002", Duration.ofSeconds(20));
        JsonNode c = HotlineCallIT.awaitEndedCall(server, "13800138007").get(0);
        assertEquals("8002", c.path("answeredBy").asText(), "8002 answered: " + c);
        assertTrue(c.path("withinThreeRings").asBoolean(), "within three rings");
        long measured = Pbx.measuredRingMillis(answering.messages());
        long ring = c.path("ringMillis").asLong(-1);
        figures.add(String.format("RingTimesIT: reject+answer: 8002 rang %d ms, server %d ms (from the first ring of any phone)",
                measured, ring));
        assertTrue(ring >= measured - 150 && ring <= measured + 250,
                "counted from the first ring of any phone: " + ring + " vs 8002's " + measured);
        assertEquals(1, c.path("ringNoAnswer").size(), "one ring-no-answer attempt: " + c.path("ringNoAnswer"));
        assertEquals("8001", c.path("ringNoAnswer").path(0).path("extension").asText(), "8001's");
        assertEquals("BUSY", c.path("ringNoAnswer").path(0).path("dialStatus").asText(), "rejected with 486");
    }
}
