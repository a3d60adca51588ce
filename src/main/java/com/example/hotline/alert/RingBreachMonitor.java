package com.example.hotline.alert;

import com.example.hotline.call.CallRecord;
import com.example.hotline.call.RingRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One timer per ringing hotline call: when the first ring past the limit starts (default the fourth,
 * 15 s after the first ring) and nobody has answered, a {@code ring-breach} alert is raised at once,
 * while the phones still ring. Fed with stored call snapshots by the tracker (its listener, on the
 * call-store thread); the timers run
 * on the {@code ring-breach} thread. The ring start is the PBX's timestamp, so the PBX and this host
 * must share a clock (NTP), as they do for the local PBX.
 */
public final class RingBreachMonitor implements Consumer<CallRecord>, AutoCloseable {

    private final RingRule rule;
    private final AlertSink sink;
    private final Clock clock;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ring-breach");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, CallRecord> latest = new ConcurrentHashMap<>();
    /** Calls already alerted: one breach per call, however many changes follow until it ends. */
    private final java.util.Set<String> breached = ConcurrentHashMap.newKeySet();

    public RingBreachMonitor(RingRule rule, AlertSink sink, Clock clock) {
        this.rule = rule;
        this.sink = sink;
        this.clock = clock;
    }

    /** Called by the tracker's writer (call-store thread) after each saved change of a call, one at a time. */
    @Override
    public void accept(CallRecord call) {
        String id = call.linkedId();
        if (!call.hotline() || call.answered() || call.ended()) {
            latest.remove(id);
            breached.remove(id);
            ScheduledFuture<?> f = pending.remove(id);
            if (f != null) {
                f.cancel(false);
            }
            return;
        }
        if (breached.contains(id)) {
            return;
        }
        latest.put(id, call);
        if (call.firstRingAt() == null || pending.containsKey(id)) {
            return;
        }
        Instant breachAt = call.firstRingAt().plus(rule.breachAfter());
        long delayMs = Math.max(0, Duration.between(clock.instant(), breachAt).toMillis());
        // scheduled inside compute: a timer due at once would otherwise fire before its entry exists,
        // and its remove() would miss it; compute makes that remove wait for the entry
        pending.compute(id, (k, existing) -> existing != null ? existing
                : timers.schedule(() -> fire(id), delayMs, TimeUnit.MILLISECONDS));
    }

    private void fire(String linkedId) {
        pending.remove(linkedId);
        CallRecord call = latest.remove(linkedId);
        if (call == null || call.answered() || call.ended() || !breached.add(linkedId)) {
            return; // answered or ended between the last check and now, or already alerted
        }
        Instant now = clock.instant();
        long ringingMs = Duration.between(call.firstRingAt(), now).toMillis();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("firstRingAt", call.firstRingAt().toString());
        details.put("ringingMillis", ringingMs);
        details.put("rings", rule.rings(ringingMs));
        details.put("limit", rule.limit());
        details.put("routedTo", call.routedTo());
        sink.raise(new Alert("ring-breach", now, call.linkedId(), call.uniqueId(), call.caller(),
                "not answered within " + rule.limit() + " rings, still ringing", details));
    }

    /** Calls being timed right now (for tests and metrics). */
    public int watching() {
        return pending.size();
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
