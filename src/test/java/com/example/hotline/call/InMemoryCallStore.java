package com.example.hotline.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A CallStore in a map, for unit tests of the tracker. Thread-safe by synchronisation. */
public final class InMemoryCallStore implements CallStore {

    private final Map<String, CallRecord> calls = new LinkedHashMap<>();
    private final List<PbxEvent> events = new ArrayList<>();
    private int saves;

    @Override
    public synchronized void save(CallRecord call, List<PbxEvent> newEvents) {
        calls.put(call.linkedId(), call);
        events.addAll(newEvents);
        saves++;
    }

    @Override
    public synchronized void saveAll(List<Change> changes) {
        for (Change c : changes) {
            save(c.call(), c.newEvents());
        }
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
