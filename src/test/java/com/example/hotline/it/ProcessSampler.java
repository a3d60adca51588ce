package com.example.hotline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process's CPU time and resident memory from {@code /proc} once a second: the process
 * itself (the server's JVM) and its descendants (the embedded PostgreSQL) apart. Thread: one daemon
 * {@code load-sampler}; figures are read after {@link #stop}.
 */
final class ProcessSampler implements AutoCloseable {

    /** Clock ticks per second of /proc/PID/stat on Linux (USER_HZ). */
    private static final double TICKS = 100.0;

    private final ProcessHandle process;
    private final String childMarker;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-sampler");
        t.setDaemon(true);
        return t;
    });
    private final long startNanos = System.nanoTime();
    private final double startJvmCpu;
    private final double startChildCpu;
    private volatile long peakJvmRssKb;
    private volatile long peakChildRssKb;
    private volatile double lastJvmCpu;
    private volatile double lastChildCpu;
    private volatile long lastNanos = startNanos;

    /**
     * @param childMarker text in the command line of a process counted with the children even when it is not
     *     a descendant (PostgreSQL's postmaster detaches: its data directory), with its own descendants
     */
    ProcessSampler(ProcessHandle process, String childMarker) {
        this.process = process;
        this.childMarker = childMarker;
        this.startJvmCpu = cpuSeconds(process.pid());
        this.startChildCpu = children().stream().mapToDouble(h -> cpuSeconds(h.pid())).sum();
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** CPU and memory over the sampled time. */
    record Figures(double seconds, double jvmCpuPercent, double childCpuPercent, long peakJvmRssMb,
                   long peakChildRssMb) {}

    private List<ProcessHandle> children() {
        try (java.util.stream.Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return java.util.stream.Stream.concat(process.descendants(), all
                    .filter(h -> h.info().commandLine().map(c -> c.contains(childMarker)).orElse(false))
                    .flatMap(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants())))
                    .filter(h -> h.pid() != process.pid()).distinct().toList();
        }
    }

    private void sample() {
        if (!process.isAlive()) {
            return;
        }
        lastJvmCpu = cpuSeconds(process.pid());
        peakJvmRssKb = Math.max(peakJvmRssKb, rssKb(process.pid()));
        List<ProcessHandle> kids = children();
        double cpu = 0;
        long rss = 0;
        for (ProcessHandle h : kids) {
            cpu += cpuSeconds(h.pid());
            rss += rssKb(h.pid());
        }
        // PostgreSQL backends come and go: count only growth of the children's total
        lastChildCpu = Math.max(lastChildCpu, cpu);
        peakChildRssKb = Math.max(peakChildRssKb, rss);
        lastNanos = System.nanoTime();
    }

    /** Figures so far (CPU % of one core, averaged over the time since start). */
    Figures figures() {
        double seconds = (lastNanos - startNanos) / 1e9;
        double s = Math.max(seconds, 1e-3);
        return new Figures(seconds, 100 * (lastJvmCpu - startJvmCpu) / s,
                100 * Math.max(0, lastChildCpu - startChildCpu) / s, peakJvmRssKb / 1024, peakChildRssKb / 1024);
    }

    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, utime 14, stime 15
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile
        }
        return 0;
    }

    /** The machine's load average line ({@code /proc/loadavg}: 1, 5, 15 minutes). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    void stop() {
        timer.shutdownNow();
        sample();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
