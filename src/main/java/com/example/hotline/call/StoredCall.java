package com.example.hotline.call;

/** A call with its database id and the number of the ticket it belongs to (null: none), as listed by the API. Immutable. */
public record StoredCall(long id, CallRecord call, String ticketNo) {}
