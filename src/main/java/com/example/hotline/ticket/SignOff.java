package com.example.hotline.ticket;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The service-centre head's sign-off of one day's ledger (C11): who signed when, an optional note, and
 * what the ledger held at that moment: its tickets, how many of them had a missing field, and how many
 * fields were missing in all. Immutable.
 */
public record SignOff(LocalDate day, String signedBy, Instant signedAt, String note, int tickets,
        int ticketsWithMissing, int missingFields) {}
