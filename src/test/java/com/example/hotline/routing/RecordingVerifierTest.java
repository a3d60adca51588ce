package com.example.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.routing.RecordingFeed.Grade;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verify, don't trust: extensions whose calls are not recorded lose their flag and raise an alert. */
class RecordingVerifierTest {

    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");
    private final InMemoryRoutingStore store = new InMemoryRoutingStore();
    private final RoutingSettings registry = new RoutingSettings(store, ZoneId.of("Asia/Shanghai"),
            Clock.fixed(T, ZoneId.of("UTC")));
    private final List<RecordingVerifier.Demotion> alerts = new ArrayList<>();
    private final RecordingVerifier verifier = new RecordingVerifier(registry, 2, alerts::add);

    RecordingVerifierTest() {
        registry.putExtension("8102", "Security", "security", Extension.Kind.DEPARTMENT, true);
        registry.putExtension("8101", "Engineering", "engineering", Extension.Kind.DEPARTMENT, false);
    }

    @Test
    void anAudibleRecordingIsRememberedAsTheLastOne() {
        verifier.recordingSeen("8102", "c1", T, Grade.CLEAR);
        verifier.recordingSeen("8102", "c0", T.minusSeconds(60), Grade.FAIR);
        assertEquals(T, registry.extension("8102").lastRecordingAt(), "the latest one, not the last reported");
        assertEquals(T, store.extensions.get("8102").lastRecordingAt(), "stored");
        assertTrue(alerts.isEmpty());
    }

    @Test
    void twoCallsInARowWithoutRecordingDemoteTheExtensionWithAReasonAndAnAlert() {
        verifier.recordingSeen("8102", "c1", T, Grade.MISSING);
        assertTrue(registry.extension("8102").records(), "one missing recording is not yet proof");
        verifier.recordingSeen("8102", "c2", T.plusSeconds(60), Grade.SILENT);
        Extension e = registry.extension("8102");
        assertFalse(e.records(), "demoted");
        assertEquals(T.plusSeconds(60), e.demotedAt());
        assertTrue(e.demotedReason().contains("c1, c2"), e.demotedReason());
        assertFalse(store.extensions.get("8102").records(), "the demotion is stored");
        assertEquals(1, alerts.size());
        assertEquals(List.of("c1", "c2"), alerts.get(0).linkedIds());
        assertFalse(new TransferGuard(registry::extension).check("8102").allowed(), "no longer a transfer target");
        assertTrue(registry.extension("8102").refusal().startsWith("demoted: "), registry.extension("8102").refusal());

        verifier.recordingSeen("8102", "c3", T.plusSeconds(120), Grade.MISSING);
        verifier.recordingSeen("8102", "c4", T.plusSeconds(180), Grade.MISSING);
        assertEquals(1, alerts.size(), "demoted once, not again and again");

        registry.putExtension("8102", "Security", "security", Extension.Kind.DEPARTMENT, true);
        assertTrue(registry.extension("8102").records(), "an administrator vouches again");
        assertNull(registry.extension("8102").demotedReason(), "and the demotion is cleared");
    }

    @Test
    void anAudibleRecordingBetweenBadOnesResetsTheRun() {
        verifier.recordingSeen("8102", "c1", T, Grade.SILENT);
        verifier.recordingSeen("8102", "c2", T.plusSeconds(1), Grade.UNCLEAR);
        verifier.recordingSeen("8102", "c3", T.plusSeconds(2), Grade.MISSING);
        assertTrue(registry.extension("8102").records(), "never two bad calls in a row");
        assertNotNull(registry.extension("8102").lastRecordingAt());
        assertTrue(alerts.isEmpty());
    }

    @Test
    void anExtensionNotTrustedToRecordIsNotDemoted() {
        verifier.recordingSeen("8101", "c1", T, Grade.MISSING);
        verifier.recordingSeen("8101", "c2", T, Grade.MISSING);
        verifier.recordingSeen("8999", "c3", T, Grade.MISSING);
        verifier.recordingSeen("8999", "c4", T, Grade.MISSING);
        assertTrue(alerts.isEmpty());
        assertNull(registry.extension("8101").demotedAt());
    }
}
