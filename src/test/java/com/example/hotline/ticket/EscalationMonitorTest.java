package com.example.hotline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.alert.Alert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The escalation run on an injected clock over a store that only knows deadlines. */
class EscalationMonitorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Deadlines and the escalated marks, as the JDBC store keeps them. */
    static final class DeadlineStore implements LifecycleStore {
        final List<Overdue> deadlines = new ArrayList<>();
        final Set<String> escalated = new HashSet<>();

        private static String key(Overdue o) {
            return o.ticketId() + "/" + o.deadline() + "/" + o.orderId() + "/" + o.dueAt();
        }

        @Override
        public List<Overdue> overdue(Instant now, boolean unescalatedOnly, int limit) {
            return deadlines.stream().filter(o -> !o.dueAt().isAfter(now))
                    .filter(o -> !unescalatedOnly || !escalated.contains(key(o))).limit(limit).toList();
        }

        @Override
        public boolean escalate(Overdue o, Instant at) {
            return escalated.add(key(o));
        }

        @Override public List<Department> departments() { throw new UnsupportedOperationException(); }
        @Override public Department putDepartment(String code, String name) { throw new UnsupportedOperationException(); }
        @Override public List<Technician> technicians(String department) { throw new UnsupportedOperationException(); }
        @Override public Technician addTechnician(NewTechnician t) { throw new UnsupportedOperationException(); }
        @Override public Optional<Technician> updateTechnician(long id, NewTechnician c) {
            throw new UnsupportedOperationException();
        }
        @Override public TicketFile dispatch(String no, DispatchRequest r, String by, Instant at) {
            throw new UnsupportedOperationException();
        }
        @Override public TicketFile advance(String no, Lifecycle.Action a, StepInput in, String by, Instant at) {
            throw new UnsupportedOperationException();
        }
        @Override public Optional<TicketFile> file(String no) { throw new UnsupportedOperationException(); }
        @Override public TicketFile note(String no, String step, Map<String, Object> d, String by, Instant at) {
            throw new UnsupportedOperationException();
        }
        @Override public TicketFile followUpPlaced(String no, String linkedId, Map<String, Object> d, String by,
                Instant at) {
            throw new UnsupportedOperationException();
        }
    }

    private static Overdue due(long ticket, Instant at) {
        return new Overdue(ticket, "2611-000" + ticket, Overdue.DUE, at, null, "registered", "minor", null, null, null,
                "13800138000");
    }

    private static Overdue arrive(long ticket, long order, Instant at) {
        return new Overdue(ticket, "2611-000" + ticket, Overdue.ARRIVE, at, order, "dispatched", null, "eng", 7L,
                "Li", "13800138000");
    }

    @Test
    void eachMissedDeadlineRaisesOneAlertOnceItIsMissed() {
        MovingClock clock = new MovingClock(T0);
        DeadlineStore store = new DeadlineStore();
        store.deadlines.add(due(1, T0.plus(Duration.ofMinutes(10))));
        store.deadlines.add(arrive(2, 5, T0.plus(Duration.ofMinutes(5))));
        store.deadlines.add(arrive(2, 6, T0.plus(Duration.ofMinutes(30))));
        List<Alert> alerts = new ArrayList<>();
        EscalationMonitor m = new EscalationMonitor(store, alerts::add, clock, 100);

        assertEquals(0, m.check(), "nothing due yet");
        clock.now = T0.plus(Duration.ofMinutes(12));
        assertEquals(2, m.check(), "two deadlines passed");
        assertEquals(0, m.check(), "a deadline escalates once");
        clock.now = T0.plus(Duration.ofMinutes(13));
        assertEquals(0, m.check(), "still once a minute later");
        clock.now = T0.plus(Duration.ofMinutes(31));
        assertEquals(1, m.check(), "the third when it passes");
        assertEquals(3, alerts.size(), "one alert per missed deadline: " + alerts);

        Alert arrival = alerts.stream().filter(a -> "arrive".equals(a.details().get("deadline"))).findFirst()
                .orElseThrow();
        assertEquals(EscalationMonitor.ALERT_KIND, arrival.kind());
        assertEquals(T0.plus(Duration.ofMinutes(12)), arrival.raisedAt(), "raised at the clock's time");
        assertEquals("2611-0002", arrival.details().get("ticketNo"));
        assertEquals(7L, arrival.details().get("lateMinutes"), "7 minutes past the 5-minute deadline");
        assertEquals("Li", arrival.details().get("technician"));
        assertEquals(5L, arrival.details().get("orderId"));
        assertNull(arrival.linkedId(), "not a call's alert");
        assertEquals("13800138000", arrival.caller(), "the owner's number");
        assertTrue(arrival.message().contains("ticket 2611-0002") && arrival.message().contains("not on site"),
                arrival.message());
    }

    @Test
    void aBatchLeavesTheRestForTheNextRun() {
        MovingClock clock = new MovingClock(T0);
        DeadlineStore store = new DeadlineStore();
        for (int i = 1; i <= 5; i++) {
            store.deadlines.add(due(i, T0.minusSeconds(i)));
        }
        EscalationMonitor m = new EscalationMonitor(store, a -> { }, clock, 2);
        assertEquals(2, m.check());
        assertEquals(2, m.check());
        assertEquals(1, m.check());
        assertEquals(0, m.check());
    }

    @Test
    void itRunsOnItsOwnNamedThreadAndStops() throws Exception {
        DeadlineStore store = new DeadlineStore();
        store.deadlines.add(due(1, T0));
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch raised = new CountDownLatch(1);
        EscalationMonitor m = new EscalationMonitor(store, a -> {
            threads.add(Thread.currentThread().getName());
            raised.countDown();
        }, new MovingClock(T0.plusSeconds(60)), 10);
        m.start(Duration.ofMillis(20));
        assertTrue(raised.await(5, TimeUnit.SECONDS), "the timer ran");
        m.close();
        assertEquals(List.of("ticket-escalation"), threads);
    }
}
