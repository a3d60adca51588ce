package com.example.hotline.call;

import java.time.Instant;
import java.util.List;

/**
 * A call as the tracker knows it at one moment, ready to be stored or shown. Times are PBX event
 * timestamps. {@code ringMillis}, {@code rings} and {@code withinThreeRings} follow {@link RingRule};
 * they are null while unknown (not yet answered, or answered while the server was not listening).
 * {@code resynced} marks a call some of whose events were missed and reconstructed from a channel
 * listing. Immutable.
 */
public record CallRecord(
        String linkedId,
        String uniqueId,
        String caller,
        String callerName,
        boolean hotline,
        Instant startedAt,
        Instant firstRingAt,
        Instant answeredAt,
        Instant endedAt,
        boolean answered,
        String answeredBy,
        Long ringMillis,
        Integer rings,
        Boolean withinThreeRings,
        Integer hangupCause,
        String hangupCauseText,
        String route,
        List<String> routedTo,
        String recordingFile,
        boolean resynced,
        List<LegRecord> legs) {

    public CallRecord {
        routedTo = routedTo == null ? List.of() : List.copyOf(routedTo);
        legs = legs == null ? List.of() : List.copyOf(legs);
    }

    public boolean ended() {
        return endedAt != null;
    }

    /**
     * Phones the call was offered to that rang and did not answer (rejected, timed out, or cancelled
     * because another answered or the caller gave up), each with its own ring time; check C1 counts
     * them per agent. A phone still ringing is not an attempt yet.
     */
    public List<RingNoAnswer> ringNoAnswer() {
        java.util.ArrayList<RingNoAnswer> out = new java.util.ArrayList<>();
        for (LegRecord leg : legs) {
            if (leg.role() == LegRecord.Role.DIALED && leg.ringingAt() != null && leg.answeredAt() == null
                    && leg.endedAt() != null && leg.endpoint() != null) {
                long ms = Math.max(0, leg.endedAt().toEpochMilli() - leg.ringingAt().toEpochMilli());
                out.add(new RingNoAnswer(leg.endpoint(), leg.ringingAt(), leg.endedAt(), ms, leg.dialStatus()));
            }
        }
        return List.copyOf(out);
    }

    /** One phone that rang without answering: who, when, for how long, and how the dial ended. */
    public record RingNoAnswer(String extension, Instant ringingAt, Instant endedAt, long ringMillis,
                               String dialStatus) {}
}
