package com.example.hotline.recording;

import com.example.hotline.call.CallScope;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The access log of recordings: who played or downloaded which recording, when, from which client
 * address and with what answer. Written by the audio and download routes (see {@link PlayWindow} for
 * when a play counts), read by quality staff. Entries are never changed. Implementations are
 * thread-safe; every method blocks on the database.
 */
public interface AccessLog {

    /** What was done with the recording. */
    enum Action {
        PLAY, DOWNLOAD;

        public String db() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action of(String db) {
            return valueOf(db.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One counted access: the recording, the user (id, name, role), the action, the moment, the client's
     * address, a digest of the browser session (null for HTTP Basic), the HTTP status answered and the
     * Range asked for (null: none).
     */
    record Access(long recordingId, long userId, String username, String role, Action action, Instant at,
                  String client, String sessionTag, int status, String byteRange) {}

    /** A logged access with what the recording is: its uniform name, caller, extension and start. */
    record Entry(long id, Access access, String recordingName, String caller, String extension,
                 Instant recordingStartedAt) {}

    /**
     * A search: the access time in [from, to), a user name, a recording, an action (null: any), narrowed
     * to the recordings of calls within {@code scope}; newest first, one page.
     */
    record Query(Instant from, Instant to, String username, Long recordingId, Action action, CallScope scope,
                 int limit, int offset) {
        public Query {
            scope = scope == null ? CallScope.ALL : scope;
        }
    }

    void write(Access access);

    List<Entry> search(Query query);
}
