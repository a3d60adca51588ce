package com.example.hotline.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per user name and per client address in a sliding window and refuses
 * further attempts (even with the right password) once either has too many: a guesser is stopped
 * whether they try many passwords on one name or one password on many names. A success clears the
 * name's count, not the address's. Memory is bounded: old entries are dropped when the table grows.
 * Thread-safe.
 */
public final class LoginLimiter {

    private static final int MAX_KEYS = 20_000;

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** {@code perUser} / {@code perAddress} failures within {@code window} lock further attempts out. */
    public LoginLimiter(int perUser, int perAddress, Duration window, Clock clock) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
    }

    /** The desk's defaults: 5 failures per name, 20 per address, within 15 minutes. */
    public static LoginLimiter standard(Clock clock) {
        return new LoginLimiter(5, 20, Duration.ofMinutes(15), clock);
    }

    /** How long this name or address must wait before trying again; zero when it may try now. */
    public Duration retryAfter(String username, String address) {
        Duration a = wait("u:" + normal(username), perUser);
        Duration b = address == null ? Duration.ZERO : wait("a:" + address, perAddress);
        return a.compareTo(b) >= 0 ? a : b;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> expired(e.getValue(), now));
            if (failures.size() > MAX_KEYS) {
                failures.clear();
            }
        }
        add("u:" + normal(username), now);
        if (address != null) {
            add("a:" + address, now);
        }
    }

    public void succeeded(String username) {
        failures.remove("u:" + normal(username));
    }

    private void add(String key, Instant now) {
        failures.compute(key, (k, q) -> {
            Deque<Instant> d = q == null ? new ArrayDeque<>() : q;
            d.addLast(now);
            while (d.size() > Math.max(perUser, perAddress)) {
                d.removeFirst();
            }
            return d;
        });
    }

    private Duration wait(String key, int limit) {
        Instant now = clock.instant();
        Duration[] out = {Duration.ZERO};
        failures.computeIfPresent(key, (k, d) -> {
            while (!d.isEmpty() && !d.peekFirst().plus(window).isAfter(now)) {
                d.removeFirst();
            }
            if (d.size() >= limit) {
                // free again when enough of the failures in the window have aged out of it
                Instant oldestCounted = d.stream().skip(d.size() - limit).findFirst().orElse(now);
                out[0] = Duration.between(now, oldestCounted.plus(window));
            }
            return d.isEmpty() ? null : d;
        });
        return out[0];
    }

    private boolean expired(Deque<Instant> d, Instant now) {
        Instant last = d.peekLast();
        return last == null || !last.plus(window).isAfter(now);
    }

    private static String normal(String username) {
        return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    }
}
