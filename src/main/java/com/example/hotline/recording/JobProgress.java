package com.example.hotline.recording;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The progress of the run in progress in this server (the API's status and the command line's progress
 * bar). Counters are updated by the worker threads; read from any thread.
 */
public final class JobProgress {

    private final String kind;
    private final long runId;
    private final LocalDate day;
    private final Instant startedAt;
    private volatile int total;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public JobProgress(String kind, long runId, LocalDate day, Instant startedAt) {
        this.kind = kind;
        this.runId = runId;
        this.day = day;
        this.startedAt = startedAt;
    }

    void total(int n) {
        total = n;
    }

    void done() {
        done.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    /** A consistent-enough view for JSON. */
    public record View(String kind, long runId, LocalDate day, Instant startedAt, int total, int done, int failed) {}

    public View view() {
        return new View(kind, runId, day, startedAt, total, done.get(), failed.get());
    }
}
