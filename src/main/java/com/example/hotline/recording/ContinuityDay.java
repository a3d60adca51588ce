package com.example.hotline.recording;

import java.time.LocalDate;

/**
 * One day of the continuity report (C7): hotline calls, recordings, calls without a recording,
 * recordings archived and still present, recordings purged, and whether the archive finished the day.
 * Immutable.
 */
public record ContinuityDay(LocalDate day, int calls, int recordings, int callsWithoutRecording, int archived,
                            int purged, boolean archiveDone) {

    /** A day with calls whose archive never finished: a gap in the evidence. */
    public boolean gap() {
        return calls > 0 && !archiveDone;
    }
}
