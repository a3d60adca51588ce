package com.example.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When the tracker asks the database for a call and when it must not: brand-new calls, late events
 * after a call ended, calls whose changes are not stored yet, and what a resync reads.
 */
class CallTrackerLookupTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private final CountingStore store = new CountingStore();
    private final CallTracker tracker = new CallTracker(RingRule.china(), store, "from-carrier", "400");

    private static Instant t(long ms) {
        return T0.plusMillis(ms);
    }

    private static PbxEvent created(String linkedId, String uniqueId, String channel) {
        return new PbxEvent.ChannelCreated(t(0), linkedId, uniqueId, channel, "13800138000", "", "from-carrier",
                "400", ChannelState.RING);
    }

    private static PbxEvent hangup(String linkedId, String uniqueId, String channel, long ms) {
        return new PbxEvent.ChannelHungUp(t(ms), linkedId, uniqueId, channel, 16, "Normal Clearing");
    }

    /** One call, caller and one agent, ringing then abandoned. */
    private static List<PbxEvent> abandoned(String id) {
        return List.of(created(id, id, "PJSIP/carrier-1"),
                new PbxEvent.DialBegan(t(5), id, id, id + "1", "PJSIP/8001-2"),
                new PbxEvent.ChannelStateChanged(t(10), id, id + "1", "PJSIP/8001-2", ChannelState.RINGING),
                hangup(id, id + "1", "PJSIP/8001-2", 20_000),
                hangup(id, id, "PJSIP/carrier-1", 20_001));
    }

    @Test
    void aCallStartingWithItsOwnNewchannelIsNotLookedUp() {
        tracker.accept(created("1.1", "1.1", "PJSIP/carrier-1"), 1);
        assertEquals(0, store.finds.get(), "Uniqueid == Linkedid on the first event: a new call, no lookup");
        assertEquals(1, store.all().size(), "stored");
    }

    @Test
    void aCallFirstSeenMidwayIsLookedUp() {
        // the server started while these calls were in progress: the database may know them
        tracker.accept(new PbxEvent.DialBegan(t(5), "2.1", "2.1", "2.2", "PJSIP/8001-2"), 1);
        tracker.accept(created("3.1", "3.2", "PJSIP/8002-3"), 2);
        assertEquals(2, store.finds.get(), "a DialBegan and another channel's Newchannel are looked up");
    }

    @Test
    void aLateEventAfterTheEndFindsTheCallInMemory() {
        abandoned("4.1").forEach(e -> tracker.accept(e, 1));
        assertEquals(0, tracker.activeCalls(), "the ended call left the active calls");
        assertTrue(store.find("4.1").orElseThrow().ended(), "stored as ended");
        int finds = store.finds.get();
        tracker.accept(new PbxEvent.RecordingStarted(t(20_002), "4.1", "4.1"), 2);
        assertEquals(finds, store.finds.get(), "no database lookup for the late event");
        CallRecord c = store.find("4.1").orElseThrow();
        assertEquals("13800138000", c.caller(), "what was known is kept");
        assertEquals(t(10), c.firstRingAt(), "first ring kept");
        assertTrue(c.ended(), "still ended");
        assertEquals(6, store.events().size(), "the late event stored with the others");
        assertEquals(1, store.all().size(), "one call");
    }

    @Test
    void aLateEventForACallNotStoredYetContinuesFromItsUnsavedState() {
        store.down = true;
        abandoned("5.1").forEach(e -> tracker.acceptBatched(e, 1));
        assertFalse(tracker.flush(), "database down: the ended call waits in the writer");
        tracker.acceptBatched(new PbxEvent.RecordingStarted(t(20_002), "5.1", "5.1"), 2);
        store.down = false;
        assertTrue(tracker.flush(), "stored once the database is back");
        CallRecord c = store.find("5.1").orElseThrow();
        assertEquals(t(10), c.firstRingAt(), "the ringing before the outage is kept");
        assertTrue(c.ended(), "ended");
        assertEquals(6, store.events().size(), "every event stored once");
    }

    @Test
    void aResyncPrefersCallsNotStoredYetOverTheirStaleStoredCopy() {
        List<PbxEvent> call = abandoned("6.1");
        call.subList(0, 3).forEach(e -> tracker.accept(e, 1)); // stored ringing
        store.down = true;
        call.subList(3, 5).forEach(e -> tracker.acceptBatched(e, 2));
        tracker.acceptBatched(new PbxEvent.Resync(t(30_000), 2, List.of()), 3); // the database still says ringing
        store.down = false;
        assertTrue(tracker.flush(), "stored once the database is back");
        CallRecord c = store.find("6.1").orElseThrow();
        assertEquals(t(20_001), c.endedAt(), "ended when it hung up, not when the resync ran");
        assertFalse(c.resynced(), "not closed by the resync: its hangups were seen");
    }

    @Test
    void aResyncThroughTheQueueReadsEverythingAppliedBeforeIt() throws InterruptedException {
        try (CallEventQueue queue = new CallEventQueue(tracker, 1_000, Duration.ofMillis(50))) {
            abandoned("7.1").forEach(queue::submit);
            abandoned("8.1").subList(0, 3).forEach(queue::submit);
            queue.submit(new PbxEvent.Resync(t(30_000), queue.lastSequence(), List.of()));
            queue.drain(Duration.ofSeconds(10));
        }
        assertEquals(8, store.eventsWhenOpenRead, "findOpen ran after every earlier event was stored");
        assertTrue(store.find("8.1").orElseThrow().resynced(), "the ringing call absent from the list was closed");
        assertFalse(store.find("7.1").orElseThrow().resynced(), "the call that hung up normally was not");
    }

    /** Counts lookups; saves fail while {@code down}; notes how many events were stored when open calls were read. */
    private static final class CountingStore implements CallStore {
        private final InMemoryCallStore inner = new InMemoryCallStore();
        final AtomicInteger finds = new AtomicInteger();
        volatile boolean down;
        volatile int eventsWhenOpenRead = -1;

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
            finds.incrementAndGet();
            return inner.find(linkedId);
        }

        @Override
        public List<CallRecord> findOpen() {
            eventsWhenOpenRead = inner.events().size();
            return inner.findOpen();
        }

        List<CallRecord> all() {
            return inner.all();
        }

        List<PbxEvent> events() {
            return inner.events();
        }

        private void check() {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
        }
    }
}
