package com.example.hotline.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the answer-time report covers: hotline calls that started in [from, to) (null = open), how
 * they are grouped, and the time zone that days and hours are cut in. Immutable.
 */
public record AnswerTimeQuery(Instant from, Instant to, GroupBy groupBy, ZoneId zone) {

    public AnswerTimeQuery {
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(zone, "zone");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
