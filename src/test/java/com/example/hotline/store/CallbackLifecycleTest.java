package com.example.hotline.store;

import static com.example.hotline.store.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.call.CallFilter;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallTracker;
import com.example.hotline.call.ChannelState;
import com.example.hotline.call.PbxEvent;
import com.example.hotline.call.RingRule;
import com.example.hotline.callback.Callback;
import com.example.hotline.callback.CallbackFilter;
import com.example.hotline.callback.MissedCallListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Callback tasks from missed calls to done, against a real PostgreSQL with the real migrations: the
 * listener sees the calls exactly as the tracker hands them over after saving them.
 */
class CallbackLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:10:00Z");
    private static TestDatabase db;
    private JdbcCallStore calls;
    private JdbcCallbackStore callbacks;
    private MissedCallListener listener;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void emptyTables() {
        db.clear();
        calls = new JdbcCallStore(db.dataSource());
        callbacks = new JdbcCallbackStore(db.dataSource());
        listener = new MissedCallListener(callbacks, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** What the tracker does: save, then tell the listeners. */
    private void saved(CallRecord c) {
        calls.save(c, List.of());
        listener.accept(c);
    }

    private List<Callback> all() {
        return callbacks.search(new CallbackFilter(null, null, null, 1000, 0));
    }

    @Test
    void anUnansweredEndedHotlineCallGetsOneTaskEvenWhenSavedAgain() {
        CallRecord missed = call("m1", "2026-11-23T02:05:00Z").rangUnanswered("8001").build();
        saved(missed);
        saved(missed);
        List<Callback> tasks = all();
        assertEquals(1, tasks.size(), "one task per call: " + tasks);
        Callback t = tasks.get(0);
        assertEquals("m1", t.linkedId(), "linkedId");
        assertEquals("13800138000", t.caller(), "the number to call back");
        assertTrue(t.callable(), "callable");
        assertEquals(Callback.Status.OPEN, t.status(), "open");
        assertEquals(NOW, t.createdAt(), "created at the listener's clock");
        assertNull(t.doneAt(), "not done");
        assertTrue(calls.find("m1").isPresent(), "its call is stored");
    }

    @Test
    void answeredUnendedAndInternalCallsGetNoTask() {
        saved(call("a1", "2026-11-23T02:00:00Z").answeredBy("8001", 3_000).build());
        saved(call("o1", "2026-11-23T02:01:00Z").rangUnanswered("8001").open().build());
        saved(call("i1", "2026-11-23T02:02:00Z").internal().rangUnanswered("8001").build());
        saved(call("r1", "2026-11-23T02:03:00Z").answeredUnseenBy("8002").build());
        assertEquals(List.of(), all(), "answered, still ringing, internal, answered unseen: no task");
    }

    @Test
    void aWithheldNumberStillGetsATaskFlaggedNotCallable() {
        saved(call("w1", "2026-11-23T02:05:00Z").from("<unknown>").build());
        saved(call("w2", "2026-11-23T02:06:00Z").from("").build());
        List<Callback> tasks = all();
        assertEquals(2, tasks.size(), "both missed calls have a task");
        for (Callback t : tasks) {
            assertNull(t.caller(), t.linkedId() + ": no number");
            assertFalse(t.callable(), t.linkedId() + ": flagged as not callable");
        }
    }

    @Test
    void aResyncedMissedCallsTaskSaysItMayHaveBeenAnswered() {
        saved(call("s1", "2026-11-23T02:05:00Z").resynced().build());
        assertTrue(all().get(0).note().contains("may have been answered"), "note: " + all().get(0).note());
    }

    @Test
    void aTaskIsDoneOnceByTheUserWhoCalledBack() {
        saved(call("m1", "2026-11-23T02:05:00Z").build());
        saved(call("m2", "2026-11-23T02:06:00Z").build());
        long id = all().stream().filter(t -> t.linkedId().equals("m1")).findFirst().orElseThrow().id();
        Instant at = NOW.plusSeconds(600);
        Callback done = callbacks.markDone(id, "alice", "called back, leak reported", at)
                .orElseThrow(() -> new AssertionError("open task was not marked done"));
        assertEquals(Callback.Status.DONE, done.status(), "done");
        assertEquals("alice", done.doneBy(), "done by the user");
        assertEquals(at, done.doneAt(), "done at");
        assertEquals("called back, leak reported", done.note(), "note");
        assertTrue(callbacks.markDone(id, "bob", null, at.plusSeconds(1)).isEmpty(), "cannot be done twice");
        assertEquals("alice", callbacks.byId(id).orElseThrow().doneBy(), "the first one keeps it");
        assertEquals(List.of("m2"), linkedIds(Callback.Status.OPEN), "open tasks");
        assertEquals(List.of("m1"), linkedIds(Callback.Status.DONE), "done tasks");
        assertEquals(List.of("m2", "m1"), linkedIds(null), "all tasks, newest first");
        assertTrue(callbacks.markDone(99_999, "alice", null, at).isEmpty(), "unknown task");
    }

    private List<String> linkedIds(Callback.Status status) {
        return callbacks.search(new CallbackFilter(status, null, null, 100, 0)).stream()
                .map(Callback::linkedId).toList();
    }

    @Test
    void theRealTrackerCreatesOneTaskForAnAbandonedCallSeenTwice() {
        CallTracker tracker = new CallTracker(RingRule.china(), calls, "from-carrier", "400");
        tracker.addListener(listener);
        List<CallRecord> endedSaves = new ArrayList<>();
        tracker.addListener(c -> {
            if (c.ended()) {
                endedSaves.add(c);
            }
        });
        Instant t0 = Instant.parse("2026-11-23T02:00:00Z");
        String id = "1795434057.5";
        tracker.accept(new PbxEvent.ChannelCreated(t0, id, id, "PJSIP/carrier-00000001", "13800138000", "",
                "from-carrier", "400", ChannelState.RING), 1);
        tracker.accept(new PbxEvent.DialBegan(t0.plusMillis(50), id, id, "1795434057.6", "PJSIP/8001-00000002"), 2);
        tracker.accept(new PbxEvent.ChannelStateChanged(t0.plusMillis(80), id, "1795434057.6",
                "PJSIP/8001-00000002", ChannelState.RINGING), 3);
        tracker.accept(new PbxEvent.ChannelHungUp(t0.plusSeconds(20), id, "1795434057.6", "PJSIP/8001-00000002",
                16, "Normal Clearing"), 4);
        tracker.accept(new PbxEvent.ChannelHungUp(t0.plusSeconds(20), id, id, "PJSIP/carrier-00000001", 16,
                "Normal Clearing"), 5);
        assertTrue(calls.find(id).orElseThrow().ended(), "the call ended unanswered");
        // a late duplicate hangup: the tracker finds the ended call among the recently ended and saves it again
        tracker.accept(new PbxEvent.ChannelHungUp(t0.plusSeconds(20), id, id, "PJSIP/carrier-00000001", 16,
                "Normal Clearing"), 6);
        assertEquals(2, endedSaves.size(), "the listeners were told of the ended call twice");
        List<Callback> tasks = all();
        assertEquals(1, tasks.size(), "one task: " + tasks);
        assertEquals(id, tasks.get(0).linkedId(), "for the abandoned call");
        assertEquals(calls.search(new CallFilter(null, null, null, false, 10, 0))
                .get(0).id(), tasks.get(0).callId(), "linked to the stored call's id");
    }
}
