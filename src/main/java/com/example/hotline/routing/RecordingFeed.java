package com.example.hotline.routing;

import java.time.Instant;

/**
 * What the recording side tells routing, so that an extension's "records" flag is verified instead of
 * trusted: for a call that was connected to extension {@code ext}, the recording that was (or was
 * not) found and its quality grade. The recording index (issue 5) calls it once per call and
 * extension after indexing the call's recording; {@code MISSING} when the call has no recording at
 * all. Implementations are thread-safe and quick.
 */
public interface RecordingFeed {

    /** The grades of C13 plus the absence of any recording. */
    enum Grade {
        CLEAR, FAIR, UNCLEAR, SILENT, MISSING;

        /** A recording a listener can hear something on. */
        public boolean audible() {
            return this == CLEAR || this == FAIR || this == UNCLEAR;
        }
    }

    void recordingSeen(String ext, String linkedId, Instant at, Grade grade);
}
