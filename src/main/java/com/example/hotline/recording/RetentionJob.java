package com.example.hotline.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention (C7): archived recordings are kept at least {@code retention.months} calendar months after
 * their day; as of a date A, a recording of day D goes when D + months is before A (so never one
 * younger than that: A itself may not be later than today). Recordings under legal hold or linked to a
 * ticket still open stay. Each deletion removes the archived file, marks the row {@code purged} (its
 * metadata stays) and writes an audit row with the file and its hash; a dry run only lists. Holds the
 * jobs' lock like the archive. {@link #run} blocks; any thread.
 */
public final class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RecordingIndex index;
    private final JobStore jobs;
    private final Path archiveDir;
    private final int months;
    private final ZoneId zone;
    private final Clock clock;
    private final String instance;

    /** One recording retention looked at: deleted (or would be), or kept with the reason. */
    public record Item(long recordingId, LocalDate day, String archivePath, String kept) {}

    /** What a run did: recordings of days before {@code before} were looked at. */
    public record Result(long runId, LocalDate asOf, LocalDate before, boolean dryRun, List<Item> deleted,
                         List<Item> kept) {}

    public RetentionJob(RecordingIndex index, JobStore jobs, Path archiveDir, int months, ZoneId zone, Clock clock,
                        String instance) {
        if (months < 3) {
            throw new IllegalArgumentException("retention.months must be at least 3, not " + months);
        }
        this.index = index;
        this.jobs = jobs;
        this.archiveDir = archiveDir;
        this.months = months;
        this.zone = zone;
        this.clock = clock;
        this.instance = instance;
    }

    public Result run(LocalDate asOf, boolean dryRun, String trigger) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (asOf.isAfter(today)) {
            throw new IllegalArgumentException("as-of " + asOf + " is after today (" + today + "): retention never "
                    + "deletes anything younger than " + months + " months");
        }
        LocalDate before = asOf.minusMonths(months);
        try (JobStore.Lock lock = jobs.tryLock().orElseThrow(() ->
                new JobBusyException("an archive or retention run is in progress (this or another server)"))) {
            jobs.abandonRunning(clock.instant());
            long runId = jobs.startRun("retention", asOf, dryRun, trigger, instance, clock.instant());
            List<Item> deleted = new ArrayList<>();
            List<Item> kept = new ArrayList<>();
            int failed = 0;
            for (RecordingIndex.RetentionCandidate c : index.retentionCandidates(before)) {
                Recording r = c.recording();
                String why = c.keptBecause();
                if (why != null) {
                    kept.add(new Item(r.id(), r.day(), r.archivePath(), why));
                    continue;
                }
                if (!dryRun) {
                    try {
                        Path file = archiveDir.resolve(r.archivePath());
                        Files.deleteIfExists(file);
                        Archiver.fsync(file.getParent());
                    } catch (IOException e) {
                        failed++;
                        log.error("recording {}: archived file {} not deleted: {}", r.id(), r.archivePath(), e.toString());
                        continue;
                    }
                    Instant at = clock.instant();
                    String reason = "day " + r.day() + " is more than " + months + " months before " + asOf;
                    index.markPurged(c, at, runId, asOf, reason);
                    log.info("recording {}: RETENTION deleted {} (sha256 {}): {}", r.id(), r.archivePath(), r.sha256(),
                            reason);
                }
                deleted.add(new Item(r.id(), r.day(), r.archivePath(), null));
            }
            jobs.finishRun(runId, failed > 0 ? JobRun.Status.FAILED : JobRun.Status.DONE, deleted.size() + kept.size()
                    + failed, deleted.size(), failed, kept.size(), (dryRun ? "dry run: would delete " : "deleted ")
                    + deleted.size() + ", kept " + kept.size() + " (hold or open ticket), failed " + failed
                    + ", days before " + before, clock.instant());
            return new Result(runId, asOf, before, dryRun, deleted, kept);
        }
    }
}
