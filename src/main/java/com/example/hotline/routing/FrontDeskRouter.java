package com.example.hotline.routing;

import java.time.Duration;
import java.util.List;

/** Rings every front-desk agent at once. Immutable and thread-safe. */
public final class FrontDeskRouter {

    private final List<String> frontDesk;
    private final Duration ringTimeout;

    public FrontDeskRouter(List<String> frontDesk, Duration ringTimeout) {
        if (frontDesk.isEmpty()) {
            throw new IllegalArgumentException("no front-desk extensions");
        }
        this.frontDesk = List.copyOf(frontDesk);
        this.ringTimeout = ringTimeout;
    }

    public RouteDecision decide(String caller) {
        return new RouteDecision(frontDesk, ringTimeout, "front desk");
    }
}
