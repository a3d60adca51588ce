package com.example.hotline.recording;

import com.example.hotline.call.CallScope;
import java.time.Instant;

/**
 * A search of the index: start time in [from, to), caller and extension as parts of the number,
 * exact ticket number and grade; null means any. {@code scope} narrows the search to the recordings
 * of the calls the asker may see (an agent's own, a limited quality user's departments and buildings).
 * Immutable.
 */
public record RecordingFilter(Instant from, Instant to, String caller, String extension, String ticketNo,
                              Grade grade, int limit, int offset, CallScope scope) {

    public RecordingFilter {
        scope = scope == null ? CallScope.ALL : scope;
    }

    /** A search over every recording of the index. */
    public RecordingFilter(Instant from, Instant to, String caller, String extension, String ticketNo, Grade grade,
                           int limit, int offset) {
        this(from, to, caller, extension, ticketNo, grade, limit, offset, CallScope.ALL);
    }
}
