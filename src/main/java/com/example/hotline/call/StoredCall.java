package com.example.hotline.call;

/**
 * A call with its database id, the number of the ticket it belongs to (null: none) and, for a hotline
 * call routed by the server, whether it came after hours and its routing decision as a JSON object
 * text (both null when the server did not route it: the dialplan's fail-safe, or not a hotline
 * call), as listed by the API. Immutable.
 */
public record StoredCall(long id, CallRecord call, String ticketNo, Boolean afterHours, String routingJson) {

    public StoredCall(long id, CallRecord call, String ticketNo) {
        this(id, call, ticketNo, null, null);
    }
}
