package com.example.hotline.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Routes a call after hours: the ordered candidates are judged one by one against the extension
 * registry, and only those that are desk or department phones marked as recording (not demoted) and
 * registered on the PBX are rung, one after the other for {@code perTarget} each, in the given order.
 * If none qualifies the call goes straight to the recorded fallback; a mobile, an external number, an
 * unknown number or a phone that does not record is never rung. Pure and stateless.
 */
public final class AfterHoursRouter {

    /** The route and every candidate with its verdict. */
    public record Decision(RouteDecision route, List<Candidate> candidates) {
        public Decision {
            candidates = List.copyOf(candidates);
        }
    }

    private AfterHoursRouter() {}

    /**
     * The PBX extensions whose device state the decision needs: the candidates that could be rung.
     */
    public static List<String> watched(List<String> targets, Function<String, Extension> registry) {
        List<String> out = new ArrayList<>();
        for (String t : targets) {
            if (registry.apply(t).mayReceiveHotline() && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    public static Decision decide(List<String> targets, Function<String, Extension> registry,
                                  Map<String, DeviceState> states, Duration perTarget) {
        List<Candidate> judged = new ArrayList<>();
        List<String> ring = new ArrayList<>();
        for (String t : targets) {
            Extension e = registry.apply(t);
            String refusal = e.refusal();
            if (ring.contains(t)) {
                judged.add(new Candidate(t, e.kind().wire(), false, "listed twice"));
            } else if (refusal != null) {
                judged.add(new Candidate(t, e.kind().wire(), false, refusal));
            } else if (states.getOrDefault(t, DeviceState.UNAVAILABLE) == DeviceState.UNAVAILABLE) {
                judged.add(new Candidate(t, e.kind().wire(), false, "not registered on the PBX"));
            } else {
                judged.add(new Candidate(t, e.kind().wire(), true, "records"));
                ring.add(t);
            }
        }
        if (ring.isEmpty()) {
            return new Decision(new RouteDecision(List.of(), null, List.of(),
                    "after hours: no recording candidate, recorded fallback and callback"), judged);
        }
        List<RouteDecision.Stage> stages = new ArrayList<>();
        for (String t : ring) {
            stages.add(new RouteDecision.Stage(List.of(t), false, perTarget));
        }
        return new Decision(new RouteDecision(stages, null, ring, "after hours: ring " + ring + " in order, "
                + perTarget.toSeconds() + " s each"), judged);
    }
}
