package com.example.hotline.recording;

import com.example.hotline.call.CallScope;

/**
 * Whether a recording lies within what a person may see: the same rule as the recording search's
 * {@link RecordingFilter#scope}, for one recording asked for by its id (its details, audio, waveform,
 * download). Implementations are thread-safe and may block on the database.
 */
public interface RecordingReach {

    /** True when recording {@code id} exists and is of a call within {@code scope}. */
    boolean reaches(long id, CallScope scope);
}
