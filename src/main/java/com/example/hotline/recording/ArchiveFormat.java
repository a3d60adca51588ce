package com.example.hotline.recording;

/**
 * The archive's audio format: its file extension, ffmpeg encoder and container, bit rate (kbit/s,
 * unused for PCM) and the Content-Type the audio route serves it with. Immutable.
 */
public record ArchiveFormat(String name, String extension, String codec, String container, int bitrateKbps,
                            String contentType) {

    /** {@code opus}, {@code mp3} or {@code wav} (the values of {@code archive.format}). */
    public static ArchiveFormat of(String name, int bitrateKbps) {
        return switch (name) {
            case "opus" -> new ArchiveFormat("opus", "opus", "libopus", "ogg", bitrateKbps, "audio/ogg");
            case "mp3" -> new ArchiveFormat("mp3", "mp3", "libmp3lame", "mp3", bitrateKbps, "audio/mpeg");
            case "wav" -> new ArchiveFormat("wav", "wav", "pcm_s16le", "wav", 0, "audio/wav");
            default -> throw new IllegalArgumentException("archive format " + name + ": use opus, mp3 or wav");
        };
    }

    /** The Content-Type of a file by its extension (archived or raw). */
    public static String contentType(String fileName) {
        if (fileName.endsWith(".opus") || fileName.endsWith(".ogg")) {
            return "audio/ogg";
        }
        if (fileName.endsWith(".mp3")) {
            return "audio/mpeg";
        }
        return fileName.endsWith(".wav") ? "audio/wav" : "application/octet-stream";
    }
}
