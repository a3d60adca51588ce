package com.example.hotline.audit;

import java.time.Instant;

/**
 * A dispatch order drawn into the C12 sample, with the reviewer's mark ({@code pass}, {@code fail},
 * null while unreviewed). Immutable.
 */
public record SampledOrder(long orderId, String ticketNo, String department, String technician, Instant dispatchedAt,
                           String status, Instant sampledAt, String result, String note, String markedBy,
                           Instant markedAt) {}
