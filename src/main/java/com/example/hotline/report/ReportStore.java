package com.example.hotline.report;

/**
 * Computes reports from the stored calls. Implemented by the store package over PostgreSQL;
 * thread-safe, every method blocks on I/O.
 */
public interface ReportStore {

    /** The answer-time report; groups and totals are read from one consistent snapshot. */
    AnswerTimeReport answerTimes(AnswerTimeQuery query);
}
