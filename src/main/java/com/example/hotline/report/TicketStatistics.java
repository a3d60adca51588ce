package com.example.hotline.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures of the tickets created in [from, to) (either end null: open).
 *
 * <ul>
 *   <li>{@code tickets}: every ticket of the range, cancelled ones included; {@code byKind},
 *       {@code bySeverity}, {@code byDepartment}, {@code byStatus} and {@code byCallerId} (identified,
 *       unidentified, withheld, none) each split all of them, a missing value counted under
 *       {@link #NONE};</li>
 *   <li>on time, over tickets with a deadline ({@code due_at}) that are not cancelled: a ticket is
 *       done at the earlier of its closing and its first {@code finished} step; {@code onTime} were
 *       done no later than the deadline, {@code late} were done after it or are still not done past it,
 *       {@code pending} are not done and not yet due (at the report's moment), so neither;
 *       {@code onTimeShare} = onTime / (onTime + late), null when both are 0;</li>
 *   <li>handling time, over closed tickets: creation to closing in hours, median and 90th percentile
 *       (interpolated, like the answer-time report), null without closed tickets;</li>
 *   <li>satisfaction, over tickets followed up with an answer: the latest {@code followed-up} step of a
 *       ticket whose detail has a boolean {@code satisfied}; {@code satisfiedShare} = satisfied /
 *       followedUp, null when none was followed up.</li>
 * </ul>
 * Each split lists the known values first in their usual order (zero counts included), then any other
 * value alphabetically, then {@link #NONE}. Immutable.
 */
public record TicketStatistics(Instant from, Instant to, long tickets, Map<String, Long> byKind,
        Map<String, Long> bySeverity, Map<String, Long> byDepartment, Map<String, Long> byStatus,
        Map<String, Long> byCallerId, long withDue, long onTime, long late, long pending, Double onTimeShare,
        long closed, Double medianHandlingHours, Double p90HandlingHours, long followedUp, long satisfied,
        Double satisfiedShare) {

    /** The key of tickets without the grouped value (no kind yet, no department ...). */
    public static final String NONE = "(none)";

    public TicketStatistics {
        byKind = ordered(byKind);
        bySeverity = ordered(bySeverity);
        byDepartment = ordered(byDepartment);
        byStatus = ordered(byStatus);
        byCallerId = ordered(byCallerId);
    }

    /** An unmodifiable copy keeping the given order. */
    private static Map<String, Long> ordered(Map<String, Long> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
