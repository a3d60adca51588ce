package com.example.hotline.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RoutingStore} in memory for unit tests. Thread-safe. */
public final class InMemoryRoutingStore implements RoutingStore {

    volatile Settings settings;

    /** Settings that route every call as office hours (forced open), for tests of the front desk. */
    public static RoutingSettings alwaysOpen() {
        RoutingSettings s = new RoutingSettings(new InMemoryRoutingStore(), java.time.ZoneId.of("UTC"),
                java.time.Clock.systemUTC());
        s.setMode(HoursMode.OPEN);
        return s;
    }
    final Map<String, Extension> extensions = new ConcurrentHashMap<>();
    final List<CallRouting> decisions = new CopyOnWriteArrayList<>();
    final List<Violation> violations = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Settings> loadSettings() {
        return Optional.ofNullable(settings);
    }

    @Override
    public void saveSettings(Settings s) {
        settings = s;
    }

    @Override
    public List<Extension> extensions() {
        return new ArrayList<>(extensions.values());
    }

    @Override
    public void saveExtension(Extension e) {
        extensions.put(e.ext(), e);
    }

    @Override
    public void saveDecision(CallRouting d) {
        decisions.add(d);
    }

    @Override
    public void saveViolation(Violation v) {
        violations.add(v);
    }

    @Override
    public List<Violation> violations(int limit) {
        return violations.subList(0, Math.min(limit, violations.size()));
    }
}
