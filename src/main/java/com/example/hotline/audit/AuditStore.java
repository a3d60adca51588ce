package com.example.hotline.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What the audit stores and reads besides recordings: the dispatch order sample and its marks, the
 * ledger days' sign-off status, and the dispatch figures of C9 and C10. Implementations are
 * thread-safe and block on I/O.
 */
public interface AuditStore {

    /** Dispatch orders dispatched in [from, to). */
    int orders(Instant from, Instant to);

    /** The sampled orders dispatched in [from, to), oldest first. */
    List<SampledOrder> sample(Instant from, Instant to);

    /**
     * Tops the sample of [from, to) up to {@code share} of its orders (rounded up), drawing at random
     * among the orders not sampled yet; an order once drawn stays in the sample. Answers the sample.
     */
    List<SampledOrder> draw(Instant from, Instant to, double share, String by, Instant now);

    /** Marks a sampled order; false when the order is not in the sample. */
    boolean mark(long orderId, String result, String note, String by, Instant at);

    /** Every day from..to (both included) in {@code zone}: tickets created and sign-off. */
    List<DayStatus> days(LocalDate from, LocalDate to, ZoneId zone);

    /** C9 and C10 figures of tickets and orders created in [from, to), deadlines judged at {@code now}. */
    DispatchFigures dispatchFigures(Instant from, Instant to, Instant now);

    /**
     * C9: phone tickets, those opened within a minute of their call's start, repair tickets and those
     * with a dispatch order. C10: orders, on-site on time / late / overdue now, work started on time /
     * late, rescheduled with the owner's consent. Immutable.
     */
    record DispatchFigures(long phoneTickets, long openedWithinMinute, long repairTickets, long repairsDispatched,
                           long orders, long arrivedOnTime, long arrivedLate, long arrivalOverdue,
                           long startedOnTime, long startedLate, long rescheduled, long rescheduledWithConsent) {}
}
