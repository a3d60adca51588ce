package com.example.hotline.call;

import java.time.Duration;

/**
 * Check C1: turns ring time into rings with a ringback cadence and says whether a call was answered
 * within the limit. Ring {@code n} starts at {@code (n-1) × (on + off)}; a call answered after
 * {@code t} ms heard {@code floor(t / period) + 1} rings. With the Chinese cadence (1 s on, 4 s off)
 * and limit 3, "within three rings" means answered before 15 s. Immutable.
 */
public record RingRule(Duration on, Duration off, int limit) {

    public RingRule {
        if (on.isNegative() || on.isZero() || off.isNegative()) {
            throw new IllegalArgumentException("cadence must have a positive on time and a non-negative off time");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("ring limit must be at least 1");
        }
    }

    public static RingRule china() {
        return new RingRule(Duration.ofSeconds(1), Duration.ofSeconds(4), 3);
    }

    public long periodMillis() {
        return on.toMillis() + off.toMillis();
    }

    /** Number of rings that had started after {@code ringMillis} of ringing (at least 1). */
    public int rings(long ringMillis) {
        return (int) (Math.max(0, ringMillis) / periodMillis()) + 1;
    }

    /** True when a call answered after {@code ringMillis} was answered within the limit. */
    public boolean within(long ringMillis) {
        return rings(ringMillis) <= limit;
    }

    /** Ring time at which the first ring past the limit starts: the moment a breach happens. */
    public Duration breachAfter() {
        return Duration.ofMillis(limit * periodMillis());
    }
}
