package com.example.hotline.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily archive (C6): for a day, and every earlier day not done, registers raw files the index
 * missed (the sweep), archives every pending recording with {@link Archiver} on the bounded
 * {@code archive-worker} pool ({@code archive.threads} at once), marks the days whose recordings are
 * all archived, and keeps the run in the history. One run at a time across every server instance
 * (the {@link JobStore} advisory lock); a second caller gets {@link JobBusyException}. Running a day
 * again archives nothing twice: archived recordings are no longer pending. {@link #run} blocks the
 * calling thread until the run ends; any thread.
 */
public final class ArchiveJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArchiveJob.class);
    /** A raw file the index does not know, written to this recently, may still be growing: left alone. */
    static final Duration SETTLE = Duration.ofSeconds(30);
    /**
     * A recording whose call the index never saw end is taken only once its file has not changed for
     * this long: MixMonitor writes nothing while the phones ring, so a short silence proves nothing, and
     * a file archived too early would lose the rest of its call.
     */
    static final Duration STALE = Duration.ofHours(2);

    private final RecordingIndex index;
    private final JobStore jobs;
    private final RawFiles raw;
    private final Archiver archiver;
    private final ZoneId zone;
    private final Clock clock;
    private final String instance;
    private final int threads;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor finishers;
    private final AtomicReference<JobProgress> current = new AtomicReference<>();

    /** What a run did. */
    public record Result(long runId, LocalDate day, int pending, int archived, int rawDeleted, int lost, int failed,
                         int skipped, int registered, List<LocalDate> daysCompleted, long millis, String firstFailure) {}

    public ArchiveJob(RecordingIndex index, JobStore jobs, RawFiles raw, Archiver archiver, int threads, ZoneId zone,
                      Clock clock, String instance) {
        this.index = index;
        this.jobs = jobs;
        this.raw = raw;
        this.archiver = archiver;
        this.zone = zone;
        this.clock = clock;
        this.instance = instance;
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * 2), r -> new Thread(r, "archive-worker-" + n.incrementAndGet()),
                new ThreadPoolExecutor.AbortPolicy());
        AtomicInteger m = new AtomicInteger();
        // at most threads * 3 items are in flight, so the queue never fills
        this.finishers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * 4), r -> new Thread(r, "archive-finish-" + m.incrementAndGet()),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** The run in progress in this server, if any. */
    public Optional<JobProgress.View> progress() {
        JobProgress p = current.get();
        return p == null ? Optional.empty() : Optional.of(p.view());
    }

    /** Archives {@code day} and every earlier day not done; {@code trigger} says who asked (schedule, api, cli). */
    public Result run(LocalDate day, String trigger) {
        try (JobStore.Lock lock = jobs.tryLock().orElseThrow(() ->
                new JobBusyException("an archive or retention run is in progress (this or another server)"))) {
            Instant started = clock.instant();
            int abandoned = jobs.abandonRunning(started);
            if (abandoned > 0) {
                log.warn("archive: {} earlier run(s) died while running (server killed); this run completes them", abandoned);
            }
            long runId = jobs.startRun("archive", day, false, trigger, instance, started);
            JobProgress progress = new JobProgress("archive", runId, day, started);
            current.set(progress);
            try {
                Result r = archive(runId, day, progress, started);
                jobs.finishRun(runId, r.failed() + r.lost() > 0 ? JobRun.Status.FAILED : JobRun.Status.DONE,
                        r.pending(), r.archived() + r.rawDeleted(), r.failed() + r.lost(), r.skipped(), summary(r),
                        clock.instant());
                log.info("archive run {} for {}: {}", runId, day, summary(r));
                return r;
            } catch (RuntimeException e) {
                jobs.finishRun(runId, JobRun.Status.FAILED, 0, 0, 0, 0, e.toString(), clock.instant());
                throw e;
            } finally {
                current.set(null);
            }
        }
    }

    private Result archive(long runId, LocalDate day, JobProgress progress, Instant started) {
        int registered = sweep(day);
        List<Recording> pending = new ArrayList<>();
        int skipped = 0;
        for (Recording r : index.pending(day)) {
            if (r.state() == Recording.State.RECORDING && changedWithin(r, STALE)) {
                skipped++;
            } else {
                pending.add(r);
            }
        }
        progress.total(pending.size());
        int[] outcomes = new int[Archiver.Outcome.values().length];
        int[] tally = new int[1]; // failed items
        String[] firstFailure = new String[1];
        int failed;
        Set<LocalDate> unfinished = new HashSet<>();
        // three stages: each recording is named in the index and its place readied on the archive-finish
        // pool (database and disk), transcoded on the `threads` archive workers (the CPU: nothing else
        // runs there, so a core never waits for a commit), then synced, checked, hashed and indexed on
        // the archive-finish pool again; at most threads * 3 are in hand, which both pools' queues hold
        Semaphore inFlight = new Semaphore(threads * 3);
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        int submitted = 0;
        int handled = 0;
        Error fatal = null;
        try {
            for (Recording r : pending) {
                inFlight.acquire();
                submitted++;
                CompletableFuture.supplyAsync(() -> stage(() -> archiver.prepare(r)), finishers)
                        .thenApplyAsync(p -> p.outcome() != null ? p : stage(() -> archiver.transcode(p)), workers)
                        .thenApplyAsync(t -> t.outcome() != null ? t.outcome() : stage(() -> archiver.finish(t)),
                                finishers)
                        .whenComplete((o, ex) -> {
                            inFlight.release();
                            done.add(new Done(r, o, ex instanceof CompletionException && ex.getCause() != null
                                    ? ex.getCause() : ex));
                        });
                for (Done d = done.poll(); d != null; d = done.poll()) {
                    handled++;
                    fatal = handle(d, outcomes, tally, firstFailure, unfinished, progress);
                    if (fatal != null) {
                        break;
                    }
                }
                if (fatal != null) {
                    break;
                }
            }
            while (handled < submitted) {
                Done d = done.take();
                handled++;
                Error e = handle(d, outcomes, tally, firstFailure, unfinished, progress);
                fatal = fatal != null ? fatal : e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("archive run " + runId + " interrupted", e);
        }
        if (fatal != null) {
            // the process is going down: the items in hand have ended (above), nothing more was started,
            // the index stays as it is, as a kill would leave it (the next run completes it)
            throw fatal;
        }
        failed = tally[0];
        for (Recording r : index.pending(day)) {
            unfinished.add(r.day());
        }
        List<LocalDate> completed = new ArrayList<>();
        for (LocalDate d : jobs.openDays(day, zone)) {
            if (!unfinished.contains(d)) {
                jobs.completeDay(d, runId, clock.instant());
                completed.add(d);
            }
        }
        return new Result(runId, day, pending.size(), outcomes[Archiver.Outcome.ARCHIVED.ordinal()],
                outcomes[Archiver.Outcome.RAW_DELETED.ordinal()], outcomes[Archiver.Outcome.LOST.ordinal()], failed,
                skipped, registered, completed, Duration.between(started, clock.instant()).toMillis(), firstFailure[0]);
    }

    /** One stage of one recording, its IOException carried through the pipeline as the item's failure. */
    private interface Stage<T> {
        T run() throws IOException;
    }

    private static <T> T stage(Stage<T> s) {
        try {
            return s.run();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    /** One item's end: its outcome, or what it failed with. */
    private record Done(Recording recording, Archiver.Outcome outcome, Throwable failure) {}

    /** Counts one item's end; returns the Error that means the process is going down, else null. */
    private Error handle(Done d, int[] outcomes, int[] failed, String[] firstFailure, Set<LocalDate> unfinished,
            JobProgress progress) {
        Recording r = d.recording();
        if (d.failure() == null) {
            outcomes[d.outcome().ordinal()]++;
            if (d.outcome() == Archiver.Outcome.LOST) {
                unfinished.add(r.day());
                progress.failed();
            } else {
                progress.done();
            }
            return null;
        }
        if (d.failure() instanceof Error err) {
            return err;
        }
        failed[0]++;
        unfinished.add(r.day());
        progress.failed();
        String why = d.failure().getMessage() == null ? d.failure().toString() : d.failure().getMessage();
        log.error("recording {}: not archived this run, raw file kept: {}", r.rawFile(), why);
        if (firstFailure[0] == null) {
            firstFailure[0] = "recording " + r.rawFile() + ": " + why;
        }
        index.markFailed(r.id(), why);
        return null;
    }

    /** Registers raw files of days up to {@code day} that the index does not know (server down, queue full). */
    private int sweep(LocalDate day) {
        List<String> files;
        try {
            files = raw.list();
        } catch (IOException e) {
            throw new IllegalStateException("raw recordings folder " + raw.dir() + " unreadable: " + e.getMessage(), e);
        }
        int n = 0;
        for (String file : index.unknown(files)) {
            Instant modified;
            try {
                modified = Files.getLastModifiedTime(raw.resolve(file)).toInstant();
            } catch (IOException e) {
                continue; // gone meanwhile
            }
            // a file named otherwise (another context's MixMonitor) is still archived: its end stands for
            // its start, its own name for the uniqueid (file names are unique in the folder)
            Optional<RawFiles.Parsed> parsed = RawFiles.parse(file).or(() -> Optional.of(new RawFiles.Parsed(
                    modified, file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.wav$", ""))));
            if (parsed.get().startedAt().atZone(zone).toLocalDate().isAfter(day)
                    || modified.isAfter(clock.instant().minus(SETTLE))) {
                continue;
            }
            Instant start = parsed.get().startedAt();
            Optional<RecordingIndex.NewRecording> call = index.callOf(parsed.get().uniqueId());
            if (call.isPresent() && call.get().endedAt() == null && modified.isAfter(clock.instant().minus(STALE))) {
                continue; // its call is still going on
            }
            index.register(new RecordingIndex.NewRecording(file, call.map(RecordingIndex.NewRecording::linkedId)
                    .orElse(null), parsed.get().uniqueId(), call.map(RecordingIndex.NewRecording::caller).orElse(null),
                    call.map(RecordingIndex.NewRecording::extension).orElse(null), start,
                    call.map(RecordingIndex.NewRecording::endedAt).orElse(modified), start.atZone(zone).toLocalDate(),
                    "sweep"));
            log.warn("recording {}: not in the index, registered by the archive sweep", file);
            n++;
        }
        return n;
    }

    private boolean changedWithin(Recording r, Duration d) {
        try {
            Path p = raw.resolve(r.rawFile());
            return Files.exists(p)
                    && Files.getLastModifiedTime(p).toInstant().isAfter(clock.instant().minus(d));
        } catch (IOException e) {
            return false;
        }
    }

    private static String summary(Result r) {
        return r.pending() + " pending, " + r.archived() + " archived, " + r.rawDeleted() + " raw files of earlier "
                + "runs deleted, " + r.failed() + " failed, " + r.lost() + " lost, " + r.skipped() + " still recording, "
                + r.registered() + " registered by the sweep, days completed " + r.daysCompleted()
                + (r.firstFailure() == null ? "" : "; first failure: " + r.firstFailure());
    }

    @Override
    public void close() {
        for (ThreadPoolExecutor pool : List.of(workers, finishers)) {
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("archive: worker threads still busy after 10 s at stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
