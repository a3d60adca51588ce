package com.example.hotline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU seconds spent during one mode, split into the benchmark's client threads (which add up their
 * own, {@link TicketBenchmark#CLIENT_CPU}: their pools end with the mode), the FastAGI threads
 * (asterisk-java's {@code AJ DaemonPool-*} and {@code agi-accept}), the {@code ticket-writer}, the
 * rest of the JVM's threads (pool housekeeping, main; GC and JIT are counted with the process only,
 * the collectors' and the compiler's own time shown beside) and the embedded PostgreSQL
 * ({@link PgCpu}). A thread that ended during the mode is lost from its group but not from the JVM
 * total. Not thread-safe: one mode at a time.
 */
final class CpuByThread {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Path pgDir;
    private Map<Long, Long> before = new HashMap<>();
    private long processBefore;
    private double pgBefore;
    private long gcBefore;
    private long jitBefore;

    CpuByThread(Path pgDir) {
        this.pgDir = pgDir;
    }

    void start() {
        before = snapshot();
        processBefore = os.getProcessCpuTime();
        TicketBenchmark.CLIENT_CPU.reset();
        pgBefore = PgCpu.seconds(pgDir);
        gcBefore = gcMillis();
        jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** Wall time the collectors report (not CPU: the parallel phases use more). */
    private static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /** One line: CPU seconds per group since {@link #start}, and per ticket in ms. */
    String since(int tickets) {
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String g : new String[] {"client", "fastagi", "ticket-writer", "other threads"}) {
            groups.put(g, 0L);
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long used = cpu - before.getOrDefault(info.getThreadId(), 0L);
            groups.merge(group(info.getThreadName()), used, Long::sum);
        }
        groups.put("client", TicketBenchmark.CLIENT_CPU.sumThenReset());
        double jvm = (os.getProcessCpuTime() - processBefore) / 1e9;
        double pg = PgCpu.seconds(pgDir) - pgBefore;
        StringBuilder b = new StringBuilder("CPU s: ");
        groups.forEach((g, ns) -> b.append(String.format(Locale.ROOT, "%s %.2f, ", g, ns / 1e9)));
        b.append(String.format(Locale.ROOT, "(GC %.2f s, JIT %.2f s wall), ", (gcMillis() - gcBefore) / 1e3,
                (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore) / 1e3));
        b.append(String.format(Locale.ROOT, "JVM total %.2f, PostgreSQL %.2f (%.2f + %.2f ms per ticket)", jvm, pg,
                jvm * 1000 / tickets, pg * 1000 / tickets));
        return b.toString();
    }

    private static String group(String name) {
        if (name.startsWith("bench-client")) {
            return "client";
        }
        if (name.startsWith("AJ DaemonPool") || name.equals("agi-accept")) {
            return "fastagi";
        }
        if (name.equals("ticket-writer")) {
            return "ticket-writer";
        }
        return "other threads";
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> m = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                m.put(id, cpu);
            }
        }
        return m;
    }
}
