package com.example.hotline.ticket;

import com.example.hotline.alert.Alert;
import com.example.hotline.alert.AlertSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalates missed deadlines: every {@code period} (a minute in the server) on the
 * {@code ticket-escalation} thread, finds the deadlines newly missed (ticket due times, technicians
 * not on site or not started in time), writes one {@code escalated} step for each (idempotent in the
 * store: a deadline escalates once however often it is seen) and raises a {@code ticket-overdue}
 * alert, which the alert bus logs, stores and pushes to the supervisors' live pages. At most
 * {@code batch} deadlines per run; the rest follow on the next run. A failing run is logged and the
 * next one tries again. Thread-safe.
 */
public final class EscalationMonitor implements AutoCloseable {

    public static final String ALERT_KIND = "ticket-overdue";

    private static final Logger log = LoggerFactory.getLogger(EscalationMonitor.class);

    private final LifecycleStore store;
    private final AlertSink sink;
    private final Clock clock;
    private final int batch;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ticket-escalation");
        t.setDaemon(true);
        return t;
    });

    public EscalationMonitor(LifecycleStore store, AlertSink sink, Clock clock, int batch) {
        this.store = store;
        this.sink = sink;
        this.clock = clock;
        this.batch = batch;
    }

    /** Checks every {@code period}, the first time after {@code period}. */
    public void start(Duration period) {
        timer.scheduleWithFixedDelay(this::runSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.error("ticket escalation: check failed, next run retries: {}", e.toString());
        }
    }

    /** One run: escalates every newly missed deadline (up to the batch); returns how many. */
    public int check() {
        Instant now = clock.instant();
        List<Overdue> due = store.overdue(now, true, batch);
        int raised = 0;
        for (Overdue o : due) {
            if (store.escalate(o, now)) {
                sink.raise(alert(o, now));
                raised++;
            }
        }
        if (raised > 0) {
            log.info("ticket escalation: {} deadline(s) escalated", raised);
        }
        return raised;
    }

    static Alert alert(Overdue o, Instant now) {
        long lateMinutes = o.late(now).toMinutes();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ticketNo", o.ticketNo());
        details.put("deadline", o.deadline());
        details.put("dueAt", o.dueAt().toString());
        details.put("lateMinutes", lateMinutes);
        details.put("status", o.status());
        if (o.severity() != null) {
            details.put("severity", o.severity());
        }
        if (o.orderId() != null) {
            details.put("orderId", o.orderId());
            details.put("department", o.department());
            details.put("technicianId", o.technicianId());
            details.put("technician", o.technicianName());
        } else if (o.department() != null) {
            details.put("department", o.department());
        }
        return new Alert(ALERT_KIND, now, null, null, o.phone(),
                "ticket " + o.ticketNo() + ": " + o.what() + ", " + lateMinutes + " min late", details);
    }

    /** Stops the timer, letting a running check finish (up to 5 s). */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
                log.warn("ticket escalation: a check was still running after 5 s and was interrupted");
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
