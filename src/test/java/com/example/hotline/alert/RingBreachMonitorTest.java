package com.example.hotline.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.call.CallRecord;
import com.example.hotline.call.RingRule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RingBreachMonitorTest {

    private static final Instant RING = Instant.parse("2026-11-23T08:00:00Z");
    private final LinkedBlockingQueue<Alert> raised = new LinkedBlockingQueue<>();

    private static CallRecord call(boolean hotline, boolean answered, boolean ended) {
        return new CallRecord("1.1", "1.1", "13800138000", "", hotline, RING.minusMillis(50), RING,
                answered ? RING.plusSeconds(3) : null, ended ? RING.plusSeconds(20) : null, answered,
                answered ? "8001" : null, null, null, null, null, null, "agi", List.of("8001"), null, false, List.of());
    }

    private RingBreachMonitor monitorAt(Instant now) {
        return new RingBreachMonitor(RingRule.china(), raised::add, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aCallStillRingingWhenTheFourthRingStartsRaisesABreach() throws Exception {
        try (RingBreachMonitor m = monitorAt(RING.plusMillis(15_020))) {
            m.accept(call(true, false, false));
            Alert a = raised.poll(5, TimeUnit.SECONDS);
            assertTrue(a != null, "a breach was raised");
            assertEquals("ring-breach", a.kind(), "kind");
            assertEquals("1.1", a.linkedId(), "which call");
            assertEquals(4, a.details().get("rings"), "the fourth ring had started");
            assertEquals(0, m.watching(), "timer done");
            m.accept(call(true, false, false)); // a leg hangs up, the call still rings elsewhere
            assertEquals(null, raised.poll(1, TimeUnit.SECONDS), "one breach per call, not one per change");
        }
    }

    @Test
    void anAnswerBeforeTheBreachCancelsTheTimer() throws Exception {
        try (RingBreachMonitor m = monitorAt(RING.plusSeconds(14))) { // timer due in 1 s
            m.accept(call(true, false, false));
            assertEquals(1, m.watching(), "timed while ringing");
            m.accept(call(true, true, false));
            assertEquals(0, m.watching(), "answered: timer cancelled");
            assertEquals(null, raised.poll(1500, TimeUnit.MILLISECONDS), "no breach for an answered call");
        }
    }

    @Test
    void aCallThatEndedUnansweredBeforeTheBreachRaisesNothing() throws Exception {
        try (RingBreachMonitor m = monitorAt(RING.plusSeconds(14))) {
            m.accept(call(true, false, false));
            m.accept(call(true, false, true));
            assertEquals(null, raised.poll(1500, TimeUnit.MILLISECONDS), "the caller hung up at 12 s: missed, "
                    + "not a live breach");
        }
    }

    @Test
    void internalCallsAreNotWatched() {
        try (RingBreachMonitor m = monitorAt(RING.plusSeconds(30))) {
            m.accept(call(false, false, false));
            assertEquals(0, m.watching(), "not a hotline call");
        }
    }
}
