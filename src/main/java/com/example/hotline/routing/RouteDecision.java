package com.example.hotline.routing;

import java.time.Duration;
import java.util.List;

/** Where a call rings and for how long; {@code reason} says why, for the call's record. Immutable. */
public record RouteDecision(List<String> extensions, Duration ringTimeout, String reason) {

    public RouteDecision {
        extensions = List.copyOf(extensions);
    }

    /** The Asterisk dial string, e.g. {@code PJSIP/8001&PJSIP/8002}. */
    public String dialString() {
        return String.join("&", extensions.stream().map(e -> "PJSIP/" + e).toList());
    }
}
