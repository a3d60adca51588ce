package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The load driver's short version for CI (issue 8): one minute at 2 calls/s, at most 10 at once,
 * through the real PBX and the real server, then the archive job; every call placed must be stored
 * once, ticketed and archived, and the ring-time error p99 under 100 ms. The long run is
 * {@code deploy/load.sh} (README, Load).
 */
class LoadIT {

    @Test
    void aMinuteOfCallsLosesNothing(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        LoadPlan plan = LoadPlan.parse("--rate=2", "--concurrent=10", "--seconds=60", "--talk-ms=2000",
                "--max-delay-ms=6000", "--max-ring-ms=13000");
        List<String> failures;
        try (LoadRun run = new LoadRun(plan, f.work, f.logs, System.out)) {
            run.start();
            run.startCalling();
            run.awaitCaller();
            LoadReport report = run.finish();
            System.out.println("LoadIT: " + plan);
            System.out.print(report.table());
            failures = report.failures();
        }
        assertEquals(List.of(), failures, "nothing lost, ring-time error p99 under 100 ms");
    }
}
