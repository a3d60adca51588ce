package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The PBX restarts under a running server: /health must say AMI is down within 10 s and up again
 * once the PBX is back, without restarting the server, and the next call is tracked normally.
 */
class PbxRestartIT {

    @Test
    void theServerNoticesAPbxRestartAndKeepsTrackingCalls(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));

            long stoppedAt = System.nanoTime();
            pbx.stop();
            server.awaitHealth("AMI down", h -> "down".equals(h.path("ami").path("status").asText()),
                    Duration.ofSeconds(10));
            long downMs = (System.nanoTime() - stoppedAt) / 1_000_000;
            System.out.printf("PbxRestartIT: AMI reported down %d ms after pbx.sh stop began%n", downMs);

            pbx.start();
            JsonNode health = server.awaitAmiUp(Duration.ofSeconds(30));
            assertTrue(health.path("ami").path("reconnects").asLong() >= 1, "a reconnect was counted: " + health);

            Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, 1000, 1);
            Process caller = pbx.call("13800138011", 30_000, 1_000);
            Pbx.awaitSuccess(caller, "carrier call after the restart", Duration.ofSeconds(60));
            Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));
            JsonNode calls = HotlineCallIT.awaitEndedCall(server, "13800138011");
            assertEquals(1, calls.size(), "tracked once: " + calls);
            assertEquals("8001", calls.get(0).path("answeredBy").asText(), "answered by 8001");
            long ring = calls.get(0).path("ringMillis").asLong(-1);
            assertTrue(Math.abs(ring - 1000) <= 250, "ring time measured after the restart: " + ring);
        }
    }
}
