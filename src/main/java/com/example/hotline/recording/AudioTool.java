package com.example.hotline.recording;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The audio work the archive needs, behind one small interface (ffmpeg in production,
 * {@link FfmpegAudioTool}; fakes and fault injection in tests). Implementations are thread-safe: the
 * archive calls them from several worker threads at once.
 */
public interface AudioTool {

    /**
     * Transcodes {@code source} to mono {@code format} in {@code target} and measures the sound on the
     * way (volume, silence at {@code silenceDb}). Fails with the tool's message.
     */
    AudioStats transcode(Path source, Path target, ArchiveFormat format, double silenceDb) throws IOException;

    /** Measures a file without writing anything (side files, an archived copy whose raw file is gone). */
    AudioStats analyse(Path file, double silenceDb) throws IOException;

    /** The duration of an audio file as the container says (ffprobe); 0 when it has no audio. */
    long durationMillis(Path file) throws IOException;
}
