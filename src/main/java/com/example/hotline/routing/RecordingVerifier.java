package com.example.hotline.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verify, don't trust: an extension marked as recording whose calls produce no recording, or only
 * silent ones, {@code threshold} calls in a row, loses its flag (demoted in the registry, with the
 * reason) and a {@link Demotion} is handed to the listener (an alert for supervisors). An audible
 * recording resets the count and is remembered as the extension's last recording. Counts live in
 * memory: a restart forgets an unfinished run of bad calls, never a demotion. Thread-safe.
 */
public final class RecordingVerifier implements RecordingFeed {

    private static final Logger log = LoggerFactory.getLogger(RecordingVerifier.class);

    /** An extension just demoted: which, when, why, and the calls that proved it. */
    public record Demotion(String ext, Instant at, String reason, List<String> linkedIds) {
        public Demotion {
            linkedIds = List.copyOf(linkedIds);
        }
    }

    private final RoutingSettings registry;
    private final int threshold;
    private final Consumer<Demotion> listener;
    private final Map<String, List<String>> badRuns = new ConcurrentHashMap<>();

    public RecordingVerifier(RoutingSettings registry, int threshold, Consumer<Demotion> listener) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.registry = registry;
        this.threshold = threshold;
        this.listener = listener;
    }

    @Override
    public void recordingSeen(String ext, String linkedId, Instant at, Grade grade) {
        Extension e = registry.extension(ext);
        if (grade.audible()) {
            badRuns.remove(ext);
            registry.recordingSeen(ext, at);
            return;
        }
        if (!e.records()) {
            return; // nothing to demote: it is not trusted to record
        }
        List<String> run = badRuns.compute(ext, (k, v) -> {
            List<String> l = v == null ? new ArrayList<>() : new ArrayList<>(v);
            l.add(linkedId);
            return l;
        });
        log.warn("extension {}: call {} produced {} recording ({} in a row)", ext, linkedId,
                grade == Grade.MISSING ? "no" : "a silent", run.size());
        if (run.size() < threshold) {
            return;
        }
        badRuns.remove(ext);
        String reason = run.size() + " calls in a row produced " + (grade == Grade.MISSING ? "no recording"
                : "no audible recording") + " (last " + grade.name().toLowerCase(java.util.Locale.ROOT) + "), calls "
                + String.join(", ", run);
        if (registry.demote(ext, at, reason)) {
            listener.accept(new Demotion(ext, at, reason, run));
        }
    }
}
