package com.example.hotline.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Decodes an audio file (archived Opus, MP3, WAV or a raw MixMonitor WAV) to mono signed 16-bit
 * little-endian PCM, streamed, for the waveform picture. ffmpeg in production
 * ({@link FfmpegPcmDecoder}). Implementations are thread-safe; each decoding is used by one thread,
 * except {@link Decoding#abort}, which any thread may call.
 */
public interface PcmDecoder {

    /** One decoding in progress. */
    interface Decoding extends AutoCloseable {

        /** The PCM, until the end of the audio (or {@code maxSeconds}). */
        InputStream pcm();

        /** Stops the decoding at once; a reader of {@link #pcm} sees the end of the stream or an error. */
        void abort();

        /** Waits for the decoder to end; fails with its complaint when it did not decode the file. */
        void finish() throws IOException;

        /** Aborts when still running and frees what the decoding held. */
        @Override
        void close();
    }

    /** Starts decoding the first {@code maxSeconds} of {@code file} at {@code sampleRate} Hz. */
    Decoding start(Path file, int sampleRate, int maxSeconds) throws IOException;
}
