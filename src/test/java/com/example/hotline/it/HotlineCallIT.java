package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Issue 2's acceptance call, for real: SIPp carrier 13800138000 dials 400 on the real Asterisk,
 * SIPp agent 8001 (registered with digest auth) answers after 4 s, they talk 5 s, the caller hangs
 * up. The server must show the call once, with the ring time measured from AMI timestamps, and the
 * PBX must have recorded it with sound.
 */
class HotlineCallIT {

    static JsonNode awaitEndedCall(ServerProcess server, String caller) throws Exception {
        return awaitCalls(server, "caller=" + caller, "an ended call from " + caller,
                calls -> calls.size() >= 1 && calls.get(0).hasNonNull("endedAt"));
    }

    /**
     * Polls {@code /api/calls?QUERY} (250 ms apart, at most 30 s) until {@code ok} holds for the answer;
     * returns it, or fails naming {@code what} with the last answer.
     */
    static JsonNode awaitCalls(ServerProcess server, String query, String what,
            java.util.function.Predicate<JsonNode> ok) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode calls = null;
        while (System.nanoTime() < deadline) {
            calls = server.json("/api/calls?" + query);
            if (ok.test(calls)) {
                return calls;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + what + " within 30 s; /api/calls?" + query + " = " + calls);
    }

    static Path awaitRecording(String pbxPath) throws Exception {
        Path file = Pbx.hostPath(pbxPath);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long lastSize = -1;
        while (System.nanoTime() < deadline) {
            long size = Files.exists(file) ? Files.size(file) : -1;
            if (size > 44 && size == lastSize) {
                return file; // MixMonitor has finished writing
            }
            lastSize = size;
            Thread.sleep(500);
        }
        throw new AssertionError("recording " + file + " missing or still growing");
    }

    @Test
    void anAnsweredHotlineCallIsTrackedOnceWithItsRingTimeAndRecorded(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, 4000, 1);
            Process caller = pbx.call("13800138000", 30_000, 5_000);
            Pbx.awaitSuccess(caller, "carrier call 13800138000", Duration.ofSeconds(60));
            Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));

            JsonNode calls = awaitEndedCall(server, "13800138000");
            assertEquals(1, calls.size(), "the call appears once: " + calls);
            JsonNode call = calls.get(0);
            assertEquals("13800138000", call.path("caller").asText(), "caller");
            assertEquals("8001", call.path("answeredBy").asText(), "answered by");
            assertTrue(call.path("answered").asBoolean(), "answered");
            long ring = call.path("ringMillis").asLong(-1);
            assertTrue(Math.abs(ring - 4000) <= 250, "ringMillis within 250 ms of the agent's 4000: " + ring);
            assertEquals(1, call.path("rings").asInt(), "answered in the first ring");
            assertTrue(call.path("withinThreeRings").asBoolean(), "within three rings");
            assertEquals("agi", call.path("route").asText(), "routed by the FastAGI script");
            assertTrue(call.path("routedTo").toString().contains("8001"), "rang the front desk: " + call);
            for (String field : new String[] {"id", "uniqueId", "linkedId", "startedAt", "firstRingAt",
                    "answeredAt", "endedAt"}) {
                assertTrue(call.hasNonNull(field), "contract field " + field + " present: " + call);
            }

            String metrics = server.get("/metrics").body();
            assertTrue(metrics.contains("hotline_ami_connected 1.0"), "metrics: AMI connected");
            assertTrue(metrics.matches("(?s).*hotline_agi_requests_total [1-9].*"), "metrics: AGI request counted");

            Path recording = awaitRecording(call.path("recordingFile").asText());
            double mean = Audio.meanVolumeDb(recording);
            assertTrue(mean > -50, "recording " + recording + " has sound (mean " + mean + " dB)");
        }
    }
}
