package com.example.hotline.recording;

import java.time.Instant;
import java.time.LocalDate;

/** One run of the archive or retention job as kept in the history. Immutable. */
public record JobRun(long id, String kind, LocalDate day, boolean dryRun, String trigger, String instance,
                     Instant startedAt, Instant finishedAt, Status status, int total, int done, int failed,
                     int skipped, String message) {

    /** A run is running until it ends done (nothing failed) or failed. */
    public enum Status { RUNNING, DONE, FAILED }
}
