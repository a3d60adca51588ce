package com.example.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calls cut by a PBX shutdown, and filled in from the PBX's CDR after an AMI gap (issue 8, PBX restarted under load). */
class CallTrackerCdrTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final InMemoryCallStore store = new InMemoryCallStore();
    private final CallTracker tracker = new CallTracker(RingRule.china(), store, "from-carrier", "400");

    private static Instant t(long s) {
        return T0.plusSeconds(s);
    }

    private static PbxEvent.CdrReported cdr(String id, String caller, long start, Long answer, long end,
                                            String by) {
        return new PbxEvent.CdrReported(t(end), id, id, caller, t(start), answer == null ? null : t(answer),
                answer == null ? "NO ANSWER" : "ANSWERED", by);
    }

    @Test
    void aCallTheAmiNeverSawIsStoredOnceFromItsCdr() {
        tracker.accept(cdr("200.1", "13800138001", 10, 14L, 20, "8002"), 1);
        tracker.accept(cdr("200.1", "13800138001", 10, 14L, 20, "8002"), 2); // read twice: still one call
        assertEquals(1, store.all().size(), "one call");
        CallRecord c = store.find("200.1").orElseThrow();
        assertEquals("13800138001", c.caller());
        assertTrue(c.ended(), "ended at the record's end");
        assertEquals(t(20), c.endedAt());
        assertTrue(c.answered(), "answered per the CDR");
        assertEquals("8002", c.answeredBy());
        assertTrue(c.resynced(), "marked as reconstructed");
        assertNull(c.ringMillis(), "no ring time invented");
        assertTrue(c.hangupCauseText().contains("AMI connection was down"), c.hangupCauseText());
    }

    @Test
    void aCallClosedByTheResyncGetsItsRealEndAndAnswer() {
        tracker.accept(new PbxEvent.ChannelCreated(t(0), "300.1", "300.1", "PJSIP/carrier-1", "13800138002", "",
                "from-carrier", "400", ChannelState.RING), 1);
        tracker.accept(new PbxEvent.Resync(t(60), 1, List.of()), 2);
        assertEquals(t(60), store.find("300.1").orElseThrow().endedAt(), "closed when the resync noticed");
        tracker.accept(cdr("300.1", "13800138002", 0, null, 5, ""), 3); // 8002 rang until 8001 answered
        tracker.accept(cdr("300.1", "13800138002", 0, 5L, 30, "8001"), 4);
        tracker.accept(cdr("300.1", "13800138002", 0, null, 5, ""), 5); // the same record read again
        CallRecord c = store.find("300.1").orElseThrow();
        assertEquals(t(30), c.endedAt(), "the PBX's end (its last record), earlier than the resync");
        assertEquals("8001", c.answeredBy(), "who answered, from the CDR");
        assertEquals(1, store.all().size());
    }

    @Test
    void aCallTheAmiSawInFullIsNotTouchedByItsCdr() {
        tracker.accept(new PbxEvent.ChannelCreated(t(0), "400.1", "400.1", "PJSIP/carrier-1", "13800138003", "",
                "from-carrier", "400", ChannelState.RING), 1);
        tracker.accept(new PbxEvent.ChannelHungUp(t(9), "400.1", "400.1", "PJSIP/carrier-1", 16, "Normal Clearing"),
                2);
        tracker.accept(cdr("400.1", "13800138003", 0, 3L, 9, "8001"), 3);
        CallRecord c = store.find("400.1").orElseThrow();
        assertFalse(c.resynced(), "the AMI's own account stands");
        assertFalse(c.answered(), "the CDR adds nothing to a call seen in full");
    }

    @Test
    void aShutdownGivesTheCallsItCutAnEndReasonAndEndsTheOpenOnes() {
        tracker.accept(new PbxEvent.ChannelCreated(t(0), "500.1", "500.1", "PJSIP/carrier-1", "13800138004", "",
                "from-carrier", "400", ChannelState.RING), 1);
        tracker.accept(new PbxEvent.ChannelHungUp(t(5), "500.1", "500.1", "PJSIP/carrier-1", 0, null), 2);
        tracker.accept(new PbxEvent.ChannelCreated(t(1), "600.1", "600.1", "PJSIP/carrier-2", "13800138005", "",
                "from-carrier", "400", ChannelState.RING), 3);
        tracker.accept(new PbxEvent.ChannelCreated(t(0), "700.1", "700.1", "PJSIP/carrier-3", "13800138006", "",
                "from-carrier", "400", ChannelState.RING), 4);
        tracker.accept(new PbxEvent.ChannelHungUp(t(3), "700.1", "700.1", "PJSIP/carrier-3", 16, "Normal Clearing"), 5);
        tracker.accept(new PbxEvent.PbxShutdown(t(6), false), 6);
        assertEquals("cut: the PBX shut down", store.find("500.1").orElseThrow().hangupCauseText(), "hung up by it");
        CallRecord open = store.find("600.1").orElseThrow();
        assertTrue(open.ended(), "nothing survives a shutdown");
        assertEquals(t(6), open.endedAt());
        assertEquals("cut: the PBX shut down", open.hangupCauseText());
        assertEquals("Normal Clearing", store.find("700.1").orElseThrow().hangupCauseText(), "ended on its own");
        assertEquals(0, tracker.activeCalls());
    }
}
