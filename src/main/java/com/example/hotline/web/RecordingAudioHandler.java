package com.example.hotline.web;

import com.example.hotline.recording.ArchiveFormat;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/recordings/{id}/audio}: the archived copy, or the raw file while it is not archived
 * yet, with HTTP Range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}: 206 with Content-Range;
 * beyond the end: 416 with {@code bytes *}/size; several ranges or another unit: the whole file, 200,
 * as RFC 9110 allows). 404 for an unknown id, a purged or lost recording. Any signed-in user, like the
 * other routes; runs on an http-worker, the bytes go out zero-copy from the event loop.
 */
public final class RecordingAudioHandler implements Handler {

    private final RecordingIndex index;
    private final Path archiveDir;
    private final Path rawDir;

    public RecordingAudioHandler(RecordingIndex index, Path archiveDir, Path rawDir) {
        this.index = index;
        this.archiveDir = archiveDir;
        this.rawDir = rawDir;
    }

    /** A byte range [first, last] of a file of {@code size} bytes. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    @Override
    public Response handle(Request r) throws IOException {
        long id;
        try {
            id = Long.parseLong(r.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadRequestException("id: a recording id (a number)");
        }
        Optional<Recording> found = index.find(id);
        if (found.isEmpty()) {
            return Response.error(404, "no recording " + id);
        }
        Recording rec = found.get();
        Path file = switch (rec.state()) {
            case ARCHIVED -> archiveDir.resolve(rec.archivePath());
            case RECORDING, RECORDED, ARCHIVING -> rawDir.resolve(rec.rawFile());
            default -> null;
        };
        if (file == null || !Files.isRegularFile(file)) {
            return Response.error(404, "recording " + id + " has no audio (" + rec.state().db()
                    + (rec.purgedAt() != null ? ", purged " + rec.purgedAt() : "") + ")");
        }
        long size = Files.size(file);
        String type = ArchiveFormat.contentType(file.getFileName().toString());
        String name = rec.name() != null ? rec.name() : file.getFileName().toString();
        Map<String, String> headers = Map.of("Accept-Ranges", "bytes",
                "Content-Disposition", "inline; filename=\"" + name + "\"");
        String header = r.header("range");
        if (header == null) {
            return Response.file(200, type, file, 0, size, headers);
        }
        Range range;
        try {
            range = parse(header, size);
        } catch (IllegalArgumentException e) {
            return new Response(416, "application/json; charset=utf-8", Json.bytes(Map.of("error",
                    "range " + header + " not satisfiable for " + size + " bytes")),
                    Map.of("Content-Range", "bytes */" + size, "Accept-Ranges", "bytes"));
        }
        if (range == null) {
            return Response.file(200, type, file, 0, size, headers);
        }
        return Response.file(206, type, file, range.first(), range.length(), Map.of("Accept-Ranges", "bytes",
                "Content-Disposition", headers.get("Content-Disposition"),
                "Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size));
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
