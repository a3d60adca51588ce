package com.example.hotline.callback;

import java.time.Instant;

/**
 * A search over callback tasks: one status or all ({@code status} null), creation time range
 * (inclusive from, exclusive to; null = open) and a page. Immutable.
 */
public record CallbackFilter(Callback.Status status, Instant from, Instant to, int limit, int offset) {

    public CallbackFilter {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
