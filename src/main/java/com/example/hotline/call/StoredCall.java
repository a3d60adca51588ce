package com.example.hotline.call;

import java.util.List;

/**
 * A call with its database id, the number of the ticket it belongs to (null: none) and the ids of its
 * recordings in the recording index, as listed by the API. Immutable.
 */
public record StoredCall(long id, CallRecord call, String ticketNo, List<Long> recordingIds) {

    public StoredCall {
        recordingIds = recordingIds == null ? List.of() : List.copyOf(recordingIds);
    }

    /** A call whose recordings are not known (none indexed yet). */
    public StoredCall(long id, CallRecord call, String ticketNo) {
        this(id, call, ticketNo, List.of());
    }
}
