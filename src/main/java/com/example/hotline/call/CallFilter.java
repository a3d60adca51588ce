package com.example.hotline.call;

import java.time.Instant;

/**
 * A search over stored calls: time range on start (inclusive from, exclusive to; null = open),
 * caller digits (substring), hotline calls only or all, a page, and whose calls (the asker's
 * {@link CallScope}). Immutable.
 */
public record CallFilter(Instant from, Instant to, String caller, boolean hotlineOnly, int limit, int offset,
                         CallScope scope) {

    /** A search over every call the store has. */
    public CallFilter(Instant from, Instant to, String caller, boolean hotlineOnly, int limit, int offset) {
        this(from, to, caller, hotlineOnly, limit, offset, CallScope.ALL);
    }

    public CallFilter {
        scope = scope == null ? CallScope.ALL : scope;
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
