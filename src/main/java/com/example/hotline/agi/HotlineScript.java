package com.example.hotline.agi;

import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.PbxEvent;
import com.example.hotline.routing.AfterHoursRouter;
import com.example.hotline.routing.CallRouting;
import com.example.hotline.routing.Candidate;
import com.example.hotline.routing.DeviceState;
import com.example.hotline.routing.HoursState;
import com.example.hotline.routing.RoutingSettings;
import com.example.hotline.routing.RoutingStore;
import com.example.hotline.routing.FrontDeskRouter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.example.hotline.routing.RouteDecision;
import com.example.hotline.ticket.TicketDesk;
import java.util.Optional;
import java.time.Clock;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agi://…/hotline}: runs when a call enters the hotline, before any phone rings. In office hours
 * (schedule or override) it asks the PBX which front-desk phones are free and routes to them; after
 * hours it rings only the after-hours candidates that record (or none: the recorded fallback). It
 * decides where the call rings, opens the call's ticket from the caller ID
 * ({@code __HOTLINE_TICKET}, inherited by every leg), sets the stage variables the dialplan reads
 * ({@code HOTLINE_STAGES}, {@code HOTLINE_DIAL_i}, {@code HOTLINE_TIMEOUT_i}, escalation), and records
 * the entry on the call. If anything fails the variables stay unset and the dialplan takes its
 * fail-safe path (still recorded, rings the front desk). Stateless and thread-safe.
 */
public final class HotlineScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(HotlineScript.class);

    private final FrontDeskRouter router;
    private final RoutingSettings settings;
    private final Consumer<CallRouting> decisions;
    private final TicketDesk tickets;
    private final CallEventQueue queue;
    private final Clock clock;

    /**
     * {@code settings} say whether the desk is open and who may take calls after hours;
     * {@code decisions} keeps each call's routing decision (it must return at once: the caller waits).
     */
    public HotlineScript(FrontDeskRouter router, RoutingSettings settings, Consumer<CallRouting> decisions,
                         TicketDesk tickets, CallEventQueue queue, Clock clock) {
        this.router = router;
        this.settings = settings;
        this.decisions = decisions;
        this.tickets = tickets;
        this.queue = queue;
        this.clock = clock;
    }

    /** The Local channel that makes the supervisor's phone join a ringing stage (dialplan hotline-escalate). */
    static final String ESCALATION_CHANNEL = "Local/s@hotline-escalate/n";

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String uniqueId = request.getUniqueId();
        String caller = callerId(request);
        // the ticket is asked for after two exchanges with the PBX: the writer may wait for it
        tickets.expect();
        boolean arrived = false;
        try {
            HoursState hours = settings.state(clock.instant());
            Map<String, DeviceState> states;
            RouteDecision decision;
            List<Candidate> candidates = List.of();
            if (hours.open()) {
                states = deviceStates(channel, router.watched());
                decision = router.decide(states);
            } else {
                // after hours only phones that record are ever rung; nothing else is even asked about
                RoutingStore.Settings s = settings.settings();
                states = deviceStates(channel,
                        AfterHoursRouter.watched(s.afterHoursTargets(), settings::extension));
                AfterHoursRouter.Decision d = AfterHoursRouter.decide(s.afterHoursTargets(), settings::extension,
                        states, Duration.ofSeconds(s.afterHoursRingSeconds()));
                decision = d.route();
                candidates = d.candidates();
            }
            String linkedId = nonEmpty(channel.getFullVariable("${CHANNEL(linkedid)}"), uniqueId);
            arrived = true;
            // the ticket exists before any phone rings; if the database fails the call rings all the same
            Optional<String> ticketNo = tickets.arrive(linkedId, caller).map(o -> o.ticket().ticketNo());
            if (ticketNo.isPresent()) {
                channel.setVariable("__HOTLINE_TICKET", ticketNo.get());
            }
            // the caller is waiting: answer the PBX first, then do the bookkeeping
            if (decision.escalation() != null) {
                channel.setVariable("__HOTLINE_ESC_DIAL", "PJSIP/" + decision.escalation().extension());
                channel.setVariable("__HOTLINE_ESC_AFTER", seconds(decision.escalation().after()));
            }
            List<RouteDecision.Stage> stages = decision.stages();
            for (int i = 0; i < stages.size(); i++) {
                channel.setVariable("HOTLINE_DIAL_" + (i + 1), stages.get(i).dialString(ESCALATION_CHANNEL));
                channel.setVariable("HOTLINE_TIMEOUT_" + (i + 1), seconds(stages.get(i).timeout()));
            }
            // set last: the dialplan takes the fail-safe path unless this is set
            channel.setVariable("HOTLINE_STAGES", Integer.toString(stages.size()));
            String recording = channel.getVariable("MIXMONITOR_FILENAME");
            log.info("call {}: hotline entry, ticket {}, {}: {} (states {}), recording {}", linkedId,
                    ticketNo.orElse("not opened yet"), hours.open() ? "office hours" : "after hours",
                    decision.reason(), states, recording);
            decisions.accept(new CallRouting(linkedId, clock.instant(), !hours.open(), hours.mode().wire(),
                    hours.reason(), candidates, decision.offered(), decision.reason()));
            queue.submit(new PbxEvent.HotlineEntered(clock.instant(), linkedId, uniqueId, caller,
                    request.getCallerIdName(), decision.offered(), recording));
        } finally {
            if (!arrived) {
                tickets.notComing();
            }
        }
    }

    /**
     * The caller ID exactly as Asterisk sent it ({@code agi_callerid}): asterisk-java's parsed number
     * turns "unknown" into null and reads quotes and angle brackets as a name, but the ticket must keep
     * untrusted caller IDs as they came.
     */
    private static String callerId(AgiRequest request) {
        Map<String, String> env = request.getRequest();
        String raw = env == null ? null : env.get("callerid");
        return raw != null ? raw : request.getCallerIdNumber();
    }

    /** Every watched phone's state in one AGI round trip, while the caller waits in silence. */
    private static Map<String, DeviceState> deviceStates(AgiChannel channel, List<String> extensions)
            throws AgiException {
        if (extensions.isEmpty()) {
            return Map.of();
        }
        StringBuilder expr = new StringBuilder();
        for (String ext : extensions) {
            expr.append(expr.length() == 0 ? "" : ",").append("${DEVICE_STATE(PJSIP/").append(ext).append(")}");
        }
        String[] answers = String.valueOf(channel.getFullVariable(expr.toString())).split(",", -1);
        Map<String, DeviceState> states = new HashMap<>();
        for (int i = 0; i < extensions.size(); i++) {
            states.put(extensions.get(i), DeviceState.ofAsterisk(i < answers.length ? answers[i] : null));
        }
        return states;
    }

    /** Dial and Wait take fractional seconds. */
    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }
}
