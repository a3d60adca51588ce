package com.example.hotline.routing;

import java.time.Duration;
import java.util.List;

/**
 * Where a hotline call rings: dial stages tried one after the other (each a set of phones rung at
 * once for a time), an optional escalation that joins the first stage after a delay without
 * interrupting the phones already ringing, and then the recorded fallback. {@code offered} lists
 * every extension the call may reach; {@code reason} says why, for the call's record. Immutable.
 */
public record RouteDecision(List<Stage> stages, Escalation escalation, List<String> offered, String reason) {

    public RouteDecision {
        stages = List.copyOf(stages);
        offered = List.copyOf(offered);
    }

    /** Phones rung together for {@code timeout}. */
    public record Stage(List<String> extensions, boolean withEscalation, Duration timeout) {
        public Stage {
            extensions = List.copyOf(extensions);
        }

        /** The Asterisk dial string, e.g. {@code PJSIP/8001&PJSIP/8002}. */
        public String dialString(String escalationChannel) {
            List<String> parts = new java.util.ArrayList<>(extensions.stream().map(e -> "PJSIP/" + e).toList());
            if (withEscalation) {
                parts.add(escalationChannel);
            }
            return String.join("&", parts);
        }
    }

    /** {@code extension} starts ringing {@code after} the stage began, alongside the phones already ringing. */
    public record Escalation(String extension, Duration after) {}

    /** No phone can be rung: straight to the recorded fallback. */
    public boolean fallbackOnly() {
        return stages.isEmpty();
    }
}
