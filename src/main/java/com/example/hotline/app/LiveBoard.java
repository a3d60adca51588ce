package com.example.hotline.app;

import com.example.hotline.call.CallRecord;
import com.example.hotline.call.RingRule;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live picture of hotline calls in progress: updated from the tracker's listener (call-store
 * thread, after each save), read by each new live socket's hello message. Thread-safe.
 */
final class LiveBoard {

    private final Map<String, CallRecord> active = new ConcurrentHashMap<>();
    /** The latest alerts, so a page opened mid-incident shows them (kept in memory: hello runs on an event loop). */
    private final java.util.Deque<Map<String, Object>> recentAlerts = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final int RECENT_ALERTS = 20;
    private final RingRule rule;
    private final ZoneId zone;

    LiveBoard(RingRule rule, ZoneId zone) {
        this.rule = rule;
        this.zone = zone;
    }

    /** Records the change; returns the message to push, or null for calls the board does not show. */
    Map<String, Object> update(CallRecord call) {
        if (!call.hotline()) {
            return null;
        }
        if (call.ended()) {
            active.remove(call.linkedId());
        } else {
            active.put(call.linkedId(), call);
        }
        return message(call);
    }

    /** Remembers an alert message for the next pages that open. */
    void alert(Map<String, Object> message) {
        recentAlerts.addFirst(message);
        while (recentAlerts.size() > RECENT_ALERTS) {
            recentAlerts.pollLast();
        }
    }

    Map<String, Object> hello() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "hello");
        m.put("ring", Map.of("onMs", rule.on().toMillis(), "offMs", rule.off().toMillis(), "limit", rule.limit()));
        List<Map<String, Object>> calls = new ArrayList<>();
        for (CallRecord c : active.values()) {
            calls.add(message(c));
        }
        m.put("calls", calls);
        List<Map<String, Object>> alerts = new ArrayList<>(recentAlerts);
        java.util.Collections.reverse(alerts); // oldest first: the page prepends each
        m.put("alerts", alerts);
        m.put("serverTime", OffsetDateTime.ofInstant(Instant.now(), zone));
        return m;
    }

    private Map<String, Object> message(CallRecord c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "call");
        m.put("linkedId", c.linkedId());
        m.put("caller", c.caller());
        m.put("state", c.ended() ? "ended" : c.answered() ? "answered" : c.firstRingAt() != null ? "ringing" : "new");
        m.put("startedAt", time(c.startedAt()));
        m.put("firstRingAt", time(c.firstRingAt()));
        m.put("answeredAt", time(c.answeredAt()));
        m.put("answeredBy", c.answeredBy());
        m.put("endedAt", time(c.endedAt()));
        m.put("ringMillis", c.ringMillis());
        m.put("rings", c.rings());
        m.put("withinThreeRings", c.withinThreeRings());
        m.put("routedTo", c.routedTo());
        return m;
    }

    private OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
