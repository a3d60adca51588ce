package com.example.hotline.call;

import java.time.Instant;

/**
 * A search over stored calls: time range on start (inclusive from, exclusive to; null = open),
 * caller digits (substring), hotline calls only or all, and a page. Immutable.
 */
public record CallFilter(Instant from, Instant to, String caller, boolean hotlineOnly, int limit, int offset) {

    public CallFilter {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
