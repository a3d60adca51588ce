package com.example.hotline.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CallStore in maps, for unit tests of the tracker. Like the database it keeps legs apart from
 * their call and writes only a change's {@code changedLegs}, so a leg the tracker forgot to pass
 * stays stale here too. Thread-safe by synchronisation.
 */
public final class InMemoryCallStore implements CallStore {

    private final Map<String, CallRecord> calls = new LinkedHashMap<>();
    private final Map<String, Map<String, LegRecord>> legs = new LinkedHashMap<>();
    private final List<PbxEvent> events = new ArrayList<>();
    private int saves;

    @Override
    public synchronized void save(CallRecord call, List<PbxEvent> newEvents) {
        put(new Change(call, newEvents));
    }

    @Override
    public synchronized void saveAll(List<Change> changes) {
        for (Change c : changes) {
            put(c);
        }
    }

    private void put(Change c) {
        CallRecord r = c.call();
        Map<String, LegRecord> stored = legs.computeIfAbsent(r.linkedId(), k -> new LinkedHashMap<>());
        for (LegRecord leg : c.changedLegs()) {
            stored.put(leg.uniqueId(), leg);
        }
        calls.put(r.linkedId(), new CallRecord(r.linkedId(), r.uniqueId(), r.caller(), r.callerName(), r.hotline(),
                r.startedAt(), r.firstRingAt(), r.answeredAt(), r.endedAt(), r.answered(), r.answeredBy(),
                r.ringMillis(), r.rings(), r.withinThreeRings(), r.hangupCause(), r.hangupCauseText(), r.route(),
                r.routedTo(), r.recordingFile(), r.resynced(), List.copyOf(stored.values())));
        events.addAll(c.newEvents());
        saves++;
    }

    @Override
    public synchronized Optional<CallRecord> find(String linkedId) {
        return Optional.ofNullable(calls.get(linkedId));
    }

    @Override
    public synchronized List<CallRecord> findOpen() {
        return calls.values().stream().filter(c -> !c.ended()).toList();
    }

    public synchronized List<CallRecord> all() {
        return List.copyOf(calls.values());
    }

    public synchronized List<PbxEvent> events() {
        return List.copyOf(events);
    }

    public synchronized int saves() {
        return saves;
    }
}
