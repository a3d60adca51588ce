package com.example.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RingRuleTest {

    private final RingRule china = RingRule.china();

    @Test
    void ringNStartsAtNMinusOneTimesFiveSeconds() {
        assertEquals(1, china.rings(0), "answered at once: one ring");
        assertEquals(1, china.rings(4_999), "before the second ring starts");
        assertEquals(2, china.rings(5_000), "the second ring starts at 5 s");
        assertEquals(3, china.rings(14_999), "still the third ring");
        assertEquals(4, china.rings(15_000), "the fourth ring starts at 15 s");
    }

    @Test
    void withinThreeRingsMeansAnsweredBeforeTheFourthStarts() {
        assertTrue(china.within(4_000), "4 s");
        assertTrue(china.within(14_999), "just before the fourth ring");
        assertFalse(china.within(15_000), "the fourth ring has started");
        assertEquals(Duration.ofSeconds(15), china.breachAfter(), "breach moment");
    }

    @Test
    void cadenceAndLimitAreConfiguration() {
        RingRule uk = new RingRule(Duration.ofMillis(1_200), Duration.ofMillis(1_800), 4);
        assertEquals(2, uk.rings(3_000), "3 s cadence: second ring at 3 s");
        assertTrue(uk.within(11_999), "four rings of 3 s");
        assertFalse(uk.within(12_000), "fifth ring");
    }

    @Test
    void nonsensicalRulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RingRule(Duration.ZERO, Duration.ofSeconds(4), 3));
        assertThrows(IllegalArgumentException.class,
                () -> new RingRule(Duration.ofSeconds(1), Duration.ofSeconds(4), 0));
    }
}
