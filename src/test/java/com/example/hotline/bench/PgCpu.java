package com.example.hotline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU seconds used so far by the embedded PostgreSQL: the postmaster named in its
 * {@code postmaster.pid} and its live children (backends, WAL writer, checkpointer), from
 * {@code /proc/PID/stat} (utime + stime; Linux, 100 ticks per second). Backends that already exited
 * are not counted; the benchmark's pooled connections stay open, so that loses little.
 */
final class PgCpu {

    private static final double TICKS_PER_SECOND = 100;

    private PgCpu() {
    }

    static double seconds(Path dataDir) {
        try {
            List<String> pid = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            long postmaster = Long.parseLong(pid.get(0).trim());
            ProcessHandle root = ProcessHandle.of(postmaster).orElse(null);
            if (root == null) {
                return 0;
            }
            double total = ticks(postmaster);
            for (ProcessHandle child : root.descendants().toList()) {
                total += ticks(child.pid());
            }
            return total / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the parenthesised command name; utime and stime are fields 14 and 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
