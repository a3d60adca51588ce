package com.example.hotline.it;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The load driver's command line ({@code deploy/load.sh}): one {@link LoadRun} with the plan from the
 * arguments ({@link LoadPlan#parse}), work and logs under {@code target/load/<date-time>/}; prints the
 * summary table and exits 0 when nothing was lost and the ring-time error p99 is under 100 ms, 1
 * otherwise, 2 on bad arguments.
 */
public final class LoadDriver {

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        LoadPlan plan;
        try {
            plan = LoadPlan.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = Pbx.BASEDIR.resolve("target/load")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> failures;
        try (LoadRun run = new LoadRun(plan, dir.resolve("work"), dir.resolve("logs"), System.out)) {
            run.start();
            run.startCalling();
            run.awaitCaller();
            LoadReport report = run.finish();
            System.out.println();
            System.out.println("load: " + plan);
            System.out.print(report.table());
            failures = report.failures();
        }
        System.out.println("load: logs in " + dir);
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("load: FAIL: " + f));
            System.exit(1);
        }
        System.out.println("load: PASS: nothing lost, ring-time error p99 under "
                + LoadReport.RING_ERROR_P99_LIMIT_MS + " ms");
        System.exit(0);
    }
}
