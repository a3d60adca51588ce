package com.example.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After-hours candidates and the transfer guard judged against the registry. */
class AfterHoursRouterTest {

    private final RoutingSettings registry = new RoutingSettings(new InMemoryRoutingStore(), ZoneId.of("Asia/Shanghai"),
            Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneId.of("UTC")));

    AfterHoursRouterTest() {
        registry.putExtension("8101", "Engineering", "engineering", Extension.Kind.DEPARTMENT, false);
        registry.putExtension("8102", "Security", "security", Extension.Kind.DEPARTMENT, true);
        registry.putExtension("8103", "Cleaning", "cleaning", Extension.Kind.DEPARTMENT, true);
        registry.putExtension("13900139000", "Duty manager's mobile", "security", Extension.Kind.MOBILE, false);
    }

    @Test
    void onlyRecordingPhonesRingInOrderAndEverySkipSaysWhy() {
        Map<String, DeviceState> states = Map.of("8102", DeviceState.FREE, "8103", DeviceState.BUSY);
        AfterHoursRouter.Decision d = AfterHoursRouter.decide(List.of("8101", "13900139000", "8102", "8103", "8102",
                "8999"), registry::extension, states, Duration.ofSeconds(20));
        assertEquals(List.of("8102", "8103"), d.route().offered(), "recording phones only, in order");
        assertEquals(2, d.route().stages().size());
        assertEquals("PJSIP/8102", d.route().stages().get(0).dialString("x"));
        assertEquals(Duration.ofSeconds(20), d.route().stages().get(0).timeout());
        List<Candidate> c = d.candidates();
        assertEquals(6, c.size(), "every candidate judged: " + c);
        assertFalse(c.get(0).rung());
        assertEquals("does not record", c.get(0).reason());
        assertFalse(c.get(1).rung());
        assertEquals("mobile", c.get(1).kind());
        assertTrue(c.get(1).reason().contains("never forwarded to mobile"), c.get(1).reason());
        assertTrue(c.get(2).rung());
        assertTrue(c.get(3).rung(), "busy phones still ring");
        assertEquals("listed twice", c.get(4).reason());
        assertEquals("external", c.get(5).kind(), "an unregistered number is external: " + c.get(5));
        assertTrue(c.get(5).reason().contains("not in the extension registry"), c.get(5).reason());
        assertFalse(c.get(5).rung());
    }

    @Test
    void anUnregisteredPhoneIsSkippedAndNoRecordingCandidateMeansTheFallback() {
        AfterHoursRouter.Decision d = AfterHoursRouter.decide(List.of("8101", "13900139000", "8102"),
                registry::extension, Map.of("8102", DeviceState.UNAVAILABLE), Duration.ofSeconds(20));
        assertTrue(d.route().fallbackOnly(), "nothing to ring: " + d);
        assertEquals(List.of(), d.route().offered());
        assertEquals("not registered on the PBX", d.candidates().get(2).reason());
        assertEquals(List.of("8102", "8103"), AfterHoursRouter.watched(List.of("8101", "13900139000", "8102", "8103"),
                registry::extension), "only recording phones need a device state");
    }

    @Test
    void aMobileOrExternalNumberCanNeverBeMarkedAsRecording() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.putExtension("13900139000", "m", null, Extension.Kind.MOBILE, true));
        assertTrue(e.getMessage().contains("never be marked as recording"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> registry.putExtension("01065529988", "x", null, Extension.Kind.EXTERNAL, true));
        assertFalse(registry.extension("13900139000").records(), "left as it was");
    }

    @Test
    void theTransferGuardAllowsRecordingPhonesOnly() {
        TransferGuard guard = new TransferGuard(registry::extension);
        assertTrue(guard.check("8102").allowed());
        assertFalse(guard.check("8101").allowed());
        assertFalse(guard.check("13900139000").allowed());
        assertTrue(guard.check("13900139000").reason().contains("mobile"));
        assertFalse(guard.check("13800000000").allowed(), "an unknown mobile number");
        assertFalse(guard.check("8001;x").allowed(), "not a number");
        assertFalse(guard.check(null).allowed());
    }
}
