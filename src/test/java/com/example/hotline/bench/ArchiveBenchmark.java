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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Archive benchmark (deploy/bench-archive.sh): N speech-like 8 kHz WAVs of a few minutes each are
 * archived by the real job (index in an embedded PostgreSQL, ffmpeg transcode with analysis, ffprobe
 * check, SHA-256, fsync, rename, index, raw delete) and transcoded by plain ffmpeg commands at the same
 * parallelism, in the same run, alternating; prints files/s of both, their ratio and the machine's CPU
 * use during each. Arguments: --files=N (default 24) --minutes=M (3) --threads=T (cores) --rounds=R (2).
 */
public final class ArchiveBenchmark {

    public static void main(String[] args) throws Exception {
        int files = arg(args, "files", 24);
        int minutes = arg(args, "minutes", 3);
        int threads = arg(args, "threads", Runtime.getRuntime().availableProcessors());
        int rounds = arg(args, "rounds", 2);
        Path work = Files.createTempDirectory("bench-archive");
        Path master = work.resolve("master");
        Files.createDirectories(master);
        System.out.printf("generating %d speech-like WAVs of %d min (8 kHz mono) ...%n", files, minutes);
        for (int i = 0; i < files; i++) {
            SpeechWav.speech(master.resolve(i + ".wav"), minutes * 60);
        }
        System.out.printf("archive benchmark: %d files x %d min, %d threads, %d cores, opus 24 kbit/s%n", files,
                minutes, threads, Runtime.getRuntime().availableProcessors());
        double plainBest = 0;
        double jobBest = 0;
        try (TestDatabase db = TestDatabase.start()) {
            for (int round = 1; round <= rounds; round++) {
                Cpu c0 = Cpu.read();
                double plain = plain(master, work.resolve("plain-" + round), files, threads);
                Cpu c1 = Cpu.read();
                double job = job(db, master, work.resolve("job-" + round), files, threads);
                Cpu c2 = Cpu.read();
                System.out.printf(Locale.ROOT, "round %d: plain ffmpeg %.2f files/s (CPU %.0f %%), job %.2f files/s "
                        + "(CPU %.0f %%), ratio %.3f%n", round, plain, c0.busyPercent(c1), job, c1.busyPercent(c2),
                        job / plain);
                plainBest = Math.max(plainBest, plain);
                jobBest = Math.max(jobBest, job);
            }
        }
        System.out.printf(Locale.ROOT, "best: plain ffmpeg %.2f files/s, job %.2f files/s, ratio %.3f (goal >= 0.9)%n",
                plainBest, jobBest, jobBest / plainBest);
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

    private static double job(TestDatabase db, Path master, Path dir, int files, int threads) throws Exception {
        db.clear();
        Path raw = dir.resolve("monitor");
        Path archive = dir.resolve("archive");
        Files.createDirectories(raw.resolve("hotline"));
        JdbcRecordingIndex index = new JdbcRecordingIndex(db.dataSource());
        LocalDate day = LocalDate.parse("2026-11-22");
        Instant start = Instant.parse("2026-11-22T02:00:00Z");
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        for (int i = 0; i < files; i++) {
            Instant at = start.plusSeconds(600L * i);
            String file = "hotline/" + stamp.format(at) + "-1795434013." + i + ".wav";
            Files.copy(master.resolve(i + ".wav"), raw.resolve(file));
            index.register(new RecordingIndex.NewRecording(file, "L" + i, "1795434013." + i, "1380013800" + i, "8001",
                    at, at.plusSeconds(180), day, "call"));
        }
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
        Archiver archiver = new Archiver(index, new RawFiles(raw), archive, new FfmpegAudioTool(),
                ArchiveFormat.of("opus", 24), new UniformName(ZoneOffset.UTC),
                new QualityGrader(new HotlineConfig.Grading(-45, 2, 15, -35, 5, -45, 2)), clock, Archiver.Faults.NONE);
        try (ArchiveJob job = new ArchiveJob(index, new JdbcJobStore(db.dataSource()), new RawFiles(raw), archiver,
                threads, ZoneOffset.UTC, clock, "bench")) {
            long t0 = System.nanoTime();
            ArchiveJob.Result r = job.run(day, "bench");
            double s = (System.nanoTime() - t0) / 1e9;
            if (r.archived() != files) {
                throw new IllegalStateException("the job archived " + r.archived() + " of " + files + ": " + r);
            }
            return files / s;
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
