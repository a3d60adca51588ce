package com.example.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontDeskRouterTest {

    private static final List<String> DESK = List.of("8001", "8002", "8003", "8004");
    private static final Duration OFFER = Duration.ofSeconds(11);
    private static final Duration MAX = Duration.ofSeconds(45);

    private static FrontDeskRouter router(FrontDeskRouter.Strategy s) {
        return new FrontDeskRouter(DESK, "8005", s, OFFER, Duration.ofSeconds(4), MAX);
    }

    private static final Map<String, DeviceState> TWO_FREE = Map.of("8001", DeviceState.FREE, "8002", DeviceState.BUSY,
            "8003", DeviceState.FREE, "8004", DeviceState.UNAVAILABLE, "8005", DeviceState.FREE);

    @Test
    void ringAllOffersEveryFreeAgentAtOnceAndTheSupervisorJoinsWhenTheThirdRingEnds() {
        RouteDecision d = router(FrontDeskRouter.Strategy.RING_ALL).decide(TWO_FREE);
        assertEquals(1, d.stages().size(), "one stage: the phones are never cancelled and re-offered");
        RouteDecision.Stage s = d.stages().get(0);
        assertEquals(List.of("8001", "8003"), s.extensions(), "free agents only (8002 busy, 8004 not registered)");
        assertEquals("PJSIP/8001&PJSIP/8003&Local/x", s.dialString("Local/x"), "supervisor joins through escalation");
        assertEquals(MAX, s.timeout(), "rings up to the maximum, then the fallback");
        assertEquals("8005", d.escalation().extension(), "supervisor");
        assertEquals(OFFER, d.escalation().after(), "joins when the last allowed ring ends");
        assertEquals(List.of("8001", "8003", "8005"), d.offered(), "who may be reached");
    }

    @Test
    void huntOffersEveryFreeAgentBeforeTheThirdRingEndsThenAllWithTheSupervisor() {
        Map<String, DeviceState> allFree = Map.of("8001", DeviceState.FREE, "8002", DeviceState.FREE,
                "8003", DeviceState.FREE, "8004", DeviceState.FREE, "8005", DeviceState.FREE);
        RouteDecision d = router(FrontDeskRouter.Strategy.HUNT).decide(allFree);
        assertEquals(5, d.stages().size(), "four agents in order, then everyone");
        Duration offered = Duration.ZERO;
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(DESK.get(i)), d.stages().get(i).extensions(), "in order");
            offered = offered.plus(d.stages().get(i).timeout());
        }
        assertEquals(Duration.ofMillis(2750), d.stages().get(0).timeout(), "4 s per phone shortened to 11 s / 4");
        assertTrue(offered.compareTo(OFFER) <= 0, "all offered within 11 s: " + offered);
        assertEquals(List.of("8001", "8002", "8003", "8004", "8005"), d.stages().get(4).extensions(), "then all");
        assertEquals(MAX, offered.plus(d.stages().get(4).timeout()), "the maximum ring time in total");
        assertNull(d.escalation(), "hunt escalates by its last stage");
    }

    @Test
    void huntKeepsTheConfiguredSlotWhenThereIsTime() {
        RouteDecision d = router(FrontDeskRouter.Strategy.HUNT).decide(TWO_FREE);
        assertEquals(Duration.ofSeconds(4), d.stages().get(0).timeout(), "two agents: 4 s each fits in 11 s");
    }

    @Test
    void noFreeAgentRingsTheSupervisorAndWithoutOneGoesToTheFallback() {
        Map<String, DeviceState> busy = Map.of("8001", DeviceState.BUSY, "8005", DeviceState.FREE);
        RouteDecision d = router(FrontDeskRouter.Strategy.RING_ALL).decide(busy);
        assertEquals(List.of("8005"), d.stages().get(0).extensions(), "supervisor");
        RouteDecision none = router(FrontDeskRouter.Strategy.RING_ALL).decide(Map.of());
        assertTrue(none.fallbackOnly(), "nobody registered: recorded fallback at once");
    }

    @Test
    void asteriskDeviceStatesAreMapped() {
        assertEquals(DeviceState.FREE, DeviceState.ofAsterisk("NOT_INUSE"));
        assertEquals(DeviceState.BUSY, DeviceState.ofAsterisk("INUSE"));
        assertEquals(DeviceState.BUSY, DeviceState.ofAsterisk("RINGING"));
        assertEquals(DeviceState.UNAVAILABLE, DeviceState.ofAsterisk("UNAVAILABLE"));
        assertEquals(DeviceState.UNAVAILABLE, DeviceState.ofAsterisk("INVALID"));
        assertEquals(DeviceState.UNAVAILABLE, DeviceState.ofAsterisk(null));
    }
}
