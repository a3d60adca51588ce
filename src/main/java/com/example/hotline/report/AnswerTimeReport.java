package com.example.hotline.report;

import java.util.List;

/**
 * The answer-time report: one entry per group that has calls or unanswered rings (ordered by key; by
 * agent, calls without an agent last), and the totals of the whole range. Immutable.
 */
public record AnswerTimeReport(AnswerTimeQuery query, List<AnswerTimeFigures> groups, AnswerTimeFigures totals) {

    public AnswerTimeReport {
        groups = List.copyOf(groups);
    }
}
