package com.example.hotline.recording;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The access log's play rule on an injected clock: one play per recording per listener per 10 minutes. */
class PlayWindowTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-23T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
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
    void onePlayPerRecordingPerListenerPerWindow() {
        MovingClock clock = new MovingClock();
        PlayWindow w = new PlayWindow(PlayWindow.STANDARD, clock);
        assertTrue(w.begins("session:a", 1), "the first request is a play");
        assertFalse(w.begins("session:a", 1), "the player's next Range request is not");
        assertTrue(w.begins("session:a", 2), "another recording is");
        assertTrue(w.begins("session:b", 1), "another listener is");
        clock.now = clock.now.plus(Duration.ofMinutes(10)).minusMillis(1);
        assertFalse(w.begins("session:a", 1), "still within 10 minutes of the counted play");
        clock.now = clock.now.plusMillis(1);
        assertTrue(w.begins("session:a", 1), "10 minutes after the counted play: a new play");
        assertFalse(w.begins("session:a", 1));
    }

    @Test
    void aPlayThatCouldNotBeLoggedIsCountedAgain() {
        PlayWindow w = new PlayWindow(PlayWindow.STANDARD, new MovingClock());
        assertTrue(w.begins("basic:amy@127.0.0.1", 7));
        w.forget("basic:amy@127.0.0.1", 7);
        assertTrue(w.begins("basic:amy@127.0.0.1", 7), "the next request logs it");
    }

    @Test
    void memoryIsBoundedAndNothingGoesUncounted() {
        MovingClock clock = new MovingClock();
        PlayWindow w = new PlayWindow(Duration.ofMinutes(10), clock);
        for (int i = 0; i < PlayWindow.MAX_ENTRIES; i++) {
            w.begins("l" + i, 1);
        }
        assertTrue(w.begins("l0", 1), "when full, every request counts rather than one going unlogged");
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertTrue(w.begins("l0", 1), "expired listeners are dropped");
        assertFalse(w.begins("l0", 1), "and the rule applies again");
    }
}
