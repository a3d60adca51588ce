package com.example.hotline.recording;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The recording index in the database: registration while calls run, the archive job's state
 * changes, the API's search, retention's candidates. Every method is one transaction; implementations
 * are thread-safe.
 */
public interface RecordingIndex {

    /** A raw recording as learnt from a call or from the raw folder. {@code endedAt} null: still running. */
    record NewRecording(String rawFile, String linkedId, String uniqueId, String caller, String extension,
                        Instant startedAt, Instant endedAt, LocalDate day, String source) {}

    /**
     * Inserts the recording or, when its raw file is already indexed and not archived yet, updates
     * what the call knows now (caller, extension, end). A recording with an end becomes
     * {@code recorded}.
     */
    void register(NewRecording r);

    /** The raw files of {@code rawFiles} that are not in the index. */
    Set<String> unknown(Collection<String> rawFiles);

    /** What the stored call with this uniqueid (its caller channel or any leg) knows, if any. */
    Optional<NewRecording> callOf(String uniqueId);

    Optional<Recording> find(long id);

    /** Not finished with day ≤ {@code upTo}: not yet archived, or archived with the raw file still there. */
    List<Recording> pending(LocalDate upTo);

    /** The archive job chose the uniform name: from now on the archived copy may exist. */
    void markArchiving(long id, String name, String archivePath, String format);

    /** The archived copy is written, synced, verified and hashed. */
    void markArchived(long id, ArchivedCopy copy, Instant at);

    /** The raw file (and its per-direction side files) are gone. */
    void markRawDeleted(long id);

    /** A failed attempt: counted, the error kept; the recording stays pending. */
    void markFailed(long id, String error);

    /** The raw file vanished before it was archived. */
    void markLost(long id, String why);

    List<Recording> search(RecordingFilter filter);

    /** Archived recordings of days before {@code before}, with whether they are held and why. */
    List<RetentionCandidate> retentionCandidates(LocalDate before);

    /** Marks the recording purged and writes its audit row, in one transaction. */
    void markPurged(RetentionCandidate c, Instant at, long runId, LocalDate asOf, String reason);

    /** Puts a recording under legal hold (or lifts it); false when there is no such recording. */
    boolean setLegalHold(long id, boolean hold, String note);

    /** Hotline calls ended in [from, to) without any recording. */
    List<MissingRecording> callsWithoutRecording(Instant from, Instant to, int limit);

    /** A hotline call without a recording. */
    record MissingRecording(String linkedId, String uniqueId, String caller, Instant startedAt) {}

    /** The archived copy as verified: its file, size, hash, measured duration and sound. */
    record ArchivedCopy(long sizeBytes, String sha256, long durationMillis, AudioStats stats, Grade grade,
                        Boolean oneSided) {}

    /** A recording past retention and whether something keeps it. */
    record RetentionCandidate(Recording recording, boolean openTicket) {
        public String keptBecause() {
            if (recording.legalHold()) {
                return "legal hold";
            }
            return openTicket ? "ticket " + recording.ticketNo() + " still open" : null;
        }
    }
}
