package com.example.hotline.report;

import java.time.Instant;

/**
 * Computes ticket statistics from the stored tickets. Implemented by the store package over PostgreSQL;
 * thread-safe, every method blocks on I/O.
 */
public interface TicketReportStore {

    /**
     * The figures of the tickets created in [from, to) (null: open end), read from one consistent
     * snapshot; {@code now} decides which unfinished tickets are already late.
     */
    TicketStatistics tickets(Instant from, Instant to, Instant now);
}
