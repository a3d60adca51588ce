package com.example.hotline.audit;

import java.time.Instant;
import java.time.LocalDate;

/** One ledger day: its tickets and its sign-off (null fields: not signed). Immutable. */
public record DayStatus(LocalDate day, int tickets, String signedBy, Instant signedAt, Integer ticketsWithMissing) {
    public boolean signed() {
        return signedBy != null;
    }
}
