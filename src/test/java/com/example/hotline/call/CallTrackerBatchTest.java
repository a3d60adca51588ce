package com.example.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Saving in runs ({@link CallTracker#acceptBatched}, {@link CallTracker#handOffChanged}, as the
 * {@link CallEventQueue} does) must store exactly what saving on every event stores.
 */
class CallTrackerBatchTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private static Instant t(long ms) {
        return T0.plusMillis(ms);
    }

    /** Two overlapping calls: one answered by 8001, one abandoned. */
    private static List<PbxEvent> twoCalls() {
        return List.of(
                new PbxEvent.ChannelCreated(t(0), "1.0", "1.0", "PJSIP/carrier-0", "139", "", "from-carrier", "400",
                        ChannelState.RING),
                new PbxEvent.DialBegan(t(5), "1.0", "1.0", "1.1", "PJSIP/8001-1"),
                new PbxEvent.ChannelCreated(t(7), "2.0", "2.0", "PJSIP/carrier-2", "138", "", "from-carrier", "400",
                        ChannelState.RING),
                new PbxEvent.ChannelStateChanged(t(10), "1.0", "1.1", "PJSIP/8001-1", ChannelState.RINGING),
                new PbxEvent.DialBegan(t(12), "2.0", "2.0", "2.1", "PJSIP/8002-3"),
                new PbxEvent.ChannelStateChanged(t(15), "2.0", "2.1", "PJSIP/8002-3", ChannelState.RINGING),
                new PbxEvent.ChannelStateChanged(t(4010), "1.0", "1.1", "PJSIP/8001-1", ChannelState.UP),
                new PbxEvent.DialProgress(t(4011), "1.0", "1.0", "1.1", "PJSIP/8001-1", "ANSWER", true),
                new PbxEvent.ChannelHungUp(t(6000), "2.0", "2.1", "PJSIP/8002-3", 16, "Normal Clearing"),
                new PbxEvent.ChannelHungUp(t(6001), "2.0", "2.0", "PJSIP/carrier-2", 16, "Normal Clearing"),
                new PbxEvent.ChannelHungUp(t(9000), "1.0", "1.1", "PJSIP/8001-1", 16, "Normal Clearing"),
                new PbxEvent.ChannelHungUp(t(9001), "1.0", "1.0", "PJSIP/carrier-0", 16, "Normal Clearing"));
    }

    @Test
    void savingInRunsStoresWhatSavingEveryEventStores() {
        InMemoryCallStore eachEvent = new InMemoryCallStore();
        CallTracker one = new CallTracker(RingRule.china(), eachEvent, "from-carrier", "400");
        InMemoryCallStore inRuns = new InMemoryCallStore();
        CallTracker batched = new CallTracker(RingRule.china(), inRuns, "from-carrier", "400");
        List<PbxEvent> events = twoCalls();
        for (int i = 0; i < events.size(); i++) {
            one.accept(events.get(i), i + 1);
            batched.acceptBatched(events.get(i), i + 1);
            if (i == 5) {
                batched.flush(); // a run ends mid-call: both calls saved while ringing
                assertEquals(2, inRuns.all().size(), "both ringing calls saved at the end of the first run");
            }
        }
        assertEquals(2, inRuns.all().size(), "still two calls before the second run is saved");
        batched.flush();
        assertEquals(eachEvent.all(), inRuns.all(), "same calls, legs and times as saving on every event");
        assertEquals(eachEvent.events(), inRuns.events().stream()
                .sorted((a, b) -> Integer.compare(events.indexOf(a), events.indexOf(b))).toList(),
                "every event stored once");
        assertEquals(4, inRuns.saves(), "two runs × two calls: one save per call per run");
        assertEquals(0, batched.activeCalls(), "ended calls left memory once saved");
    }

    @Test
    void aRunThatCannotBeSavedIsKeptAndSavedLaterOnce() {
        FlakyStore store = new FlakyStore();
        CallTracker t = new CallTracker(RingRule.china(), store, "from-carrier", "400");
        store.down = true;
        List<PbxEvent> events = twoCalls().subList(0, 6);
        for (int i = 0; i < events.size(); i++) {
            t.acceptBatched(events.get(i), i + 1);
        }
        assertFalse(t.flush(), "the write failed");
        assertTrue(store.inner.all().isEmpty(), "nothing saved while the database is down");
        store.down = false;
        t.flush();
        assertEquals(2, store.inner.all().size(), "both calls saved once the database is back");
        assertEquals(6, store.inner.events().size(), "each pending event saved exactly once");
    }

    @Test
    void theQueueSavesEverythingBeforeADrainReturns() throws InterruptedException {
        InMemoryCallStore store = new InMemoryCallStore();
        CallTracker tracker = new CallTracker(RingRule.china(), store, "from-carrier", "400");
        try (CallEventQueue queue = new CallEventQueue(tracker, 1_000, Duration.ofMinutes(1))) {
            for (PbxEvent e : twoCalls()) {
                queue.submit(e);
            }
            queue.drain(Duration.ofSeconds(10));
            assertEquals(2, store.all().size(), "both calls stored");
            assertTrue(store.all().stream().allMatch(CallRecord::ended), "both ended");
            assertEquals(twoCalls().size(), store.events().size(), "every event stored once");
        }
    }

    /** Stands for a database outage: every save fails while {@code down}. */
    private static final class FlakyStore implements CallStore {
        final InMemoryCallStore inner = new InMemoryCallStore();
        volatile boolean down;

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
                throw new StoreUnavailableException("down", null);
            }
        }
    }
}
