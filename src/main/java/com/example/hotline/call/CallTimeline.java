package com.example.hotline.call;

import java.util.List;
import java.util.Map;

/**
 * One call on one page: the stored call, the PBX events that built it in order (each a map of the
 * event's fields plus {@code kind}), and the department and building of its ticket (null when it has
 * none), which decide who may see it. Immutable.
 */
public record CallTimeline(StoredCall call, List<Map<String, Object>> events, String department, String building) {
    public CallTimeline {
        events = List.copyOf(events);
    }
}
