package com.example.hotline.web;

import com.example.hotline.recording.AccessLog;
import com.example.hotline.recording.PlayWindow;
import com.example.hotline.recording.Recording;
import java.time.Clock;

/**
 * Writes plays and downloads to the {@link AccessLog} before the audio goes out. A play is logged
 * when the request begins a new play per {@link PlayWindow} (one per recording per listener per
 * window, however many Range requests); a download per request that starts at the first byte. When
 * the log cannot be written the request fails (500): nobody listens unrecorded. Thread-safe.
 */
final class AccessRecorder {

    private final AccessLog log;
    private final PlayWindow plays;
    private final Clock clock;

    AccessRecorder(AccessLog log, PlayWindow plays, Clock clock) {
        this.log = log;
        this.plays = plays;
        this.clock = clock;
    }

    /** The listener a play is counted for: the browser session, else the user at the client address. */
    static String listener(Request r) {
        return r.sessionTag() != null ? "session:" + r.sessionTag()
                : "basic:" + r.user().username() + "@" + r.client();
    }

    void played(Request r, Recording rec, int status, String range) {
        String listener = listener(r);
        if (!plays.begins(listener, rec.id())) {
            return;
        }
        try {
            write(r, rec, AccessLog.Action.PLAY, status, range);
        } catch (RuntimeException e) {
            plays.forget(listener, rec.id());
            throw e;
        }
    }

    void downloaded(Request r, Recording rec, int status, String range) {
        write(r, rec, AccessLog.Action.DOWNLOAD, status, range);
    }

    private void write(Request r, Recording rec, AccessLog.Action action, int status, String range) {
        log.write(new AccessLog.Access(rec.id(), r.user().id(), r.user().username(), r.user().role(), action,
                clock.instant(), r.client(), r.sessionTag(), status, range));
    }
}
