package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The dialplan's fail-safe on the real PBX: with no hotline server answering FastAGI, a hotline call
 * must still ring the front desk and be recorded from its first moment.
 */
class FailsafeIT {

    @Test
    void withoutTheServerTheCallStillRingsTheFrontDeskAndIsRecorded(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs)) {
            Path monitor = Pbx.ROOT.resolve("var/spool/asterisk/monitor/hotline");
            java.util.Set<Path> before;
            try (Stream<Path> files = Files.list(monitor)) {
                before = files.collect(java.util.stream.Collectors.toSet());
            }
            Pbx.Phone agent = pbx.agent("8003", Pbx.Agent.ANSWER, 1000, 1);
            Process caller = pbx.call("13800138051", 30_000, 3_000);
            Pbx.awaitSuccess(caller, "caller (answered by the front desk without the server)", Duration.ofSeconds(60));
            Pbx.awaitSuccess(agent.process(), "front-desk agent 8003", Duration.ofSeconds(20));
            assertTrue(Pbx.measuredRingMillis(agent.messages()) >= 1000, "8003's phone rang and answered");

            List<Path> recordings;
            try (Stream<Path> files = Files.list(monitor)) {
                // new files only: an earlier test's recording may still be finishing (its mtime is recent)
                recordings = files.filter(p -> !before.contains(p)).toList();
            }
            assertTrue(recordings.size() == 1, "one recording made during the call: " + recordings);
            Path recording = HotlineCallIT.awaitRecording("/var/spool/asterisk/monitor/hotline/"
                    + recordings.get(0).getFileName());
            double mean = Audio.meanVolumeDb(recording);
            assertTrue(mean > -50, "the fail-safe call was recorded with sound: " + mean + " dB");
        }
    }
}
