package com.example.hotline.call;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands PBX events to the {@link CallTracker} on its own single thread ({@code call-tracker}), so
 * producers (the AMI reader thread, FastAGI threads) never block on the database, and starts the
 * tracker's writer on the {@code call-store} thread, so the tracker does not either. The queue is
 * bounded; an event that does not fit is counted and logged, never silently lost. Events are applied
 * one by one and their calls handed to the writer in runs: when the queue is empty, after
 * {@value #MAX_UNSAVED} events, and before a drain. Thread-safe.
 */
public final class CallEventQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallEventQueue.class);
    /**
     * Longest run of events applied before their calls are handed to the writer. Handing off once per
     * run instead of once per event costs one snapshot per call and run; a run this long takes a few
     * milliseconds, which bounds how far the writer lags behind the tracker. When the queue runs empty
     * the changes are handed off at once, so a quiet PBX still sees every event stored as it arrives.
     */
    private static final int MAX_UNSAVED = 500;

    private final CallTracker tracker;
    private final ThreadPoolExecutor executor;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** Events applied but not handed to the writer yet; touched only on the tracker thread. */
    private int unsaved;

    /** {@code retryInterval}: how long the writer waits before trying again after a failed write. */
    public CallEventQueue(CallTracker tracker, int capacity, Duration retryInterval) {
        this.tracker = tracker;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), r -> new Thread(r, "call-tracker"),
                new ThreadPoolExecutor.AbortPolicy());
        tracker.startWriter(retryInterval);
    }

    /** Queues an event; returns false (and logs) when the queue is full or closed. */
    public synchronized boolean submit(PbxEvent event) {
        // synchronized: sequence numbers follow queue order, which resync relies on
        long seq = sequence.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    tracker.acceptBatched(event, seq);
                } catch (RuntimeException e) {
                    log.error("call {}: event {} failed: {}", event.linkedId(), event.getClass().getSimpleName(),
                            e.toString(), e);
                }
                // hand off when the burst is over, or every MAX_UNSAVED events while it lasts
                if (++unsaved >= MAX_UNSAVED || executor.getQueue().isEmpty()) {
                    handOffChanged();
                }
            });
            accepted.incrementAndGet();
            return true;
        } catch (RejectedExecutionException e) {
            long n = rejected.incrementAndGet();
            log.error("call {}: event {} dropped, tracker queue full or closed ({} dropped so far)",
                    event.linkedId(), event.getClass().getSimpleName(), n);
            return false;
        }
    }

    /** On the tracker thread: hands what the events applied since the last hand-off changed to the writer. */
    private void handOffChanged() {
        unsaved = 0;
        try {
            tracker.handOffChanged();
        } catch (RuntimeException e) {
            log.error("call tracker hand-off failed: {}", e.toString(), e);
        }
    }

    /** Sequence number of the last event queued so far. */
    public long lastSequence() {
        return sequence.get();
    }

    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public int backlog() {
        return executor.getQueue().size();
    }

    /**
     * Waits until every event queued so far has been applied and stored (tests, orderly shutdown);
     * the last write runs on the tracker thread. When the database is down it returns with the
     * changes still pending (the writer keeps retrying).
     */
    public void drain(Duration timeout) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        executor.execute(() -> {
            unsaved = 0;
            try {
                tracker.flush();
            } catch (RuntimeException e) {
                log.error("call tracker flush failed: {}", e.toString(), e);
            }
            done.countDown();
        });
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("call tracker did not drain within {}", timeout);
        }
    }

    /** Applies what is queued (up to 10 s), then stops the writer, which stores what is left. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("call tracker still busy after 10 s, {} events left", executor.getQueue().size());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        tracker.stopWriter();
    }
}
