package com.example.hotline.call;

import java.util.List;
import java.util.Optional;

/**
 * Where calls are kept. Implemented by the store package over PostgreSQL; looked up from the
 * call-tracker thread and written by its writer (call-store thread), concurrently: implementations
 * are thread-safe. Every method may throw {@link StoreUnavailableException} when the database
 * cannot be reached; the writer keeps the change and retries.
 */
public interface CallStore {

    /** Inserts or updates the call (keyed by linkedId) and its legs, and appends the events, atomically. */
    void save(CallRecord call, List<PbxEvent> newEvents);

    /**
     * Saves several calls as {@link #save} does, all in one transaction: either every change is stored
     * or none is (the tracker then retries them all, so a partial save would duplicate events).
     */
    void saveAll(List<Change> changes);

    /**
     * One call's new state and the events that led to it since its last save. {@code changedLegs}
     * are the legs of {@code call} that may differ from what is stored (every leg changed since the
     * call's previous change): the store writes only those, the others are already stored as they are.
     */
    record Change(CallRecord call, List<PbxEvent> newEvents, List<LegRecord> changedLegs) {

        /** A change that writes all the call's legs. */
        public Change(CallRecord call, List<PbxEvent> newEvents) {
            this(call, newEvents, call.legs());
        }
    }

    /** The stored call with this linkedId, if any. */
    Optional<CallRecord> find(String linkedId);

    /** Calls stored as not ended (used after a restart or reconnect to reconcile with the PBX). */
    List<CallRecord> findOpen();

    /** The database could not be reached; the operation may be retried. */
    final class StoreUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
