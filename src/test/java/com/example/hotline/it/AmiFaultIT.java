package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The AMI connection fails under a running server (issue 8): the PBX kicks the manager session in
 * the middle of a call, or the PBX stalls silently (SIGSTOP, nothing closes). The server must notice,
 * reconnect, resync, and keep every call exactly once.
 */
class AmiFaultIT {

    /** A line of "manager show connected": user, address, start, elapsed, file descriptor, ... */
    private static final Pattern SESSION = Pattern.compile("(?m)^\\s*hotline\\s+\\S+\\s+\\d+\\s+\\d+\\s+(\\d+)\\s");

    @Test
    void aKickedManagerSessionInTheMiddleOfACallIsRecoveredAndTheCallKeptOnce(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, 1000, 1);
            Process caller = pbx.call("13800138021", 30_000, 8_000);
            Thread.sleep(3_000); // answered after ~1 s, talking for 8 s
            String sessions = pbx.cli("manager show connected");
            Matcher m = SESSION.matcher(sessions);
            assertTrue(m.find(), "the server's manager session is listed:\n" + sessions);
            long kickedAt = System.nanoTime();
            pbx.cli("manager kick session " + m.group(1));
            JsonNode health = server.awaitHealth("AMI reconnected",
                    h -> h.path("ami").path("reconnects").asLong() >= 1
                            && "up".equals(h.path("ami").path("status").asText()), Duration.ofSeconds(20));
            long backMs = (System.nanoTime() - kickedAt) / 1_000_000;
            Pbx.awaitSuccess(caller, "carrier call across the kick", Duration.ofSeconds(60));
            Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));
            JsonNode calls = HotlineCallIT.awaitEndedCall(server, "13800138021");
            assertEquals(1, calls.size(), "the call is there once: " + calls);
            JsonNode call = calls.get(0);
            assertEquals("8001", call.path("answeredBy").asText(), "who answered survives the kick: " + call);
            long ring = call.path("ringMillis").asLong(-1);
            assertTrue(Math.abs(ring - 1000) <= 250, "ring time measured before the kick: " + ring);
            System.out.printf("AmiFaultIT: manager session kicked mid-call; AMI up again %d ms later (reconnects %d);"
                    + " the call ended once, ring %d ms%n", backMs, health.path("ami").path("reconnects").asLong(), ring);
        }
    }

    @Test
    void aSilentlyStalledPbxIsDetectedAndRecoveredWhenItResumes(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            long stalledAt = System.nanoTime();
            pbx.signal("STOP");
            long downMs;
            try {
                // nothing is closed: only the keep-alive (ami.ping.ms 3 s, ami.read.timeout.ms 8 s) can tell
                server.awaitHealth("AMI down while the PBX is frozen",
                        h -> "down".equals(h.path("ami").path("status").asText()), Duration.ofSeconds(20));
                downMs = (System.nanoTime() - stalledAt) / 1_000_000;
            } finally {
                pbx.signal("CONT");
            }
            JsonNode health = server.awaitAmiUp(Duration.ofSeconds(30));
            assertTrue(health.path("ami").path("reconnects").asLong() >= 1, "reconnected: " + health);
            Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, 1000, 1);
            Process caller = pbx.call("13800138022", 30_000, 1_000);
            Pbx.awaitSuccess(caller, "carrier call after the stall", Duration.ofSeconds(60));
            Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));
            JsonNode calls = HotlineCallIT.awaitEndedCall(server, "13800138022");
            assertEquals(1, calls.size(), "tracked once: " + calls);
            assertEquals("8001", calls.get(0).path("answeredBy").asText(), "answered by 8001");
            System.out.printf("AmiFaultIT: PBX frozen (SIGSTOP): AMI reported down after %d ms; resumed, "
                    + "reconnected, next call tracked%n", downMs);
        }
    }
}
