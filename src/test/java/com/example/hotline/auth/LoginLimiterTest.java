package com.example.hotline.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sign-in limit over a clock that the test moves: per name, per address, and the window sliding. */
class LoginLimiterTest {

    /** A clock the test sets. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-11-23T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aNameIsLockedAfterFiveFailuresUntilTheOldestAgesOut() {
        Hand clock = new Hand();
        LoginLimiter limiter = new LoginLimiter(5, 20, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, limiter.retryAfter("amy", "10.0.0.1"), "attempt " + (i + 1) + " allowed");
            limiter.failed("amy", "10.0.0.1");
            clock.now = clock.now.plusSeconds(60);
        }
        Duration wait = limiter.retryAfter("AMY", "10.0.0.2");
        assertEquals(Duration.ofMinutes(10), wait, "the first failure (15 min ago minus 5) frees a slot; case ignored");
        clock.now = clock.now.plus(wait);
        assertEquals(Duration.ZERO, limiter.retryAfter("amy", "10.0.0.2"), "free again once it aged out");
    }

    @Test
    void anAddressIsLockedAfterTwentyFailuresOnAnyNamesAndSuccessClearsOnlyTheName() {
        Hand clock = new Hand();
        LoginLimiter limiter = new LoginLimiter(5, 20, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 20; i++) {
            limiter.failed("user" + i, "10.0.0.9");
        }
        assertTrue(limiter.retryAfter("someone-new", "10.0.0.9").compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, limiter.retryAfter("someone-new", "10.0.0.8"), "another address may try");
        for (int i = 0; i < 4; i++) {
            limiter.failed("bob", "10.0.0.7");
        }
        limiter.succeeded("bob");
        limiter.failed("bob", "10.0.0.7");
        assertEquals(Duration.ZERO, limiter.retryAfter("bob", null), "a success starts the name's count again");
    }
}
