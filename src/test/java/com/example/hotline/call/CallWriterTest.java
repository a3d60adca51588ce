package com.example.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The tracker's writer: coalescing, retries after a failure, order, and when listeners hear of a call. */
class CallWriterTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private final FlakyStore store = new FlakyStore();
    private final List<CallRecord> told = new CopyOnWriteArrayList<>();

    private static CallRecord call(String linkedId, String caller, Instant endedAt) {
        return new CallRecord(linkedId, linkedId, caller, "", true, T0, null, null, endedAt, false, null, null,
                null, null, null, null, null, List.of(), null, false, List.of());
    }

    private static PbxEvent hangup(String linkedId, String uniqueId, long ms) {
        return new PbxEvent.ChannelHungUp(T0.plusMillis(ms), linkedId, uniqueId, "PJSIP/x-1", 16, "Normal Clearing");
    }

    @Test
    void changesOfOneCallAreCoalescedIntoOneWriteWithEveryEventInOrder() {
        CallWriter writer = new CallWriter(store.inner);
        writer.addListener(told::add);
        PbxEvent e1 = hangup("1.1", "1.2", 1);
        PbxEvent e2 = hangup("1.1", "1.3", 2);
        writer.submit(call("1.1", "139", null), List.of(), List.of(e1));
        writer.submit(call("1.1", "139", T0.plusSeconds(9)), List.of(), List.of(e2));
        assertEquals(call("1.1", "139", T0.plusSeconds(9)), writer.latest("1.1"), "newest snapshot pending");
        assertTrue(writer.flush(), "written");
        assertEquals(1, store.inner.saves(), "one call row written, not two");
        assertEquals(List.of(e1, e2), store.inner.events(), "both events, in order");
        assertEquals(List.of(call("1.1", "139", T0.plusSeconds(9))), told, "listeners told once, of the newest");
        assertNull(writer.latest("1.1"), "nothing pending any more");
    }

    @Test
    void aFailedWriteIsRetriedMergedWithNewerChangesAndTellsNobodyUntilStored() {
        CallWriter writer = new CallWriter(store);
        writer.addListener(told::add);
        PbxEvent e1 = hangup("1.1", "1.2", 1);
        PbxEvent e2 = hangup("2.1", "2.2", 2);
        PbxEvent e3 = hangup("1.1", "1.1", 3);
        writer.submit(call("1.1", "139", null), List.of(), List.of(e1));
        writer.submit(call("2.1", "138", null), List.of(), List.of(e2));
        store.down = true;
        assertFalse(writer.flush(), "database down");
        assertTrue(told.isEmpty(), "no listener hears of a change that is not stored");
        assertEquals(2, writer.unsaved(), "both calls still pending");
        writer.submit(call("1.1", "139", T0.plusSeconds(3)), List.of(), List.of(e3));
        store.down = false;
        assertTrue(writer.flush(), "written once the database is back");
        assertEquals(List.of(e1, e3, e2), store.inner.events(),
                "every event once: call 1.1 (both, in order), then 2.1");
        assertEquals(call("1.1", "139", T0.plusSeconds(3)), store.inner.find("1.1").orElseThrow(),
                "the newest snapshot stored");
        assertEquals(List.of("1.1", "2.1"), told.stream().map(CallRecord::linkedId).toList(),
                "listeners told of each call once, in the order they first changed");
        assertEquals(0, writer.unsaved(), "nothing left");
    }

    @Test
    void theLegsChangedBeforeAFailedWriteAreStillWrittenAfterIt() {
        CallWriter writer = new CallWriter(store);
        LegRecord callerRinging = new LegRecord("1.1", "PJSIP/carrier-1", "carrier", LegRecord.Role.CALLER, T0, null,
                null, null, null, null);
        LegRecord agent = new LegRecord("1.2", "PJSIP/8001-2", "8001", LegRecord.Role.DIALED, T0, T0, null, null,
                null, null);
        LegRecord callerEnded = new LegRecord("1.1", "PJSIP/carrier-1", "carrier", LegRecord.Role.CALLER, T0, null,
                null, T0.plusSeconds(9), null, 16);
        writer.submit(call("1.1", "139", null), List.of(callerRinging, agent), List.of());
        writer.submit(call("2.1", "138", null), List.of(), List.of()); // two calls: written with saveAll
        store.down = true;
        assertFalse(writer.flush(), "database down");
        writer.submit(call("1.1", "139", T0.plusSeconds(9)), List.of(callerEnded), List.of());
        store.down = false;
        assertTrue(writer.flush(), "written");
        assertEquals(List.of(callerEnded, agent), store.inner.find("1.1").orElseThrow().legs(),
                "the agent leg from the failed write and the newest caller leg");
    }

    @Test
    void theWriterThreadRetriesOnItsOwnAfterAnOutage() throws InterruptedException {
        CallWriter writer = new CallWriter(store);
        writer.addListener(told::add);
        store.down = true;
        writer.start(Duration.ofMillis(50));
        try {
            writer.submit(call("1.1", "139", null), List.of(), List.of(hangup("1.1", "1.2", 1)));
            waitFor(() -> store.failures >= 2, "at least one retry while down");
            assertTrue(store.inner.all().isEmpty(), "nothing stored while down");
            store.down = false;
            waitFor(() -> told.size() == 1, "the call written after the outage");
            assertEquals(1, store.inner.events().size(), "its event stored once");
        } finally {
            writer.close();
        }
    }

    @Test
    void aLargeBacklogIsWrittenInCappedTransactionsOldestFirst() {
        List<Integer> batchSizes = new ArrayList<>();
        InMemoryCallStore inner = new InMemoryCallStore();
        CallStore counting = new CallStore() {
            @Override
            public void save(CallRecord call, List<PbxEvent> newEvents) {
                batchSizes.add(1);
                inner.save(call, newEvents);
            }

            @Override
            public void saveAll(List<Change> changes) {
                batchSizes.add(changes.size());
                inner.saveAll(changes);
            }

            @Override
            public Optional<CallRecord> find(String linkedId) {
                return inner.find(linkedId);
            }

            @Override
            public List<CallRecord> findOpen() {
                return inner.findOpen();
            }
        };
        CallWriter writer = new CallWriter(counting);
        writer.addListener(told::add);
        int calls = 2 * CallWriter.MAX_BATCH + 1;
        for (int i = 0; i < calls; i++) {
            writer.submit(call(i + ".1", "139", null), List.of(), List.of(hangup(i + ".1", i + ".2", i)));
        }
        assertTrue(writer.flush(), "all written");
        assertEquals(List.of(CallWriter.MAX_BATCH, CallWriter.MAX_BATCH, 1), batchSizes, "capped transactions");
        assertEquals(calls, inner.all().size(), "every call stored");
        assertEquals("0.1", told.get(0).linkedId(), "oldest first");
        assertEquals(calls - 1 + ".1", told.get(calls - 1).linkedId(), "newest last");
    }

    @Test
    void closingWritesWhatIsLeft() {
        CallWriter writer = new CallWriter(store);
        writer.start(Duration.ofMinutes(1));
        writer.submit(call("1.1", "139", null), List.of(), List.of(hangup("1.1", "1.2", 1)));
        writer.close();
        assertEquals(1, store.inner.all().size(), "stored before close returned");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Stands for a database outage: every save fails while {@code down}; counts the failures. */
    static final class FlakyStore implements CallStore {
        final InMemoryCallStore inner = new InMemoryCallStore();
        volatile boolean down;
        volatile int failures;

        @Override
        public void save(CallRecord call, List<PbxEvent> newEvents) {
            check();
            inner.save(call, newEvents);
        }

        @Override
        public void saveAll(List<Change> changes) {
            check();
            inner.saveAll(changes);
        }

        @Override
        public Optional<CallRecord> find(String linkedId) {
            return inner.find(linkedId);
        }

        @Override
        public List<CallRecord> findOpen() {
            return new ArrayList<>(inner.findOpen());
        }

        private void check() {
            if (down) {
                failures++;
                throw new StoreUnavailableException("down", null);
            }
        }
    }
}
