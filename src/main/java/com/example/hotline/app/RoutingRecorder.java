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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what routing decided off the FastAGI threads (the caller waits there): each call's routing
 * decision and each refused transfer are written by the one {@code routing-log} thread (queue of
 * 10,000; when full the item is logged and dropped, never blocking a call); a refused transfer and a
 * demoted extension also raise an alert (live to supervisors, then stored). Thread-safe.
 */
final class RoutingRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingRecorder.class);

    private final RoutingStore store;
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
        run("call " + v.linkedId() + ": transfer violation", () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("by", v.by());
            details.put("target", v.target());
            details.put("reason", v.reason());
            alerts.raise(new Alert("transfer-refused", v.at(), v.linkedId(), v.uniqueId(), null,
                    "transfer to " + v.target() + " refused: " + v.reason(), details));
            store.saveViolation(v);
        });
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
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("{}: not recorded: {}", what, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.error("{}: dropped, the routing-log queue is full or stopped", what);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("routing-log: {} items not written at shutdown", executor.getQueue().size());
            executor.shutdownNow();
        }
    }
}
