package com.example.hotline.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a request for a recording's audio is a new play for the access log. A browser's player asks
 * for the audio many times while it plays and seeks (one HTTP Range request each); the log wants one
 * line per listening, so a request counts as a play only when the same listener has no play of the
 * same recording counted in the last {@code window} (10 minutes: {@link #STANDARD}). A listener is a
 * browser session, or for HTTP Basic a user at one client address.
 *
 * <p>Kept in memory: a server restart, or a second server instance, may count a listening once more.
 * At most {@value #MAX_ENTRIES} listeners are remembered at once (expired ones are dropped first);
 * beyond that every request counts, so memory stays bounded and nothing goes unlogged. Thread-safe.
 */
public final class PlayWindow {

    public static final Duration STANDARD = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 100_000;

    private record Key(String listener, long recordingId) {}

    private final Duration window;
    private final Clock clock;
    private final Map<Key, Instant> counted = new ConcurrentHashMap<>();

    public PlayWindow(Duration window, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("play window must be positive: " + window);
        }
        this.window = window;
        this.clock = clock;
    }

    public Duration window() {
        return window;
    }

    /**
     * True when this request begins a play to be logged: no play of {@code recordingId} by
     * {@code listener} was counted less than the window ago. The play is counted from now.
     */
    public boolean begins(String listener, long recordingId) {
        Instant now = clock.instant();
        if (counted.size() >= MAX_ENTRIES) {
            counted.values().removeIf(at -> !at.plus(window).isAfter(now));
            if (counted.size() >= MAX_ENTRIES) {
                return true;
            }
        }
        boolean[] begins = {false};
        counted.compute(new Key(listener, recordingId), (k, at) -> {
            if (at == null || !at.plus(window).isAfter(now)) {
                begins[0] = true;
                return now;
            }
            return at;
        });
        return begins[0];
    }

    /** Takes back a play that could not be written to the log, so that the next request counts it. */
    public void forget(String listener, long recordingId) {
        counted.remove(new Key(listener, recordingId));
    }
}
