package com.example.hotline.recording;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the recording index. {@code rawFile} is relative to {@code recordings.dir};
 * {@code archivePath} relative to {@code archive.dir} ({@code YYYY/MM/DD/name}). {@code callId} is
 * the stored call's id and {@code ticketNo} its ticket's number, both null when unknown. Immutable.
 */
public record Recording(
        long id,
        String rawFile,
        String linkedId,
        String uniqueId,
        Long callId,
        String caller,
        String extension,
        String ticketNo,
        Instant startedAt,
        Instant endedAt,
        Long durationMillis,
        LocalDate day,
        State state,
        String name,
        String archivePath,
        String format,
        Long sizeBytes,
        String sha256,
        Instant archivedAt,
        Grade grade,
        Boolean oneSided,
        Double meanDb,
        Double maxDb,
        Double speechShare,
        boolean legalHold,
        Instant purgedAt,
        int attempts,
        String lastError) {

    /** Where a recording is in its life; see the migration V10 for the transitions. */
    public enum State {
        RECORDING, RECORDED, ARCHIVING, ARCHIVED, PURGED, LOST;

        public String db() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State of(String db) {
            return valueOf(db.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean archived() {
        return state == State.ARCHIVED;
    }
}
