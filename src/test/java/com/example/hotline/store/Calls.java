package com.example.hotline.store;

import com.example.hotline.call.CallRecord;
import com.example.hotline.call.LegRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds realistic stored calls for store tests: a caller leg from the carrier plus the agent phones
 * the call was offered to, with ring time and the three-ring verdict derived like {@code RingRule.china()}
 * (1 s on, 4 s off, limit 3: answered within 15 s).
 */
final class Calls {

    private final String linkedId;
    private final Instant start;
    private String caller = "13800138000";
    private boolean hotline = true;
    private String answeredBy;
    private Long ringMillis;
    private boolean ended = true;
    private boolean resynced;
    private final List<LegRecord> legs = new ArrayList<>();
    private int legNo;

    private Calls(String linkedId, Instant start) {
        this.linkedId = linkedId;
        this.start = start;
        legs.add(new LegRecord(linkedId, "PJSIP/carrier-0000000" + linkedId.hashCode() % 10, null,
                LegRecord.Role.CALLER, start, null, null, null, null, null));
    }

    static Calls call(String linkedId, String startUtc) {
        return new Calls(linkedId, Instant.parse(startUtc));
    }

    Calls from(String number) {
        caller = number;
        return this;
    }

    Calls internal() {
        hotline = false;
        return this;
    }

    Calls open() {
        ended = false;
        return this;
    }

    /** Answered by {@code agent} after ringing {@code ms}; the agent's leg rang from 1 s after the start. */
    Calls answeredBy(String agent, long ms) {
        answeredBy = agent;
        ringMillis = ms;
        Instant ring = start.plusSeconds(1);
        return leg(agent, LegRecord.Role.DIALED, ring, ring.plusMillis(ms), "ANSWER");
    }

    /** Answered by {@code agent} while the server was not listening: who is known, the ring time is not. */
    Calls answeredUnseenBy(String agent) {
        answeredBy = agent;
        resynced = true;
        return leg(agent, LegRecord.Role.DIALED, null, null, null);
    }

    /** Rebuilt from a channel list after an AMI outage. */
    Calls resynced() {
        resynced = true;
        return this;
    }

    /** {@code agent}'s phone rang for this call and was not picked up. */
    Calls rangUnanswered(String agent) {
        return leg(agent, LegRecord.Role.DIALED, start.plusSeconds(1), null, "NOANSWER");
    }

    /** A leg that is not a phone the call was offered to (a Local channel) that rang unanswered. */
    Calls otherLegRang() {
        return leg(null, LegRecord.Role.OTHER, start.plusSeconds(1), null, null);
    }

    private Calls leg(String endpoint, LegRecord.Role role, Instant ringing, Instant answered, String dialStatus) {
        String channel = endpoint == null ? "Local/s@hotline-" + legNo : "PJSIP/" + endpoint + "-" + legNo;
        legs.add(new LegRecord(linkedId + "." + (++legNo), channel, endpoint, role, start, ringing, answered,
                ended ? start.plusSeconds(120) : null, dialStatus, ended ? 16 : null));
        return this;
    }

    CallRecord build() {
        boolean answered = answeredBy != null;
        Integer rings = ringMillis == null ? null : (int) (ringMillis / 5000) + 1;
        Boolean within = !answered ? Boolean.FALSE : rings == null ? null : rings <= 3;
        Instant answeredAt = ringMillis == null ? null : start.plusSeconds(1).plusMillis(ringMillis);
        return new CallRecord(linkedId, linkedId, caller, "", hotline, start, legs.size() > 1 ? start.plusSeconds(1)
                : null, answeredAt, ended ? start.plusSeconds(120) : null, answered, answeredBy, ringMillis, rings,
                within, ended ? 16 : null, ended ? "Normal Clearing" : null, "agi", List.of("PJSIP/8001"), null,
                resynced, legs);
    }
}
