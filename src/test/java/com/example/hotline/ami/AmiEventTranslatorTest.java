package com.example.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.junit.jupiter.api.Test;

class AmiEventTranslatorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private final AmiEventTranslator translator = new AmiEventTranslator(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anEventWithoutTheIdsOfItsCallIsDroppedAndCounted() {
        DialBeginEvent dial = new DialBeginEvent(this);
        dial.setLinkedId("1795434013.0");
        dial.setUniqueId("1795434013.0");
        assertNull(translator.translate(dial), "no DestUniqueid: which leg rang is unknown");
        NewStateEvent state = new NewStateEvent(this);
        state.setUniqueId("1795434013.1");
        assertNull(translator.translate(state), "no Linkedid: which call is unknown");
        assertEquals(2, translator.incompleteEvents(), "both counted");
        state.setLinkedId("1795434013.0");
        state.setChannelState(5);
        assertNotNull(translator.translate(state), "complete once the ids are there");
    }

    @Test
    void anImpossibleTimestampIsReplacedByTheReceiveTime() {
        NewStateEvent e = new NewStateEvent(this);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1, 0, 1e19}) {
            e.setTimestamp(bad);
            assertEquals(NOW, translator.at(e), "Timestamp " + bad);
        }
        e.setTimestamp(1795434013.25);
        assertEquals(Instant.ofEpochMilli(1795434013250L), translator.at(e), "a real one is kept");
    }
}
