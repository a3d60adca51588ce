package com.example.hotline.web;

import com.example.hotline.auth.User;
import com.example.hotline.call.CallScope;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingIndex;
import com.example.hotline.recording.RecordingReach;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one door to a recording asked for by id ({@code {id}} of the route) and to its audio file: 400
 * for an id that is not a number, 404 for an unknown recording, 403 when it is not within the asker's
 * reach (an agent: the calls of their extension; limited quality staff: their departments and
 * buildings; {@link RecordingReach}), and 404 with the reason when its audio is gone (purged, lost,
 * never written). Used by the details, audio, download, waveform and legal-hold routes alike.
 * Thread-safe; blocks on the database.
 */
public final class RecordingGuard {

    private final RecordingIndex index;
    private final RecordingReach reach;
    private final Path archiveDir;
    private final Path rawDir;

    public RecordingGuard(RecordingIndex index, RecordingReach reach, Path archiveDir, Path rawDir) {
        this.index = index;
        this.reach = reach;
        this.archiveDir = archiveDir.toAbsolutePath().normalize();
        this.rawDir = rawDir.toAbsolutePath().normalize();
    }

    /** The recording of the route's {@code {id}}, if the asker may see it. */
    public Recording require(Request r) {
        String raw = r.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw == null ? "" : raw);
        } catch (NumberFormatException e) {
            throw new BadRequestException("id: a recording id (a number), not '" + raw + "'");
        }
        if (id < 1) {
            throw new BadRequestException("id: a recording id (a positive number)");
        }
        Recording rec = index.find(id).orElseThrow(() -> new NotFoundException("no recording " + id));
        User u = r.user();
        CallScope scope = Access.callScope(u);
        if (!scope.all() && !reach.reaches(id, scope)) {
            throw new ForbiddenException(u.is(User.AGENT) ? "recording " + id + " is not of a call of extension "
                    + (u.extension() == null ? "(none linked)" : u.extension())
                    : "recording " + id + " is outside your departments and buildings");
        }
        return rec;
    }

    /**
     * The file holding the recording's audio now: the archived copy, or the raw file while it is not
     * archived. 404 naming the state when there is none. A stored path that would lead outside its
     * folder is refused as if missing.
     */
    public Path audio(Recording rec) {
        Path file = switch (rec.state()) {
            case ARCHIVED -> inside(archiveDir, rec.archivePath());
            case RECORDING, RECORDED, ARCHIVING -> inside(rawDir, rec.rawFile());
            default -> null;
        };
        if (file == null || !Files.isRegularFile(file)) {
            throw new NotFoundException("recording " + rec.id() + " has no audio (" + rec.state().db()
                    + (rec.purgedAt() != null ? ", purged " + rec.purgedAt() : "")
                    + (file != null && rec.state() != Recording.State.PURGED ? ", file missing" : "") + ")");
        }
        return file;
    }

    private static Path inside(Path dir, String relative) {
        if (relative == null || relative.isEmpty()) {
            return null;
        }
        Path p = dir.resolve(relative).normalize();
        return p.startsWith(dir) ? p : null;
    }
}
