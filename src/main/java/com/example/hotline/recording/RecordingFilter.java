package com.example.hotline.recording;

import java.time.Instant;

/**
 * A search of the index: start time in [from, to), caller and extension as parts of the number,
 * exact ticket number and grade; null means any. Immutable.
 */
public record RecordingFilter(Instant from, Instant to, String caller, String extension, String ticketNo,
                              Grade grade, int limit, int offset) {}
