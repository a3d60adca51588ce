package com.example.hotline.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: the state of every component, checked at the time of the request. Always 200
 * (as the contract says); {@code status} is {@code ok} only when every component is up.
 */
public final class HealthHandler implements Handler {

    private final List<HealthCheck> checks;
    private final Clock clock;

    public HealthHandler(List<HealthCheck> checks, Clock clock) {
        this.checks = List.copyOf(checks);
        this.clock = clock;
    }

    @Override
    public Response handle(Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean allUp = true;
        Map<String, Object> components = new LinkedHashMap<>();
        for (HealthCheck c : checks) {
            HealthCheck.Result r;
            try {
                r = c.check();
            } catch (RuntimeException e) {
                r = new HealthCheck.Result(false, Map.of("error", e.toString()));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", r.up() ? "up" : "down");
            entry.putAll(r.details());
            components.put(c.name(), entry);
            allUp &= r.up();
        }
        body.put("status", allUp ? "ok" : "degraded");
        body.put("checkedAt", clock.instant().toString());
        body.putAll(components);
        return Response.json(body);
    }
}
