package com.example.hotline.call;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands PBX events to the {@link CallTracker} on its own single thread ({@code call-tracker}), so
 * producers (the AMI reader thread, FastAGI threads) never block on the database. The queue is
 * bounded; an event that does not fit is counted and logged, never silently lost. Events are applied
 * one by one and saved in runs: when the queue is empty, after {@value #MAX_UNSAVED} events, and
 * before any other task (flush, drain). Thread-safe.
 */
public final class CallEventQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallEventQueue.class);
    /**
     * Longest run of events applied before their calls are saved. Saving once per run instead of once
     * per event is what lets the tracker keep up with a busy PBX (one transaction, each call updated
     * once); a run this long takes a few tens of milliseconds, which bounds how far the stored calls
     * lag behind. When the queue runs empty the changes are saved at once, so a quiet PBX still sees
     * every event saved as it arrives.
     */
    private static final int MAX_UNSAVED = 500;

    private final CallTracker tracker;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService flusher;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** Events applied but not saved yet; touched only on the tracker thread. */
    private int unsaved;

    public CallEventQueue(CallTracker tracker, int capacity, Duration flushInterval) {
        this.tracker = tracker;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), r -> new Thread(r, "call-tracker"),
                new ThreadPoolExecutor.AbortPolicy());
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "call-tracker-flush");
            t.setDaemon(true);
            return t;
        });
        long ms = flushInterval.toMillis();
        flusher.scheduleWithFixedDelay(() -> run(tracker::flushPending), ms, ms, TimeUnit.MILLISECONDS);
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
                // save when the burst is over, or every MAX_UNSAVED events while it lasts
                if (++unsaved >= MAX_UNSAVED || executor.getQueue().isEmpty()) {
                    persistChanged();
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

    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                persistChanged();
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("call tracker task failed: {}", e.toString(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            // queue full: the flush comes again at the next interval
        }
    }

    /** On the tracker thread: saves what the events applied since the last save changed. */
    private void persistChanged() {
        unsaved = 0;
        try {
            tracker.persistChanged();
        } catch (RuntimeException e) {
            log.error("call tracker save failed: {}", e.toString(), e);
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

    /** Waits until every event queued so far has been applied (tests, orderly shutdown). */
    public void drain(Duration timeout) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        executor.execute(() -> {
            persistChanged();
            done.countDown();
        });
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("call tracker did not drain within {}", timeout);
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
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
    }
}
