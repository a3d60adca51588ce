package com.example.hotline.callback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where callback tasks are kept. Implemented by the store package over PostgreSQL; thread-safe,
 * every method blocks on I/O. At most one task exists per call.
 */
public interface CallbackStore {

    /**
     * Creates the open task of the stored call with this linkedId unless it already has one.
     *
     * @param caller the number to call back, null when withheld
     * @param note   a remark for the desk, or null
     * @return true when a task was created, false when the call already had one (or is not stored)
     */
    boolean createForCall(String linkedId, String caller, String note, Instant at);

    /** Tasks matching the filter, newest first. */
    List<Callback> search(CallbackFilter filter);

    Optional<Callback> byId(long id);

    /**
     * Marks an open task done by {@code user}; {@code note}, when not null, replaces the task's note.
     *
     * @return the task as done, or empty when there is no such task or it is no longer open
     */
    Optional<Callback> markDone(long id, String user, String note, Instant at);
}
