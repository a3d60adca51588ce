package com.example.hotline.web;

import com.example.hotline.recording.ArchiveFormat;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.UniformName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code GET /api/recordings/{id}/audio} (to play in the page) and {@code GET /api/recordings/{id}/download}
 * (to save): the archived copy, or the raw file while it is not archived yet, with HTTP Range
 * ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}: 206 with Content-Range; beyond the end: 416
 * with {@code bytes *}/size; several ranges or another unit: the whole file, 200, as RFC 9110 allows).
 * Both name the file with its uniform name ({@link UniformName}: only {@code [A-Za-z0-9+._-]}), inline
 * for playing, as an attachment for the download. Reach and missing audio as {@link RecordingGuard}
 * (400, 403, 404). Every play (one per listener and recording per window) and every download that
 * starts at the first byte is written to the access log before the bytes go out; a refused request
 * writes nothing. Runs on an http-worker; the bytes go out zero-copy from the event loop.
 */
public final class RecordingAudioHandler implements Handler {

    /** Playing in the page or downloading. */
    enum Mode { PLAY, DOWNLOAD }

    private final RecordingGuard guard;
    private final AccessRecorder access;
    private final UniformName names;
    private final Mode mode;

    RecordingAudioHandler(RecordingGuard guard, AccessRecorder access, UniformName names, Mode mode) {
        this.guard = guard;
        this.access = access;
        this.names = names;
        this.mode = mode;
    }

    /** A byte range [first, last] of a file of {@code size} bytes. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    @Override
    public Response handle(Request r) throws IOException {
        Recording rec = guard.require(r);
        Path file = guard.audio(rec);
        long size = Files.size(file);
        String type = ArchiveFormat.contentType(file.getFileName().toString());
        String disposition = (mode == Mode.DOWNLOAD ? "attachment" : "inline") + "; filename=\""
                + fileName(rec, file) + "\"";
        String header = r.header("range");
        Range range = null;
        if (header != null) {
            try {
                range = parse(header, size);
            } catch (IllegalArgumentException e) {
                return new Response(416, "application/json; charset=utf-8", Json.bytes(Map.of("error",
                        "range " + header + " not satisfiable for " + size + " bytes")),
                        Map.of("Content-Range", "bytes */" + size, "Accept-Ranges", "bytes"));
            }
        }
        int status = range == null ? 200 : 206;
        String served = range == null ? null : header.length() > 200 ? header.substring(0, 200) : header;
        if (mode == Mode.PLAY) {
            access.played(r, rec, status, served);
        } else if (range == null || range.first() == 0) {
            access.downloaded(r, rec, status, served);
        }
        if (range == null) {
            return Response.file(200, type, file, 0, size, Map.of("Accept-Ranges", "bytes",
                    "Content-Disposition", disposition));
        }
        return Response.file(206, type, file, range.first(), range.length(), Map.of("Accept-Ranges", "bytes",
                "Content-Disposition", disposition,
                "Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size));
    }

    /**
     * The uniform name: the archive's own once archived, else the same scheme with the raw file's
     * extension. Only safe characters, so it needs no quoting in the header.
     */
    String fileName(Recording rec, Path file) {
        String n = file.getFileName().toString();
        String ext = n.lastIndexOf('.') > 0 ? n.substring(n.lastIndexOf('.') + 1) : "wav";
        if (rec.state() == Recording.State.ARCHIVED && rec.name() != null && rec.name().matches("[A-Za-z0-9+._-]+")) {
            return rec.name();
        }
        return names.name(rec.startedAt(), rec.caller(), rec.extension(), rec.ticketNo(), rec.uniqueId(),
                ext.matches("[A-Za-z0-9]{1,5}") ? ext : "wav");
    }

    /**
     * The one range of a {@code Range} header; null when the header is to be ignored (another unit,
     * several ranges, malformed); {@link IllegalArgumentException} when it cannot be satisfied.
     */
    static Range parse(String header, long size) {
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.contains(",")) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) {
                    throw new IllegalArgumentException("empty suffix");
                }
                return new Range(Math.max(0, size - n), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                return null;
            }
            if (first >= size) {
                throw new IllegalArgumentException("starts after the end");
            }
            return new Range(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
