package com.example.hotline.app;

import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingFilter;
import com.example.hotline.recording.RecordingIndex;
import com.example.hotline.routing.RecordingFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording index as the archive uses it, plus one thing: when a recording's archived copy is
 * graded, routing's {@link RecordingFeed} hears which extension's call it was and how it sounds, so an
 * extension marked as recording is verified rather than trusted (C5). Everything else is passed through.
 * The feed is looked up at each grade (it is built after the index). Thread-safe as the index is.
 */
final class GradeReportingIndex implements RecordingIndex {

    private static final Logger log = LoggerFactory.getLogger(GradeReportingIndex.class);

    private final RecordingIndex index;
    private final Supplier<RecordingFeed> feed;

    GradeReportingIndex(RecordingIndex index, Supplier<RecordingFeed> feed) {
        this.index = index;
        this.feed = feed;
    }

    @Override
    public void markArchived(long id, ArchivedCopy copy, Instant at) {
        index.markArchived(id, copy, at);
        RecordingFeed f = feed.get();
        if (f == null || copy.grade() == null) {
            return;
        }
        try {
            index.find(id).filter(r -> r.extension() != null && !r.extension().isBlank()).ifPresent(r ->
                    f.recordingSeen(r.extension(), r.linkedId(), at, RecordingFeed.Grade.valueOf(copy.grade().name())));
        } catch (RuntimeException e) {
            // verification must never fail the archive of a recording
            log.warn("recording {}: grade not passed to the extension check: {}", id, e.toString());
        }
    }

    @Override public void register(NewRecording r) { index.register(r); }
    @Override public Set<String> unknown(Collection<String> rawFiles) { return index.unknown(rawFiles); }
    @Override public Optional<NewRecording> callOf(String uniqueId) { return index.callOf(uniqueId); }
    @Override public Optional<Recording> find(long id) { return index.find(id); }
    @Override public List<Recording> pending(LocalDate upTo) { return index.pending(upTo); }
    @Override public void markArchiving(long id, String name, String archivePath, String format) {
        index.markArchiving(id, name, archivePath, format);
    }
    @Override public void markRawDeleted(long id) { index.markRawDeleted(id); }
    @Override public void markFailed(long id, String error) { index.markFailed(id, error); }
    @Override public void markLost(long id, String why) { index.markLost(id, why); }
    @Override public List<Recording> search(RecordingFilter filter) { return index.search(filter); }
    @Override public List<RetentionCandidate> retentionCandidates(LocalDate before) {
        return index.retentionCandidates(before);
    }
    @Override public void markPurged(RetentionCandidate c, Instant at, long runId, LocalDate asOf, String reason) {
        index.markPurged(c, at, runId, asOf, reason);
    }
    @Override public boolean setLegalHold(long id, boolean hold, String note) { return index.setLegalHold(id, hold, note); }
    @Override public List<MissingRecording> callsWithoutRecording(Instant from, Instant to, int limit) {
        return index.callsWithoutRecording(from, to, limit);
    }
}
