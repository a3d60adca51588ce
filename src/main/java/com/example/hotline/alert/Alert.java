package com.example.hotline.alert;

import java.time.Instant;
import java.util.Map;

/**
 * Something a supervisor must see now. {@code kind} is a stable name ({@code ring-breach}, …);
 * {@code details} holds figures for the page and the report. Immutable.
 */
public record Alert(String kind, Instant raisedAt, String linkedId, String uniqueId, String caller,
                    String message, Map<String, Object> details) {

    public Alert {
        details = details == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
