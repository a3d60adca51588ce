package com.example.hotline.callback;

import java.time.Instant;
import java.util.Locale;

/**
 * One callback task: the missed call it came from ({@code callId}, {@code linkedId}), the number to
 * call ({@code caller}, null when withheld), when it was created, and whether, when and by whom it
 * was done. Immutable.
 */
public record Callback(long id, long callId, String linkedId, String caller, Instant createdAt, Status status,
                       Instant doneAt, String doneBy, String note) {

    /** False when the caller withheld the number: the desk cannot call back and only closes the task. */
    public boolean callable() {
        return caller != null;
    }

    /** Where a task is: waiting for the desk, called back, or dropped. */
    public enum Status {
        OPEN, DONE, CANCELLED;

        /** The name stored in the database and shown by the API. */
        public String dbName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status ofDbName(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
