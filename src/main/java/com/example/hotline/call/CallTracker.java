package com.example.hotline.call;

import com.example.hotline.call.PbxEvent.ChannelSnapshot;
import com.example.hotline.call.PbxEvent.Resync;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlates PBX events by Linkedid into calls: caller, start, first ring, answer, who answered, end,
 * legs, hangup cause; persists each call as it progresses and after a (re)connect reconciles its open
 * calls with the PBX's channel list so that a call is neither lost nor duplicated.
 *
 * <p>Not thread-safe: every method runs on the single call-tracker thread
 * ({@link CallEventQueue}). A call leaves memory once all its channels have hung up and it is saved.
 */
public final class CallTracker {

    private static final Logger log = LoggerFactory.getLogger(CallTracker.class);

    private final RingRule rule;
    private final CallStore store;
    private final Map<String, Call> active = new HashMap<>();
    private final List<Consumer<CallRecord>> listeners = new CopyOnWriteArrayList<>();
    /** Calls changed by {@link #acceptBatched} and not saved yet, in order of first change. */
    private final Set<Call> changed = new LinkedHashSet<>();
    private final CallEvents events;

    public CallTracker(RingRule rule, CallStore store, String hotlineContext, String hotlineExten) {
        this.rule = rule;
        this.store = store;
        this.events = new CallEvents(hotlineContext, hotlineExten);
    }

    /** Registers a listener told of every saved change (live pages, alerts). Called on the tracker thread. */
    public void addListener(Consumer<CallRecord> listener) {
        listeners.add(listener);
    }

    public int activeCalls() {
        return active.size();
    }

    /** Applies one event that has no queue sequence (tests, direct callers). */
    public void accept(PbxEvent event) {
        accept(event, 0);
    }

    /** Applies one event, {@code sequence} being its order of arrival; saves the call it changed. */
    public void accept(PbxEvent event, long sequence) {
        Call call = track(event, sequence);
        if (call != null) {
            persist(call);
        }
    }

    /**
     * Applies one event like {@link #accept(PbxEvent, long)} but leaves the save to the next
     * {@link #persistChanged}, so that a burst of events costs one transaction instead of one each.
     * The caller ({@link CallEventQueue}) calls persistChanged whenever its queue runs empty and at
     * least every few hundred events, which bounds how far the database lags behind the PBX.
     */
    public void acceptBatched(PbxEvent event, long sequence) {
        if (event instanceof Resync) {
            persistChanged(); // resync reads open calls from the store: let it see everything applied so far
        }
        Call call = track(event, sequence);
        if (call != null) {
            changed.add(call);
        }
    }

    /** Saves every call changed since the last call of this method, in one store transaction. */
    public void persistChanged() {
        if (changed.isEmpty()) {
            return;
        }
        List<Call> calls = new ArrayList<>(changed.size());
        for (Call call : changed) {
            if (call.dirty) {
                calls.add(call);
            }
        }
        changed.clear();
        if (calls.size() == 1) {
            persist(calls.get(0));
            return;
        }
        List<CallRecord> snapshots = new ArrayList<>(calls.size());
        List<CallStore.Change> changes = new ArrayList<>(calls.size());
        for (Call call : calls) {
            CallRecord snapshot = call.snapshot(rule);
            snapshots.add(snapshot);
            changes.add(new CallStore.Change(snapshot, List.copyOf(call.pendingEvents)));
        }
        try {
            store.saveAll(changes);
        } catch (CallStore.StoreUnavailableException e) {
            log.warn("{} calls: not saved yet, will retry: {}", calls.size(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            // one bad call must not hold back the others: save each on its own, each logs its failure
            log.warn("{} calls: saving together failed, saving one by one: {}", calls.size(), e.getMessage());
            for (Call call : calls) {
                persist(call);
            }
            return;
        }
        for (int i = 0; i < calls.size(); i++) {
            saved(calls.get(i), snapshots.get(i));
        }
    }

    /** Applies one event to its call in memory and returns that call (null when nothing is to be saved). */
    private Call track(PbxEvent event, long sequence) {
        if (event instanceof Resync r) {
            resync(r);
            return null;
        }
        if (event.linkedId() == null || event.linkedId().isEmpty()) {
            log.debug("event without Linkedid ignored: {}", event);
            return null;
        }
        Call call = callFor(event.linkedId());
        events.apply(call, event);
        call.lastSequence = Math.max(call.lastSequence, sequence);
        call.pendingEvents.add(event);
        call.dirty = true;
        return call;
    }

    /** Retries saving calls whose last save failed (database was unavailable). */
    public void flushPending() {
        for (Call call : new ArrayList<>(active.values())) {
            if (call.dirty) {
                persist(call);
            }
        }
    }

    private Call callFor(String linkedId) {
        Call call = active.get(linkedId);
        if (call == null) {
            call = load(linkedId).map(Call::restore).orElseGet(() -> new Call(linkedId));
            active.put(linkedId, call);
        }
        return call;
    }

    private Optional<CallRecord> load(String linkedId) {
        try {
            return store.find(linkedId);
        } catch (RuntimeException e) {
            log.warn("call {}: cannot look up stored call, tracking it as new: {}", linkedId, e.getMessage());
            return Optional.empty();
        }
    }

    private void persist(Call call) {
        CallRecord snapshot = call.snapshot(rule);
        try {
            store.save(snapshot, List.copyOf(call.pendingEvents));
        } catch (RuntimeException e) {
            log.warn("call {}: not saved yet ({} events pending), will retry: {}", call.linkedId,
                    call.pendingEvents.size(), e.getMessage());
            return;
        }
        saved(call, snapshot);
    }

    /** After a successful save: forget the saved events, drop an ended call from memory, tell listeners. */
    private void saved(Call call, CallRecord snapshot) {
        call.pendingEvents.clear();
        call.dirty = false;
        if (snapshot.ended()) {
            active.remove(call.linkedId);
            log.info("call {}: ended, caller={} answeredBy={} ringMillis={} rings={} cause={}", call.linkedId,
                    snapshot.caller(), snapshot.answeredBy(), snapshot.ringMillis(), snapshot.rings(),
                    snapshot.hangupCauseText());
        }
        for (Consumer<CallRecord> l : listeners) {
            try {
                l.accept(snapshot);
            } catch (RuntimeException e) {
                log.warn("call {}: listener failed: {}", call.linkedId, e.toString());
            }
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
                if (!active.containsKey(stored.linkedId())) {
                    active.put(stored.linkedId(), Call.restore(stored));
                }
                open.add(stored.linkedId());
            }
        } catch (RuntimeException e) {
            log.warn("resync: cannot read open calls from the database: {}", e.getMessage());
        }
        for (Map.Entry<String, List<ChannelSnapshot>> entry : byCall.entrySet()) {
            Call call = callFor(entry.getKey());
            for (ChannelSnapshot ch : entry.getValue()) {
                events.rejoin(call, ch, r.at());
            }
            call.dirty = true;
            persist(call);
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
            call.dirty = true;
            persist(call);
            closed++;
        }
        log.info("resync: {} live channels in {} calls, {} calls closed that ended unseen, {} calls active",
                r.channels().size(), byCall.size(), closed, active.size());
    }

}
