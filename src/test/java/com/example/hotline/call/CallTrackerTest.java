package com.example.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of correlation that transcripts do not cover: gaps, restarts, races, failures. */
class CallTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final InMemoryCallStore store = new InMemoryCallStore();
    private final CallTracker tracker = new CallTracker(RingRule.china(), store, "from-carrier", "400");

    private static Instant t(long ms) {
        return T0.plusMillis(ms);
    }

    private void startCall(String linkedId, long seq) {
        tracker.accept(new PbxEvent.ChannelCreated(t(0), linkedId, linkedId, "PJSIP/carrier-1", "13800138000",
                "", "from-carrier", "400", ChannelState.RING), seq);
        tracker.accept(new PbxEvent.DialBegan(t(5), linkedId, linkedId, linkedId + "1", "PJSIP/8001-2"), seq);
        tracker.accept(new PbxEvent.ChannelStateChanged(t(10), linkedId, linkedId + "1", "PJSIP/8001-2",
                ChannelState.RINGING), seq);
    }

    private CallRecord stored(String linkedId) {
        return store.find(linkedId).orElseThrow(() -> new AssertionError("call " + linkedId + " not stored"));
    }

    @Test
    void aCallIsSavedAsItProgressesNotOnlyAtTheEnd() {
        startCall("100.1", 1);
        CallRecord c = stored("100.1");
        assertFalse(c.ended(), "still ringing");
        assertEquals(t(10), c.firstRingAt(), "first ring stored while ringing");
        assertTrue(store.saves() >= 3, "saved on every event");
    }

    @Test
    void aCallThatEndedWhileDisconnectedIsClosedByTheResync() {
        startCall("100.1", 1);
        tracker.accept(new PbxEvent.Resync(t(60_000), 1, List.of()), 2);
        CallRecord c = stored("100.1");
        assertTrue(c.ended(), "not in the PBX's channel list: it ended");
        assertTrue(c.resynced(), "flagged as reconstructed");
        assertEquals(t(60_000), c.endedAt(), "ended no later than the resync");
        assertFalse(c.answered(), "never seen answered");
        assertEquals(0, tracker.activeCalls(), "left memory");
    }

    @Test
    void aCallWithEventsAfterTheListWasRequestedIsNotClosed() {
        startCall("100.1", 5); // its events were queued after the listing was requested at sequence 4
        tracker.accept(new PbxEvent.Resync(t(1), 4, List.of()), 6);
        assertFalse(stored("100.1").ended(), "a call that raced the listing stays open");
    }

    @Test
    void afterARestartOpenCallsAreReloadedNotDuplicated() {
        startCall("100.1", 1);
        CallTracker restarted = new CallTracker(RingRule.china(), store, "from-carrier", "400");
        PbxEvent.ChannelSnapshot caller = new PbxEvent.ChannelSnapshot("100.1", "100.1", "PJSIP/carrier-1",
                "13800138000", "", ChannelState.UP, "hotline", "s", 30, "b1");
        PbxEvent.ChannelSnapshot agent = new PbxEvent.ChannelSnapshot("100.1", "100.11", "PJSIP/8001-2",
                "8001", "", ChannelState.UP, "from-internal", "", 29, "b1");
        restarted.accept(new PbxEvent.Resync(t(30_000), 0, List.of(caller, agent)), 1);
        restarted.accept(new PbxEvent.ChannelHungUp(t(40_000), "100.1", "100.1", "PJSIP/carrier-1", 16,
                "Normal Clearing"), 2);
        restarted.accept(new PbxEvent.ChannelHungUp(t(40_001), "100.1", "100.11", "PJSIP/8001-2", 16,
                "Normal Clearing"), 3);
        assertEquals(1, store.all().size(), "one call, not two");
        CallRecord c = stored("100.1");
        assertTrue(c.ended(), "ended after the restart");
        assertEquals(t(10), c.firstRingAt(), "what was known before the restart is kept");
        assertTrue(c.answered(), "answered (seen Up in the listing)");
        assertEquals("8001", c.answeredBy(), "by 8001");
        assertNull(c.ringMillis(), "answer time unknown: no invented ring time");
    }

    @Test
    void aChannelListAppliedAfterTheEventsThatFollowedItStillFillsTheGaps() {
        // connected mid-call: the hangups that came right after the listing won the race through the queue
        tracker.accept(new PbxEvent.ChannelHungUp(t(40_000), "5.1", "5.1", "PJSIP/carrier-1", 16, "Normal Clearing"), 2);
        tracker.accept(new PbxEvent.ChannelHungUp(t(40_001), "5.1", "5.2", "PJSIP/8001-2", 16, "Normal Clearing"), 3);
        PbxEvent.ChannelSnapshot caller = new PbxEvent.ChannelSnapshot("5.1", "5.1", "PJSIP/carrier-1",
                "13800138000", "", ChannelState.UP, "from-carrier", "400", 30, "b1");
        PbxEvent.ChannelSnapshot agent = new PbxEvent.ChannelSnapshot("5.1", "5.2", "PJSIP/8001-2", "8001", "",
                ChannelState.UP, "from-internal", "", 29, "b1");
        tracker.accept(new PbxEvent.Resync(t(39_990), 1, List.of(caller, agent)), 4);
        CallRecord c = stored("5.1");
        assertEquals("13800138000", c.caller(), "caller taken from the listing");
        assertTrue(c.hotline(), "hotline from the listing");
        assertEquals("8001", c.answeredBy(), "answered by, from the listing");
        assertTrue(c.ended(), "still ended: the listing does not reopen it");
        assertEquals(1, store.all().size(), "one call");
    }

    @Test
    void aLocalChannelAnsweringIsNeverWhoAnswered() {
        // the escalation dials the supervisor through Local/s@hotline-escalate; its DialEnd ANSWER may
        // be applied before the supervisor's own Up
        startCall("6.1", 1);
        tracker.accept(new PbxEvent.DialBegan(t(11_000), "6.1", "6.1", "6.3", "Local/s@hotline-escalate-00000001;1"), 2);
        tracker.accept(new PbxEvent.DialProgress(t(12_000), "6.1", "6.1", "6.3", "Local/s@hotline-escalate-00000001;1",
                "ANSWER", true), 3);
        assertFalse(stored("6.1").answered(), "the Local channel is plumbing, not a person");
        tracker.accept(new PbxEvent.ChannelStateChanged(t(12_001), "6.1", "6.4", "PJSIP/8005-3", ChannelState.UP), 4);
        CallRecord c = stored("6.1");
        assertEquals("8005", c.answeredBy(), "the supervisor answered");
        assertEquals(t(12_001), c.answeredAt(), "when the supervisor's phone went Up");
    }

    @Test
    void theAgiEntryMayArriveBeforeTheChannelEvents() {
        tracker.accept(new PbxEvent.HotlineEntered(t(1), "100.1", "100.1", "13800138000", "Zhang",
                List.of("8001", "8002"), "/var/spool/asterisk/monitor/hotline/x.wav"), 1);
        startCall("100.1", 2);
        CallRecord c = stored("100.1");
        assertTrue(c.hotline(), "hotline call");
        assertEquals("agi", c.route(), "routed by the server");
        assertEquals(List.of("8001", "8002"), c.routedTo(), "where it rang");
        assertEquals("/var/spool/asterisk/monitor/hotline/x.wav", c.recordingFile(), "recording file");
        assertEquals("13800138000", c.caller(), "caller");
        assertEquals(1, store.all().size(), "one call");
    }

    @Test
    void whenTheStoreFailsTheChangeIsKeptAndSavedLater() {
        FlakyStore flaky = new FlakyStore();
        CallTracker t = new CallTracker(RingRule.china(), flaky, "from-carrier", "400");
        flaky.down = true;
        t.accept(new PbxEvent.ChannelCreated(t(0), "9.1", "9.1", "PJSIP/carrier-1", "139", "", "from-carrier",
                "400", ChannelState.RING), 1);
        assertTrue(flaky.inner.all().isEmpty(), "nothing saved while down");
        flaky.down = false;
        t.flush();
        assertEquals(1, flaky.inner.all().size(), "saved once the store is back");
        assertEquals(1, flaky.inner.events().size(), "with its pending event");
    }

    @Test
    void aPhoneAnsweringWithoutRingingHasZeroRingTime() {
        tracker.accept(new PbxEvent.ChannelCreated(t(0), "7.1", "7.1", "PJSIP/carrier-1", "139", "",
                "from-carrier", "400", ChannelState.RING), 1);
        tracker.accept(new PbxEvent.DialBegan(t(1), "7.1", "7.1", "7.2", "PJSIP/8003-1"), 2);
        tracker.accept(new PbxEvent.ChannelStateChanged(t(300), "7.1", "7.2", "PJSIP/8003-1", ChannelState.UP), 3);
        CallRecord c = stored("7.1");
        assertEquals(0L, c.ringMillis(), "no ringing heard");
        assertEquals("8003", c.answeredBy(), "answered by 8003");
        assertNotNull(c.answeredAt(), "answer time");
    }

    /** A store that can be switched off, standing for a database outage. */
    private static final class FlakyStore implements CallStore {
        final InMemoryCallStore inner = new InMemoryCallStore();
        volatile boolean down;

        @Override
        public void save(CallRecord call, List<PbxEvent> newEvents) {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            inner.save(call, newEvents);
        }

        @Override
        public void saveAll(List<Change> changes) {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            inner.saveAll(changes);
        }

        @Override
        public java.util.Optional<CallRecord> find(String linkedId) {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            return inner.find(linkedId);
        }

        @Override
        public List<CallRecord> findOpen() {
            return inner.findOpen();
        }
    }
}
