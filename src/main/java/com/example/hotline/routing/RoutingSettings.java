package com.example.hotline.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing settings and the extension registry in force (until an administrator saves office hours:
 * open around the clock, no after-hours candidates): read from the store once at start and
 * kept in memory, so that a call is routed even while the database is down; every change is written
 * to the store first and takes effect only once stored. Reads are lock-free, writes are serialised.
 * Thread-safe.
 */
public final class RoutingSettings {

    private static final Logger log = LoggerFactory.getLogger(RoutingSettings.class);
    public static final int DEFAULT_RING_SECONDS = 20;

    private final RoutingStore store;
    private final Clock clock;
    private final AtomicReference<RoutingStore.Settings> settings = new AtomicReference<>();
    private final AtomicReference<Map<String, Extension>> extensions = new AtomicReference<>(Map.of());

    public RoutingSettings(RoutingStore store, ZoneId zone, Clock clock) {
        this.store = store;
        this.clock = clock;
        settings.set(store.loadSettings().orElseGet(() -> new RoutingStore.Settings(OfficeHours.always(zone),
                HoursMode.AUTO, List.of(), DEFAULT_RING_SECONDS)));
        Map<String, Extension> m = new TreeMap<>();
        for (Extension e : store.extensions()) {
            m.put(e.ext(), e);
        }
        extensions.set(Map.copyOf(m));
    }

    public RoutingStore.Settings settings() {
        return settings.get();
    }

    /** Open or closed now, and why. */
    public HoursState state() {
        return state(clock.instant());
    }

    public HoursState state(Instant at) {
        RoutingStore.Settings s = settings.get();
        return HoursState.of(s.hours(), s.mode(), at);
    }

    public synchronized void setHours(OfficeHours hours) {
        RoutingStore.Settings s = settings.get();
        update(new RoutingStore.Settings(hours, s.mode(), s.afterHoursTargets(), s.afterHoursRingSeconds()));
    }

    public synchronized void setMode(HoursMode mode) {
        RoutingStore.Settings s = settings.get();
        update(new RoutingStore.Settings(s.hours(), mode, s.afterHoursTargets(), s.afterHoursRingSeconds()));
        log.info("routing: office hours override set to {}", mode.wire());
    }

    public synchronized void setAfterHours(List<String> targets, int ringSeconds) {
        for (String t : targets) {
            if (t == null || !Extension.NUMBER.matcher(t).matches()) {
                throw new IllegalArgumentException("targets: each must be 2 to 20 digits, not " + t);
            }
        }
        if (ringSeconds < 5 || ringSeconds > 120) {
            throw new IllegalArgumentException("ringSeconds: 5 to 120");
        }
        RoutingStore.Settings s = settings.get();
        update(new RoutingStore.Settings(s.hours(), s.mode(), targets, ringSeconds));
    }

    private void update(RoutingStore.Settings next) {
        store.saveSettings(next);
        settings.set(next);
    }

    /** The registry's entry, or an unregistered number (never recording). */
    public Extension extension(String ext) {
        Extension e = extensions.get().get(ext);
        return e != null ? e : Extension.unknown(ext);
    }

    public boolean registered(String ext) {
        return extensions.get().containsKey(ext);
    }

    public List<Extension> extensions() {
        return new ArrayList<>(extensions.get().values());
    }

    /**
     * Creates or replaces an entry; what only the server knows (last recording, demotion) is kept. Marking
     * it as recording again clears a demotion: an administrator vouches for the phone anew.
     */
    public synchronized Extension putExtension(String ext, String name, String department, Extension.Kind kind,
                                               boolean records) {
        Extension old = extensions.get().get(ext);
        boolean revouched = records && old != null && !old.records();
        Extension e = new Extension(ext, name, department, kind, records,
                old == null ? null : old.lastRecordingAt(),
                old == null || revouched ? null : old.demotedAt(),
                old == null || revouched ? null : old.demotedReason());
        save(e);
        return e;
    }

    synchronized void recordingSeen(String ext, Instant at) {
        Extension old = extensions.get().get(ext);
        if (old != null && (old.lastRecordingAt() == null || old.lastRecordingAt().isBefore(at))) {
            save(old.withRecording(at));
        }
    }

    /** Takes the flag away; false when it was not set (nothing to demote). */
    synchronized boolean demote(String ext, Instant at, String reason) {
        Extension old = extensions.get().get(ext);
        if (old == null || !old.records()) {
            return false;
        }
        save(old.demoted(at, reason));
        log.warn("extension {}: demoted, no longer receives hotline calls: {}", ext, reason);
        return true;
    }

    private void save(Extension e) {
        store.saveExtension(e);
        Map<String, Extension> m = new TreeMap<>(extensions.get());
        m.put(e.ext(), e);
        extensions.set(Map.copyOf(m));
    }
}
