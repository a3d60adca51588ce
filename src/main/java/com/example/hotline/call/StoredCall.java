package com.example.hotline.call;

/** A call with its database id, as listed by the API. Immutable. */
public record StoredCall(long id, CallRecord call) {}
