package com.example.hotline.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Routes a hotline call to the front desk so that it cannot breach C1 by ringing one unanswering
 * phone: every free front-desk agent is offered the call before the last allowed ring ends
 * ({@code offerWithin}); if nobody has answered by then, the supervisor's phone joins while the
 * agents keep ringing; after {@code maxRing} the call goes to the recorded fallback.
 *
 * <ul>
 * <li>{@code RING_ALL}: every free agent at once, the supervisor joining at {@code offerWithin}.</li>
 * <li>{@code HUNT}: free agents one after another, each for {@code perPhone} but short enough that
 * all are offered within {@code offerWithin}; then all of them plus the supervisor.</li>
 * </ul>
 * Pure and immutable: the caller supplies the device states.
 */
public final class FrontDeskRouter {

    /** How the front desk is offered the call. */
    public enum Strategy { RING_ALL, HUNT }

    private final List<String> frontDesk;
    private final String supervisor;
    private final Strategy strategy;
    private final Duration offerWithin;
    private final Duration perPhone;
    private final Duration maxRing;

    public FrontDeskRouter(List<String> frontDesk, String supervisor, Strategy strategy, Duration offerWithin,
                           Duration perPhone, Duration maxRing) {
        if (frontDesk.isEmpty()) {
            throw new IllegalArgumentException("no front-desk extensions");
        }
        if (maxRing.compareTo(offerWithin) <= 0) {
            throw new IllegalArgumentException("the maximum ring time must be longer than the offer window");
        }
        this.frontDesk = List.copyOf(frontDesk);
        this.supervisor = supervisor == null || supervisor.isBlank() ? null : supervisor;
        this.strategy = strategy;
        this.offerWithin = offerWithin;
        this.perPhone = perPhone;
        this.maxRing = maxRing;
    }

    /** The extensions whose state the decision needs. */
    public List<String> watched() {
        List<String> all = new ArrayList<>(frontDesk);
        if (supervisor != null) {
            all.add(supervisor);
        }
        return all;
    }

    public RouteDecision decide(Map<String, DeviceState> states) {
        List<String> free = new ArrayList<>();
        for (String ext : frontDesk) {
            if (states.getOrDefault(ext, DeviceState.UNAVAILABLE) == DeviceState.FREE) {
                free.add(ext);
            }
        }
        boolean supervisorReachable = supervisor != null
                && states.getOrDefault(supervisor, DeviceState.UNAVAILABLE) != DeviceState.UNAVAILABLE;
        List<String> offered = new ArrayList<>(free);
        if (supervisorReachable) {
            offered.add(supervisor);
        }
        if (free.isEmpty()) {
            if (!supervisorReachable) {
                return new RouteDecision(List.of(), null, List.of(), "no front-desk agent free, no supervisor: fallback");
            }
            return new RouteDecision(List.of(new RouteDecision.Stage(List.of(supervisor), false, maxRing)), null,
                    offered, "no front-desk agent free: supervisor " + supervisor);
        }
        if (strategy == Strategy.RING_ALL || free.size() == 1) {
            RouteDecision.Escalation esc = supervisorReachable
                    ? new RouteDecision.Escalation(supervisor, offerWithin) : null;
            return new RouteDecision(List.of(new RouteDecision.Stage(free, esc != null, maxRing)), esc, offered,
                    "ring all free front-desk agents " + free + (esc == null ? ""
                            : ", supervisor " + supervisor + " joins after " + offerWithin.toMillis() + " ms"));
        }
        Duration slot = perPhone;
        Duration fair = offerWithin.dividedBy(free.size());
        if (fair.compareTo(slot) < 0) {
            slot = fair; // every free agent must be offered the call before the last allowed ring ends
        }
        List<RouteDecision.Stage> stages = new ArrayList<>();
        for (String ext : free) {
            stages.add(new RouteDecision.Stage(List.of(ext), false, slot));
        }
        List<String> everyone = new ArrayList<>(free);
        if (supervisorReachable) {
            everyone.add(supervisor);
        }
        stages.add(new RouteDecision.Stage(everyone, false, maxRing.minus(slot.multipliedBy(free.size()))));
        return new RouteDecision(stages, null, offered, "hunt " + free + " " + slot.toMillis()
                + " ms each, then all" + (supervisorReachable ? " with supervisor " + supervisor : ""));
    }
}
