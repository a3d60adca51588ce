package com.example.hotline.call;

import java.util.List;

/**
 * A call with its database id, the number of the ticket it belongs to (null: none), for a hotline
 * call routed by the server whether it came after hours and its routing decision as a JSON object
 * text (both null when the server did not route it: the dialplan's fail-safe, or not a hotline
 * call), and the ids of its recordings in the recording index, as listed by the API. Immutable.
 */
public record StoredCall(long id, CallRecord call, String ticketNo, Boolean afterHours, String routingJson,
                         List<Long> recordingIds) {

    public StoredCall {
        recordingIds = recordingIds == null ? List.of() : List.copyOf(recordingIds);
    }

    /** A call that was not routed by the server and whose recordings are not known. */
    public StoredCall(long id, CallRecord call, String ticketNo) {
        this(id, call, ticketNo, null, null, List.of());
    }
}
