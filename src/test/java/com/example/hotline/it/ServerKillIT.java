package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The server is killed with SIGKILL in the middle of an answered call and started again on the same
 * data (issue 8): the call is kept once and ends properly (rebuilt from the store and the PBX's channel
 * list), its ticket is neither lost nor duplicated, and the next ticket takes the next number.
 */
class ServerKillIT {

    @Test
    void aServerKilledMidCallComesBackWithTheCallAndItsTicketOnce(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        Map<String, String> env = Map.of("HOTLINE_TIME_ZONE", "Asia/Shanghai");
        try (Pbx pbx = new Pbx(f.logs)) {
            Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, 1000, 1);
            Process caller;
            String ticketNo;
            try (ServerProcess first = ServerProcess.start(f.work, f.logs.resolve("server-1.log"), "it-admin", env)) {
                first.awaitAmiUp(Duration.ofSeconds(60));
                caller = pbx.call("13800138031", 30_000, 15_000);
                JsonNode answered = HotlineCallIT.awaitCalls(first, "caller=13800138031", "answered call",
                        c -> c.size() == 1 && "8001".equals(c.get(0).path("answeredBy").asText())).get(0);
                assertTrue(answered.path("endedAt").isNull() || answered.path("endedAt").isMissingNode(),
                        "still talking when the server dies: " + answered);
                ticketNo = answered.path("ticketNo").asText();
                assertTrue(ticketNo.matches("\\d{4}-\\d{4}"), "ticket before the kill: " + answered);
                first.kill();
            }
            try (ServerProcess second = ServerProcess.start(f.work, f.logs.resolve("server-2.log"), "it-admin", env)) {
                second.awaitAmiUp(Duration.ofSeconds(90));
                Pbx.awaitSuccess(caller, "the call across the kill", Duration.ofSeconds(60));
                Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));
                JsonNode calls = HotlineCallIT.awaitEndedCall(second, "13800138031");
                assertEquals(1, calls.size(), "the call is there once: " + calls);
                JsonNode call = calls.get(0);
                assertEquals("8001", call.path("answeredBy").asText(), "who answered survived: " + call);
                long ring = call.path("ringMillis").asLong(-1);
                assertTrue(Math.abs(ring - 1000) <= 250, "ring time measured before the kill: " + ring);
                assertEquals(ticketNo, call.path("ticketNo").asText(), "the same ticket");
                JsonNode tickets = second.json("/api/tickets?phone=13800138031");
                assertEquals(1, tickets.size(), "one ticket, not two: " + tickets);
                assertEquals("8001", tickets.get(0).path("recorder").asText(), "recorder kept: " + tickets.get(0));

                Pbx.Phone again = pbx.agent("8001", Pbx.Agent.ANSWER, 500, 1);
                Process next = pbx.call("13800138032", 30_000, 500);
                Pbx.awaitSuccess(next, "the next call", Duration.ofSeconds(60));
                Pbx.awaitSuccess(again.process(), "agent 8001 again", Duration.ofSeconds(20));
                JsonNode nextCall = HotlineCallIT.awaitEndedCall(second, "13800138032").get(0);
                String expected = ticketNo.substring(0, 5) + String.format("%04d",
                        Integer.parseInt(ticketNo.substring(5)) + 1);
                assertEquals(expected, nextCall.path("ticketNo").asText(), "the next number, no gap, no reuse");
                System.out.printf("ServerKillIT: SIGKILL mid-call; after the restart the call ended once (ring %d ms), "
                        + "ticket %s kept once, next ticket %s%n", ring, ticketNo, expected);
            }
        }
    }
}
