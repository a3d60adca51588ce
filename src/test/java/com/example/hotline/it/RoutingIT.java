package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Routing that prevents breaches, on the real PBX: the supervisor joins when the third ring ends
 * while the agent's phone keeps ringing; hunt offers agents in order; with nobody reachable the call
 * takes the recorded fallback and a callback task is opened.
 */
class RoutingIT {

    private static long millisBetween(String from, String to) {
        return Duration.between(OffsetDateTime.parse(from), OffsetDateTime.parse(to)).toMillis();
    }

    private static JsonNode leg(JsonNode call, String ext) {
        for (JsonNode l : call.path("legs")) {
            if (ext.equals(l.path("endpoint").asText())) {
                return l;
            }
        }
        throw new AssertionError("no leg for " + ext + " in " + call);
    }

    @Test
    void theSupervisorJoinsWhenTheThirdRingEndsWhileTheAgentKeepsRinging(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.NO_ANSWER, 0, 1);
            Pbx.Phone supervisor = pbx.agent("8005", Pbx.Agent.ANSWER, 1000, 1);
            Process caller = pbx.call("13800138021", 40_000, 1_000);
            Pbx.awaitSuccess(caller, "caller", Duration.ofSeconds(60));
            Pbx.awaitSuccess(supervisor.process(), "supervisor 8005", Duration.ofSeconds(20));
            Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));
            JsonNode c = HotlineCallIT.awaitEndedCall(server, "13800138021").get(0);
            assertEquals("8005", c.path("answeredBy").asText(), "the supervisor answered: " + c);
            long joined = millisBetween(c.path("firstRingAt").asText(), leg(c, "8005").path("ringingAt").asText());
            System.out.printf("RoutingIT: supervisor rang %d ms after the first ring (third ring ends at 11000)%n", joined);
            assertTrue(joined >= 10_900 && joined <= 11_600, "supervisor joined as the third ring ended: " + joined);
            JsonNode agentLeg = leg(c, "8001");
            assertEquals(1, count(c, "8001"), "8001 was offered once, never cancelled and re-offered: " + c);
            assertTrue(millisBetween(agentLeg.path("ringingAt").asText(), agentLeg.path("endedAt").asText()) > 11_500,
                    "8001 kept ringing after the supervisor joined");
            assertTrue(c.path("withinThreeRings").asBoolean(), "answered at ~12 s: within three rings");
            assertTrue(c.path("routedTo").toString().contains("8005"), "supervisor among the routes: " + c);
        }
    }

    private static int count(JsonNode call, String ext) {
        int n = 0;
        for (JsonNode l : call.path("legs")) {
            if (ext.equals(l.path("endpoint").asText())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void huntOffersTheAgentsInOrder(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin",
                     Map.of("HOTLINE_ROUTING_STRATEGY", "hunt", "HOTLINE_ROUTING_SUPERVISOR", ""))) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            Pbx.Phone first = pbx.agent("8001", Pbx.Agent.NO_ANSWER, 0, 1);
            Pbx.Phone second = pbx.agent("8002", Pbx.Agent.ANSWER, 1000, 1);
            Process caller = pbx.call("13800138022", 40_000, 1_000);
            Pbx.awaitSuccess(caller, "caller", Duration.ofSeconds(60));
            Pbx.awaitSuccess(second.process(), "agent 8002", Duration.ofSeconds(20));
            Pbx.awaitSuccess(first.process(), "agent 8001", Duration.ofSeconds(20));
            JsonNode c = HotlineCallIT.awaitEndedCall(server, "13800138022").get(0);
            assertEquals("8002", c.path("answeredBy").asText(), "the second agent answered: " + c);
            long offset = millisBetween(leg(c, "8001").path("ringingAt").asText(),
                    leg(c, "8002").path("ringingAt").asText());
            System.out.printf("RoutingIT: hunt offered 8002 %d ms after 8001 (slot 4000 ms)%n", offset);
            assertTrue(offset >= 3_900 && offset <= 4_600, "8002 offered after 8001's 4 s slot: " + offset);
            assertEquals("NOANSWER", leg(c, "8001").path("dialStatus").asText(), "8001's slot timed out unanswered");
        }
    }

    @Test
    void withNobodyReachableTheCallIsRecordedByTheFallbackAndACallbackOpened(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            Process caller = pbx.call("13800138023", 40_000, 4_000); // talks 4 s to the message taker
            Pbx.awaitSuccess(caller, "caller", Duration.ofSeconds(60));
            JsonNode c = HotlineCallIT.awaitEndedCall(server, "13800138023").get(0);
            assertFalse(c.path("answered").asBoolean(), "the PBX's message taker is not a person: " + c);
            assertEquals(0, c.path("routedTo").size(), "no phone could be reached: " + c);
            assertTrue(HotlineCallIT.awaitRecording(c.path("recordingFile").asText()).toFile().length() > 16_000,
                    "the message was recorded");
            JsonNode tasks = server.json("/api/callbacks?status=open");
            assertEquals(1, tasks.size(), "a callback task: " + tasks);
            assertEquals("13800138023", tasks.get(0).path("caller").asText(), "for this caller");
        }
    }
}
