package com.example.hotline.recording;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The jobs' side of the database: the cluster-wide lock (a PostgreSQL advisory lock held on its own
 * connection), the history of runs, the days the archive finished, and the figures of the continuity
 * report. Thread-safe; every method blocks.
 */
public interface JobStore {

    /** A held lock; closing it releases it. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the jobs' lock if no run holds it anywhere (any server instance); empty when one does. */
    Optional<Lock> tryLock();

    /**
     * Marks runs still {@code running} as failed: called by the holder of the lock, so they belong to a
     * server that died during its run. Returns how many.
     */
    int abandonRunning(Instant at);

    long startRun(String kind, LocalDate day, boolean dryRun, String trigger, String instance, Instant at);

    void finishRun(long runId, JobRun.Status status, int total, int done, int failed, int skipped, String message,
                   Instant at);

    /** Runs of a kind (or all kinds for null), newest first. */
    List<JobRun> runs(String kind, int limit);

    /** Records that every recording of {@code day} is archived (with their number at that moment). */
    void completeDay(LocalDate day, long runId, Instant at);

    /**
     * Days up to {@code upTo} on which calls were made or recordings started that are not completed yet,
     * oldest first: what the daily job still has to do.
     */
    List<LocalDate> openDays(LocalDate upTo, java.time.ZoneId zone);

    /** The continuity report's rows for the days [from, to]. */
    List<ContinuityDay> continuity(LocalDate from, LocalDate to, java.time.ZoneId zone);
}
