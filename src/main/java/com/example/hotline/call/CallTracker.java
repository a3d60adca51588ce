package com.example.hotline.call;

import com.example.hotline.call.PbxEvent.CdrReported;
import com.example.hotline.call.PbxEvent.ChannelCreated;
import com.example.hotline.call.PbxEvent.ChannelSnapshot;
import com.example.hotline.call.PbxEvent.PbxShutdown;
import com.example.hotline.call.PbxEvent.Resync;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlates PBX events by Linkedid into calls: caller, start, first ring, answer, who answered, end,
 * legs, hangup cause; persists each call as it progresses and after a (re)connect reconciles its open
 * calls with the PBX's channel list so that a call is neither lost nor duplicated.
 *
 * <p>Events are applied in memory; the calls they changed are handed to a {@link CallWriter} at the
 * end of each run ({@link #handOffChanged}), which stores them. Under a {@link CallEventQueue} the
 * writer runs on its own {@code call-store} thread and the tracker never waits for the database;
 * {@link #accept(PbxEvent, long)} and {@link #flush} write on the calling thread instead.
 *
 * <p>Not thread-safe: every method but {@link #addListener} and {@link #unsavedCalls} runs on the
 * single call-tracker thread ({@link CallEventQueue}). A call leaves memory once all its channels have
 * hung up; the last {@value #RECENTLY_ENDED} ended calls are kept so that a late event finds its call
 * without asking the database.
 */
public final class CallTracker {

    private static final Logger log = LoggerFactory.getLogger(CallTracker.class);
    /** Ended calls kept for late events: minutes of calls at the busiest hour the hotline plans for. */
    private static final int RECENTLY_ENDED = 2_000;

    private final RingRule rule;
    private final CallStore store;
    private final CallWriter writer;
    private final Map<String, Call> active = new HashMap<>();
    private final Map<String, Call> recentlyEnded = new LinkedHashMap<>(RECENTLY_ENDED * 4 / 3 + 1, 0.75f) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Call> eldest) {
            return size() > RECENTLY_ENDED;
        }
    };
    /** Calls changed since the last hand-off to the writer, in order of first change. */
    private final Set<Call> changed = new LinkedHashSet<>();
    private final CallEvents events;

    public CallTracker(RingRule rule, CallStore store, String hotlineContext, String hotlineExten) {
        this.rule = rule;
        this.store = store;
        this.writer = new CallWriter(store);
        this.events = new CallEvents(hotlineContext, hotlineExten);
    }

    /**
     * Registers a listener told of every stored change (live pages, alerts, callbacks): called after
     * the change is in the database, one call at a time and in order, on the thread that wrote it
     * ({@code call-store} under a {@link CallEventQueue}).
     */
    public void addListener(Consumer<CallRecord> listener) {
        writer.addListener(listener);
    }

    /** Starts writing on the {@code call-store} thread; a failed write is retried after {@code retryDelay}. */
    public void startWriter(Duration retryDelay) {
        writer.start(retryDelay);
    }

    /** Stops the {@code call-store} thread and writes what is left on the calling thread. */
    public void stopWriter() {
        writer.close();
    }

    public int activeCalls() {
        return active.size();
    }

    /** Calls with changes handed to the writer and not stored yet (a database outage shows here). Any thread. */
    public int unsavedCalls() {
        return writer.unsaved();
    }

    /** Applies one event that has no queue sequence (tests, direct callers). */
    public void accept(PbxEvent event) {
        accept(event, 0);
    }

    /**
     * Applies one event, {@code sequence} being its order of arrival, and stores the call it changed
     * before returning (on the calling thread).
     */
    public void accept(PbxEvent event, long sequence) {
        acceptBatched(event, sequence);
        flush();
    }

    /**
     * Applies one event like {@link #accept(PbxEvent, long)} but leaves its call to the next
     * {@link #handOffChanged}, so that a burst of events costs one snapshot per call instead of one
     * per event. The caller ({@link CallEventQueue}) hands off whenever its queue runs empty and at
     * least every few hundred events.
     */
    public void acceptBatched(PbxEvent event, long sequence) {
        if (event instanceof Resync r) {
            handOffChanged();
            // resync reads open calls from the store: let it see everything applied so far
            if (!writer.flush()) {
                log.warn("resync: the database lags behind, calls in memory take precedence over stored ones");
            }
            resync(r);
            return;
        }
        if (event instanceof PbxShutdown s) {
            shutdown(s);
            return;
        }
        if (event.linkedId() == null || event.linkedId().isEmpty()) {
            log.debug("event without Linkedid ignored: {}", event);
            return;
        }
        if (event instanceof CdrReported c && seenInFull(c.linkedId())) {
            return; // the AMI delivered this call: its own events are more exact than the CDR's seconds
        }
        Call call = callFor(event.linkedId(), event);
        events.apply(call, event);
        call.lastSequence = Math.max(call.lastSequence, sequence);
        call.pendingEvents.add(event);
        changed.add(call);
    }

    /**
     * Hands every call changed since the last hand-off to the writer (its snapshot and new events);
     * an ended call leaves memory for the recently-ended calls. Returns at once.
     */
    public void handOffChanged() {
        for (Call call : changed) {
            CallRecord snapshot = call.snapshot(rule);
            writer.submit(snapshot, call.takeChangedLegs(snapshot), call.pendingEvents);
            call.pendingEvents.clear();
            if (snapshot.ended() && active.remove(call.linkedId) != null) {
                recentlyEnded.put(call.linkedId, call);
                log.info("call {}: ended, caller={} answeredBy={} ringMillis={} rings={} cause={}", call.linkedId,
                        snapshot.caller(), snapshot.answeredBy(), snapshot.ringMillis(), snapshot.rings(),
                        snapshot.hangupCauseText());
            }
        }
        changed.clear();
    }

    /**
     * Hands off what changed and writes everything not stored yet on the calling thread (tests,
     * draining); returns whether it is all stored. A failed write stays pending.
     */
    public boolean flush() {
        handOffChanged();
        return writer.flush();
    }

    /**
     * The call of this Linkedid: in memory, or handed to the writer and not stored yet, or stored, or
     * new. A call whose first event is the Newchannel of its own originating channel (Uniqueid equal
     * to Linkedid) started now: Asterisk never reuses a uniqueid, so the database is not asked.
     */
    private Call callFor(String linkedId, PbxEvent first) {
        Call call = active.get(linkedId);
        if (call != null) {
            return call;
        }
        call = recentlyEnded.remove(linkedId);
        if (call == null) {
            CallRecord unsaved = writer.latest(linkedId);
            if (unsaved != null) {
                call = Call.restore(unsaved);
            } else if (first instanceof ChannelCreated c && linkedId.equals(c.uniqueId())) {
                call = new Call(linkedId);
            } else {
                call = load(linkedId).map(Call::restore).orElseGet(() -> new Call(linkedId));
            }
        }
        active.put(linkedId, call);
        return call;
    }

    /**
     * The PBX shuts down: it has hung up every channel (their Hangup events came first, with cause 0),
     * so every call still open ends now and those that ended in the last seconds without a cause say
     * why; a resync after the PBX is back finds none of them alive.
     */
    private void shutdown(PbxShutdown s) {
        String why = s.restart() ? "cut: the PBX restarted" : "cut: the PBX shut down";
        Instant since = s.at().minusSeconds(10);
        int cut = 0;
        for (Call call : active.values()) {
            if (call.endedAt == null) {
                for (Call.Leg leg : call.legs.values()) {
                    if (leg.endedAt == null) {
                        leg.endedAt = s.at();
                    }
                }
                call.endedAt = s.at();
                call.resynced = true;
            }
            cut += markCut(call, why);
        }
        for (Call call : recentlyEnded.values()) {
            if (call.endedAt != null && !call.endedAt.isBefore(since)) {
                cut += markCut(call, why);
            }
        }
        handOffChanged();
        log.warn("PBX shutdown at {}: {} calls cut", s.at(), cut);
    }

    private int markCut(Call call, String why) {
        if (call.hangupCauseText != null || call.hangupCause != null && call.hangupCause != 0) {
            return 0;
        }
        call.hangupCauseText = why;
        changed.add(call);
        return 1;
    }

    /** A call whose end the AMI reported (not closed by a resync): nothing for a CDR to add. */
    private boolean seenInFull(String linkedId) {
        Call call = active.get(linkedId);
        if (call == null) {
            call = recentlyEnded.get(linkedId);
        }
        if (call != null) {
            return call.endedAt != null && !call.resynced;
        }
        CallRecord unsaved = writer.latest(linkedId);
        CallRecord stored = unsaved != null ? unsaved : load(linkedId).orElse(null);
        return stored != null && stored.ended() && !stored.resynced();
    }

    /** Known to this tracker: in memory or not stored yet (then newer than what the database holds). */
    private boolean known(String linkedId) {
        return active.containsKey(linkedId) || recentlyEnded.containsKey(linkedId) || writer.latest(linkedId) != null;
    }

    private Optional<CallRecord> load(String linkedId) {
        try {
            return store.find(linkedId);
        } catch (RuntimeException e) {
            log.warn("call {}: cannot look up stored call, tracking it as new: {}", linkedId, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Reconciles with the PBX's list of live channels: live channels join (or recreate) their calls;
     * calls believed open whose channels are all gone ended while events were missed.
     */
    private void resync(Resync r) {
        Map<String, List<ChannelSnapshot>> byCall = new HashMap<>();
        for (ChannelSnapshot ch : r.channels()) {
            byCall.computeIfAbsent(ch.linkedId(), k -> new ArrayList<>()).add(ch);
        }
        Set<String> open = new HashSet<>(active.keySet());
        try {
            for (CallRecord stored : store.findOpen()) {
                if (!known(stored.linkedId())) {
                    active.put(stored.linkedId(), Call.restore(stored));
                    open.add(stored.linkedId());
                }
            }
        } catch (RuntimeException e) {
            log.warn("resync: cannot read open calls from the database: {}", e.getMessage());
        }
        for (Map.Entry<String, List<ChannelSnapshot>> entry : byCall.entrySet()) {
            Call call = callFor(entry.getKey(), null);
            for (ChannelSnapshot ch : entry.getValue()) {
                events.rejoin(call, ch, r.at());
            }
            changed.add(call);
        }
        int closed = 0;
        for (Iterator<String> it = open.iterator(); it.hasNext(); ) {
            String linkedId = it.next();
            if (byCall.containsKey(linkedId)) {
                continue;
            }
            Call call = active.get(linkedId);
            if (call == null || call.endedAt != null) {
                continue;
            }
            if (call.lastSequence > r.requestedAfterSequence()) {
                continue; // it had events after the channel list was requested: it is alive
            }
            for (Call.Leg leg : call.legs.values()) {
                if (leg.endedAt == null) {
                    leg.endedAt = r.at();
                }
            }
            call.endedAt = r.at();
            call.resynced = true;
            if (call.hangupCauseText == null) {
                call.hangupCauseText = "ended while the AMI connection was down";
            }
            changed.add(call);
            closed++;
        }
        handOffChanged();
        log.info("resync: {} live channels in {} calls, {} calls closed that ended unseen, {} calls active",
                r.channels().size(), byCall.size(), closed, active.size());
    }

}
