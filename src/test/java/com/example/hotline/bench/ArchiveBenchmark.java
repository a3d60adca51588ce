package com.example.hotline.bench;

import com.example.hotline.config.HotlineConfig;
import com.example.hotline.recording.ArchiveFormat;
import com.example.hotline.recording.ArchiveJob;
import com.example.hotline.recording.Archiver;
import com.example.hotline.recording.FfmpegAudioTool;
import com.example.hotline.recording.QualityGrader;
import com.example.hotline.recording.RawFiles;
import com.example.hotline.recording.RecordingIndex;
import com.example.hotline.recording.SpeechWav;
import com.example.hotline.recording.UniformName;
import com.example.hotline.store.JdbcJobStore;
import com.example.hotline.store.JdbcRecordingIndex;
import com.example.hotline.store.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Archive benchmark (deploy/bench-archive.sh): N speech-like 8 kHz WAVs of a few minutes each are
 * archived by the real job (index in an embedded PostgreSQL, ffmpeg transcode with analysis, ffprobe
 * check, SHA-256, fsync, rename, index, raw delete) and transcoded by plain ffmpeg commands at the same
 * parallelism, in the same run, alternating which goes first; prints files/s of both, their ratio, the
 * machine's CPU use and the CPU seconds per file of each, then the median ratio (exit status 1 below 0.9).
 * Arguments: --files=N (default 24) --minutes=M (3) --threads=T (cores) --rounds=R (3).
 */
public final class ArchiveBenchmark {

    public static void main(String[] args) throws Exception {
        int files = arg(args, "files", 24);
        int minutes = arg(args, "minutes", 3);
        int threads = arg(args, "threads", Runtime.getRuntime().availableProcessors());
        int rounds = arg(args, "rounds", 3);
        Path work = Files.createTempDirectory("bench-archive");
        Path master = work.resolve("master");
        Files.createDirectories(master);
        System.out.printf("generating %d speech-like WAVs of %d min (8 kHz mono) ...%n", files, minutes);
        for (int i = 0; i < files; i++) {
            SpeechWav.speech(master.resolve(i + ".wav"), minutes * 60);
        }
        System.out.printf("archive benchmark: %d files x %d min, %d threads, %d cores, opus 24 kbit/s%n", files,
                minutes, threads, Runtime.getRuntime().availableProcessors());
        List<Double> ratios = new ArrayList<>();
        Path jobDir = work.resolve("job");
        // one job for all rounds, as the server keeps one: its worker threads and their ffmpeg wrappers
        // (each checks `ffmpeg -version` once) live as long as it does
        try (TestDatabase db = TestDatabase.start(); ArchiveJob job = job(db, jobDir, threads)) {
            // the server's job runs every night in a JVM that has run it before: two untimed days first,
            // so that the rounds do not charge its one-time JIT compilation to the job (C2 alone spent
            // ~0.04 s of CPU per file during the first day of 16 files, ~0.025 during the second and
            // ~0.01 after); printed all the same
            for (int warm = 1; warm <= 2; warm++) {
                LocalDate warmDay = prepare(db, master, jobDir, files);
                System.out.printf(Locale.ROOT, "warm-up %d (not counted): job %s%n", warm,
                        Measured.of(() -> archive(job, warmDay, files), files));
            }
            for (int round = 1; round <= rounds; round++) {
                // alternate which goes first, so neither always gets the machine as the other left it
                boolean plainFirst = round % 2 == 1;
                Path plainDir = work.resolve("plain-" + round);
                Measured plain = null;
                Measured archived = null;
                for (int i = 0; i < 2; i++) {
                    if ((i == 0) == plainFirst) {
                        plain = Measured.of(() -> plain(master, plainDir, files, threads), files);
                    } else {
                        LocalDate day = prepare(db, master, jobDir, files);
                        archived = Measured.of(() -> archive(job, day, files), files);
                    }
                }
                double ratio = archived.filesPerSecond() / plain.filesPerSecond();
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "round %d (%s first): plain ffmpeg %s; job %s; ratio %.3f%n", round,
                        plainFirst ? "plain" : "job", plain, archived, ratio);
            }
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf(Locale.ROOT, "median ratio over %d rounds: %.3f (goal >= 0.9): %s%n", rounds, median,
                median >= 0.9 ? "met" : "NOT met");
        if (median < 0.9) {
            System.exit(1);
        }
    }

    /** One side of a round: its throughput, the machine's CPU use, and the CPU this process tree spent. */
    private record Measured(double filesPerSecond, double machineBusyPercent, String cpuPerFile) {

        interface Run {
            double filesPerSecond() throws Exception;
        }

        static Measured of(Run run, int files) throws Exception {
            Cpu c0 = Cpu.read();
            Own o0 = Own.read();
            Map<String, Long> t0 = Threads.read();
            double fps = run.filesPerSecond();
            return new Measured(fps, c0.busyPercent(Cpu.read()), o0.perFile(Own.read(), files) + "; JVM by thread: "
                    + Threads.perFile(t0, Threads.read(), files));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f files/s (machine CPU %.0f %%; CPU s per file: %s)", filesPerSecond,
                    machineBusyPercent, cpuPerFile);
        }
    }

    private static double plain(Path master, Path out, int files, int threads) throws Exception {
        Files.createDirectories(out);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            int n = i;
            fs.add(pool.submit(() -> {
                Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", master.resolve(n + ".wav").toString(),
                        "-vn", "-ac", "1", "-c:a", "libopus", "-b:a", "24000", "-application", "voip", "-f", "ogg",
                        out.resolve(n + ".opus").toString()).redirectErrorStream(true).start();
                String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IOException("ffmpeg failed: " + o);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return files / s;
    }

    private static ArchiveJob job(TestDatabase db, Path dir, int threads) throws IOException {
        Path raw = dir.resolve("monitor");
        Files.createDirectories(raw.resolve("hotline"));
        JdbcRecordingIndex index = new JdbcRecordingIndex(db.dataSource());
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
        Archiver archiver = new Archiver(index, new RawFiles(raw), dir.resolve("archive"), new FfmpegAudioTool(),
                ArchiveFormat.of("opus", 24), new UniformName(ZoneOffset.UTC),
                new QualityGrader(new HotlineConfig.Grading(-45, 2, 15, -35, 5, -45, 2)), clock, Archiver.Faults.NONE);
        return new ArchiveJob(index, new JdbcJobStore(db.dataSource()), new RawFiles(raw), archiver, threads,
                ZoneOffset.UTC, clock, "bench");
    }

    /** Before each round of the job, untimed: a fresh index and archive, the day's raw files registered. */
    private static LocalDate prepare(TestDatabase db, Path master, Path dir, int files) throws IOException {
        db.clear();
        Path raw = dir.resolve("monitor");
        deleteTree(dir.resolve("archive"));
        JdbcRecordingIndex index = new JdbcRecordingIndex(db.dataSource());
        LocalDate day = LocalDate.parse("2026-11-22");
        Instant start = Instant.parse("2026-11-22T02:00:00Z");
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        for (int i = 0; i < files; i++) {
            Instant at = start.plusSeconds(600L * i);
            String file = "hotline/" + stamp.format(at) + "-1795434013." + i + ".wav";
            Files.copy(master.resolve(i + ".wav"), raw.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            index.register(new RecordingIndex.NewRecording(file, "L" + i, "1795434013." + i, "1380013800" + i, "8001",
                    at, at.plusSeconds(180), day, "call"));
        }
        return day;
    }

    /** One timed run of the job over the prepared day. */
    private static double archive(ArchiveJob job, LocalDate day, int files) {
        long t0 = System.nanoTime();
        ArchiveJob.Result r = job.run(day, "bench");
        double s = (System.nanoTime() - t0) / 1e9;
        if (r.archived() != files) {
            throw new IllegalStateException("the job archived " + r.archived() + " of " + files + ": " + r);
        }
        return files / s;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * This JVM's own CPU time and that of its ended children (ffmpeg, ffprobe: the JDK waits for them)
     * from {@code /proc/self/stat}, in clock ticks (100 per second); the embedded PostgreSQL is not a
     * child and is not counted.
     */
    private record Own(long self, long children) {
        static Own read() throws IOException {
            String[] f = fields(Files.readString(Path.of("/proc/self/stat")));
            return new Own(Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14]));
        }

        String perFile(Own later, int files) {
            return String.format(Locale.ROOT, "children %.3f + JVM %.3f", (later.children - children) / 100.0 / files,
                    (later.self - self) / 100.0 / files);
        }
    }

    /** The fields of a {@code /proc/…/stat} line after the command name: [11] utime, [12] stime, [13, 14] children's. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * This JVM's CPU by thread group, from {@code /proc/self/task/<tid>/stat} (the JIT compilers and
     * the collectors are not Java threads, so the JDK's thread bean does not see them): ticks by tid
     * and name; {@link #perFile} groups them by name without its number.
     */
    private static final class Threads {
        static Map<String, Long> read() throws IOException {
            Map<String, Long> out = new java.util.HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(t.resolve("stat"));
                    } catch (IOException gone) {
                        continue; // the thread ended meanwhile
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = fields(stat);
                    out.put(t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                }
            }
            return out;
        }

        static String perFile(Map<String, Long> before, Map<String, Long> after, int files) {
            Map<String, Long> groups = new java.util.TreeMap<>();
            after.forEach((k, v) -> {
                long used = v - before.getOrDefault(k, 0L);
                String name = k.substring(k.indexOf(' ') + 1);
                String group = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT"
                        : name.startsWith("GC ") || name.startsWith("G1 ") ? "GC"
                        : name.startsWith("archive-") ? name.replaceAll("-?[0-9]*$", "") : "other";
                if (used > 0) {
                    groups.merge(group, used, Long::sum);
                }
            });
            StringBuilder b = new StringBuilder();
            groups.forEach((g, ticks) -> b.append(b.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.3f", g, ticks / 100.0 / files)));
            return b.length() == 0 ? "none" : b.toString();
        }
    }

    /** Machine-wide CPU time from /proc/stat: busy share of all cores between two readings. */
    private record Cpu(long busy, long total) {
        static Cpu read() throws IOException {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new Cpu(total - idle, total);
        }

        double busyPercent(Cpu later) {
            return 100.0 * (later.busy - busy) / Math.max(1, later.total - total);
        }
    }

    private static int arg(String[] args, String name, int dflt) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 3));
            }
        }
        return dflt;
    }
}
