package com.example.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The Range header of the audio route: one byte range served, an impossible one refused, the rest ignored. */
class RecordingAudioRangeTest {

    @Test
    void oneRangeInItsThreeForms() {
        assertEquals(new RecordingAudioHandler.Range(0, 99), RecordingAudioHandler.parse("bytes=0-99", 1000));
        assertEquals(new RecordingAudioHandler.Range(500, 999), RecordingAudioHandler.parse("bytes=500-", 1000));
        assertEquals(new RecordingAudioHandler.Range(900, 999), RecordingAudioHandler.parse("bytes=-100", 1000));
        assertEquals(new RecordingAudioHandler.Range(0, 999), RecordingAudioHandler.parse("bytes=-5000", 1000),
                "a suffix longer than the file is the whole file");
        assertEquals(new RecordingAudioHandler.Range(990, 999), RecordingAudioHandler.parse("bytes=990-5000", 1000),
                "an end past the file is cut to it");
    }

    @Test
    void beyondTheEndIsNotSatisfiable() {
        assertThrows(IllegalArgumentException.class, () -> RecordingAudioHandler.parse("bytes=1000-", 1000));
        assertThrows(IllegalArgumentException.class, () -> RecordingAudioHandler.parse("bytes=-0", 1000));
        assertThrows(IllegalArgumentException.class, () -> RecordingAudioHandler.parse("bytes=0-1", 0));
    }

    @Test
    void otherUnitsSeveralRangesAndNonsenseAreIgnored() {
        assertNull(RecordingAudioHandler.parse("items=0-1", 1000));
        assertNull(RecordingAudioHandler.parse("bytes=0-1,5-6", 1000));
        assertNull(RecordingAudioHandler.parse("bytes=abc", 1000));
        assertNull(RecordingAudioHandler.parse("bytes=9-3", 1000));
    }
}
