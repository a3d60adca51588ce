package com.example.hotline.ticket;

import java.time.Instant;
import java.util.Map;

/** One step of a ticket's life: what, when, who (null: the server itself) and its own fields. Immutable. */
public record TicketStep(long id, String step, Instant at, String byUser, Map<String, Object> detail) {

    public TicketStep {
        detail = detail == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detail));
    }
}
