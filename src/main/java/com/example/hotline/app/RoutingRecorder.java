package com.example.hotline.app;

import com.example.hotline.alert.Alert;
import com.example.hotline.alert.AlertSink;
import com.example.hotline.routing.CallRouting;
import com.example.hotline.routing.RecordingVerifier;
import com.example.hotline.routing.RoutingStore;
import com.example.hotline.routing.Violation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what routing decided off the FastAGI threads (the caller waits there): each call's routing
 * decision and each refused transfer are written by the one {@code routing-log} thread (queue of
 * 10,000; when full the item is logged and dropped, never blocking a call); a refused transfer and a
 * demoted extension also raise an alert (live to supervisors, then stored). A write that fails (the
 * database is down) is tried again every {@value #RETRY_SECONDS} s for up to an hour, at most
 * {@value #MAX_RETRYING} at a time, by the {@code routing-log-retry} thread. Thread-safe.
 */
final class RoutingRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingRecorder.class);

    private static final int RETRY_SECONDS = 5;
    private static final int MAX_ATTEMPTS = 3600 / RETRY_SECONDS;
    private static final int MAX_RETRYING = 10_000;

    private final RoutingStore store;
    private final AtomicInteger retrying = new AtomicInteger();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "routing-log-retry");
        t.setDaemon(true);
        return t;
    });
    private final AlertSink alerts;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "routing-log");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());

    RoutingRecorder(RoutingStore store, AlertSink alerts) {
        this.store = store;
        this.alerts = alerts;
    }

    void decision(CallRouting d) {
        run("call " + d.linkedId() + ": routing decision", () -> store.saveDecision(d));
    }

    void violation(Violation v) {
        run("call " + v.linkedId() + ": transfer violation alert", () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("by", v.by());
            details.put("target", v.target());
            details.put("reason", v.reason());
            alerts.raise(new Alert("transfer-refused", v.at(), v.linkedId(), v.uniqueId(), null,
                    "transfer to " + v.target() + " refused: " + v.reason(), details));
        });
        run("call " + v.linkedId() + ": transfer violation", () -> store.saveViolation(v));
    }

    void demotion(RecordingVerifier.Demotion d) {
        run("extension " + d.ext() + ": demotion alert", () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ext", d.ext());
            details.put("reason", d.reason());
            details.put("calls", d.linkedIds());
            alerts.raise(new Alert("extension-demoted", d.at(), d.linkedIds().isEmpty() ? null
                    : d.linkedIds().get(d.linkedIds().size() - 1), null, null,
                    "extension " + d.ext() + " no longer receives hotline calls: " + d.reason(), details));
        });
    }

    private void run(String what, Runnable work) {
        submit(what, work, 0);
    }

    private void submit(String what, Runnable work, int attempt) {
        try {
            executor.execute(() -> attempt(what, work, attempt));
        } catch (RejectedExecutionException e) {
            log.error("{}: dropped, the routing-log queue is full or stopped", what);
        }
    }

    private void attempt(String what, Runnable work, int attempt) {
        try {
            work.run();
            if (attempt > 0) {
                log.info("{}: recorded on retry {}", what, attempt);
            }
        } catch (RuntimeException e) {
            if (attempt >= MAX_ATTEMPTS || retrying.incrementAndGet() > MAX_RETRYING) {
                if (attempt < MAX_ATTEMPTS) {
                    retrying.decrementAndGet();
                }
                log.error("{}: not recorded, given up after {} attempts: {}", what, attempt + 1, e.toString());
                return;
            }
            log.warn("{}: not recorded yet, will retry in {} s: {}", what, RETRY_SECONDS, e.toString());
            try {
                retries.schedule(() -> {
                    retrying.decrementAndGet();
                    submit(what, work, attempt + 1);
                }, RETRY_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopped) {
                retrying.decrementAndGet();
                log.error("{}: not recorded, stopping: {}", what, e.toString());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        retries.shutdown();
        if (!retries.awaitTermination(5, TimeUnit.SECONDS) || retrying.get() > 0) {
            log.warn("routing-log: {} writes waiting for a retry at shutdown, not recorded", retrying.get());
            retries.shutdownNow();
        }
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("routing-log: {} items not written at shutdown", executor.getQueue().size());
            executor.shutdownNow();
        }
    }
}
