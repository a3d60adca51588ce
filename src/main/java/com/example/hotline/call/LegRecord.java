package com.example.hotline.call;

import java.time.Instant;

/**
 * One channel of a call as stored: the caller's own channel or a phone the call was offered to.
 * {@code endpoint} is the SIP endpoint (extension) parsed from the channel name. Immutable.
 */
public record LegRecord(String uniqueId, String channel, String endpoint, Role role, Instant createdAt,
                        Instant ringingAt, Instant answeredAt, Instant endedAt, String dialStatus,
                        Integer hangupCause) {

    /** What a leg is to its call. */
    public enum Role { CALLER, DIALED, OTHER }
}
