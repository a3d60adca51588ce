package com.example.hotline.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tracker's mutable working copy of one call. Confined to the call-tracker thread; everything
 * outside sees {@link CallRecord} snapshots.
 */
final class Call {

    private static final Pattern ENDPOINT = Pattern.compile("^[A-Za-z0-9]+/([^-/@]+)(?:[-@].*)?$");

    final String linkedId;
    String uniqueId;
    String caller;
    String callerName;
    boolean hotline;
    Instant startedAt;
    Instant firstRingAt;
    Instant answeredAt;
    Instant endedAt;
    boolean answered;
    String answeredBy;
    Integer hangupCause;
    String hangupCauseText;
    String route;
    List<String> routedTo = List.of();
    String recordingFile;
    boolean resynced;
    /** The latest end among the PBX's CDR records of this call (one per phone dialled); memory only. */
    Instant cdrEnd;
    /** Queue sequence number of the newest event applied; guards resync against closing a call it raced with. */
    long lastSequence;
    final Map<String, Leg> legs = new LinkedHashMap<>();
    /** Events applied since the call was last handed to the writer. */
    final List<PbxEvent> pendingEvents = new ArrayList<>();

    Call(String linkedId) {
        this.linkedId = linkedId;
    }

    /** One channel of the call. */
    static final class Leg {
        final String uniqueId;
        String channel;
        String endpoint;
        LegRecord.Role role;
        Instant createdAt;
        Instant ringingAt;
        Instant answeredAt;
        Instant endedAt;
        String dialStatus;
        Integer hangupCause;
        /** This leg as last handed to the writer (or as stored, for a restored call); null if never. */
        LegRecord handedOff;

        Leg(String uniqueId, String channel, LegRecord.Role role) {
            this.uniqueId = uniqueId;
            this.role = role;
            setChannel(channel);
        }

        void setChannel(String channel) {
            if (channel != null && !channel.isEmpty()) {
                this.channel = channel;
                this.endpoint = endpointOf(channel);
            }
        }

        LegRecord snapshot() {
            return new LegRecord(uniqueId, channel, endpoint, role, createdAt, ringingAt, answeredAt, endedAt,
                    dialStatus, hangupCause);
        }
    }

    /**
     * {@code PJSIP/8001-0000000a} → {@code 8001}; null when the name has no endpoint part or is a
     * Local channel (dialplan plumbing, never a person who answers).
     */
    static String endpointOf(String channel) {
        if (channel == null || channel.startsWith("Local/")) {
            return null;
        }
        Matcher m = ENDPOINT.matcher(channel);
        return m.matches() ? m.group(1) : null;
    }

    Leg leg(String uniqueId, String channel) {
        Leg leg = legs.get(uniqueId);
        if (leg == null) {
            LegRecord.Role role = uniqueId.equals(linkedId) ? LegRecord.Role.CALLER : LegRecord.Role.OTHER;
            leg = new Leg(uniqueId, channel, role);
            legs.put(uniqueId, leg);
        } else {
            leg.setChannel(channel);
        }
        return leg;
    }

    boolean allLegsEnded() {
        if (legs.isEmpty()) {
            return false;
        }
        for (Leg leg : legs.values()) {
            if (leg.endedAt == null) {
                return false;
            }
        }
        return true;
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    CallRecord snapshot(RingRule rule) {
        Long ringMillis = null;
        Integer rings = null;
        Boolean within = null;
        // a reconstructed call whose first ring fell in the gap has an unknown ring time, not zero
        boolean ringStartLost = firstRingAt == null && resynced;
        if (answered && answeredAt != null && !ringStartLost) {
            Instant ringStart = firstRingAt != null ? firstRingAt : answeredAt;
            ringMillis = Math.max(0, answeredAt.toEpochMilli() - ringStart.toEpochMilli());
            rings = rule.rings(ringMillis);
            within = rule.within(ringMillis);
        } else if (endedAt != null && !answered) {
            within = false; // C1: an unanswered call is a failure
        }
        List<LegRecord> legRecords = new ArrayList<>(legs.size());
        for (Leg leg : legs.values()) {
            legRecords.add(leg.snapshot());
        }
        return new CallRecord(linkedId, uniqueId, caller, callerName, hotline, startedAt, firstRingAt, answeredAt,
                endedAt, answered, answeredBy, ringMillis, rings, within, hangupCause, hangupCauseText, route,
                routedTo, recordingFile, resynced, legRecords);
    }

    /**
     * The legs of {@code snapshot} (taken from this call just now) that differ from what was last
     * handed to the writer, remembered as handed off from now on.
     */
    List<LegRecord> takeChangedLegs(CallRecord snapshot) {
        List<LegRecord> changed = new ArrayList<>();
        int i = 0;
        for (Leg leg : legs.values()) {
            LegRecord now = snapshot.legs().get(i++);
            if (!now.equals(leg.handedOff)) {
                changed.add(now);
                leg.handedOff = now;
            }
        }
        return changed;
    }

    static Call restore(CallRecord r) {
        Call c = new Call(r.linkedId());
        c.uniqueId = r.uniqueId();
        c.caller = r.caller();
        c.callerName = r.callerName();
        c.hotline = r.hotline();
        c.startedAt = r.startedAt();
        c.firstRingAt = r.firstRingAt();
        c.answeredAt = r.answeredAt();
        c.endedAt = r.endedAt();
        c.answered = r.answered();
        c.answeredBy = r.answeredBy();
        c.hangupCause = r.hangupCause();
        c.hangupCauseText = r.hangupCauseText();
        c.route = r.route();
        c.routedTo = r.routedTo();
        c.recordingFile = r.recordingFile();
        c.resynced = r.resynced();
        for (LegRecord l : r.legs()) {
            Leg leg = new Leg(l.uniqueId(), l.channel(), l.role());
            leg.createdAt = l.createdAt();
            leg.ringingAt = l.ringingAt();
            leg.answeredAt = l.answeredAt();
            leg.endedAt = l.endedAt();
            leg.dialStatus = l.dialStatus();
            leg.hangupCause = l.hangupCause();
            leg.handedOff = l;
            c.legs.put(l.uniqueId(), leg);
        }
        return c;
    }
}
