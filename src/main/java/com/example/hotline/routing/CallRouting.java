package com.example.hotline.routing;

import java.time.Instant;
import java.util.List;

/**
 * The routing decision of one hotline call, kept with the call: after hours or not and why (schedule
 * or override), every after-hours candidate with its verdict, where it rang ({@code routedTo}) and a
 * summary. Immutable.
 */
public record CallRouting(String linkedId, Instant decidedAt, boolean afterHours, String mode, String hours,
                          List<Candidate> candidates, List<String> routedTo, String reason) {
    public CallRouting {
        candidates = List.copyOf(candidates);
        routedTo = List.copyOf(routedTo);
    }
}
