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
import java.util.LinkedHashMap;
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
        // the ticket is asked for after one exchange with the PBX: the writer may wait for it
        tickets.expect();
        boolean arrived = false;
        try {
            HoursState hours = settings.state(clock.instant());
            List<String> watched;
            RoutingStore.Settings after = null;
            if (hours.open()) {
                watched = router.watched();
            } else {
                // after hours only phones that record are ever rung; nothing else is even asked about
                after = settings.settings();
                watched = AfterHoursRouter.watched(after.afterHoursTargets(), settings::extension);
            }
            ChannelFacts facts = ChannelFacts.ask(channel, watched);
            Map<String, DeviceState> states = facts.states();
            RouteDecision decision;
            List<Candidate> candidates = List.of();
            if (after == null) {
                decision = router.decide(states);
            } else {
                AfterHoursRouter.Decision d = AfterHoursRouter.decide(after.afterHoursTargets(), settings::extension,
                        states, Duration.ofSeconds(after.afterHoursRingSeconds()));
                decision = d.route();
                candidates = d.candidates();
            }
            String linkedId = nonEmpty(facts.linkedId(), uniqueId);
            arrived = true;
            // the ticket exists before any phone rings; if the database fails the call rings all the same
            Optional<String> ticketNo = tickets.arrive(linkedId, caller).map(o -> o.ticket().ticketNo());
            // the caller is waiting: answer the PBX first (one exchange), then do the bookkeeping
            Map<String, String> vars = new LinkedHashMap<>();
            ticketNo.ifPresent(no -> vars.put("__HOTLINE_TICKET", no));
            if (decision.escalation() != null) {
                vars.put("__HOTLINE_ESC_DIAL", "PJSIP/" + decision.escalation().extension());
                vars.put("__HOTLINE_ESC_AFTER", seconds(decision.escalation().after()));
            }
            List<RouteDecision.Stage> stages = decision.stages();
            for (int i = 0; i < stages.size(); i++) {
                vars.put("HOTLINE_DIAL_" + (i + 1), stages.get(i).dialString(ESCALATION_CHANNEL));
                vars.put("HOTLINE_TIMEOUT_" + (i + 1), seconds(stages.get(i).timeout()));
            }
            // last: the dialplan takes the fail-safe path unless this is set
            vars.put("HOTLINE_STAGES", Integer.toString(stages.size()));
            setAll(channel, vars);
            String recording = facts.recording();
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

    /**
     * What the script needs from the PBX, asked in one AGI round trip while the caller waits in
     * silence: the call's linkedid, every watched phone's state and the recording's file name (last:
     * the only value that could hold a comma).
     */
    record ChannelFacts(String linkedId, Map<String, DeviceState> states, String recording) {

        static ChannelFacts ask(AgiChannel channel, List<String> extensions) throws AgiException {
            StringBuilder expr = new StringBuilder("${CHANNEL(linkedid)}");
            for (String ext : extensions) {
                expr.append(",${DEVICE_STATE(PJSIP/").append(ext).append(")}");
            }
            expr.append(",${MIXMONITOR_FILENAME}");
            String answer = channel.getFullVariable(expr.toString());
            String[] parts = answer == null ? new String[0] : answer.split(",", extensions.size() + 2);
            Map<String, DeviceState> states = new HashMap<>();
            for (int i = 0; i < extensions.size(); i++) {
                states.put(extensions.get(i), DeviceState.ofAsterisk(i + 1 < parts.length ? parts[i + 1] : null));
            }
            String recording = parts.length == extensions.size() + 2 ? parts[extensions.size() + 1] : "";
            return new ChannelFacts(parts.length > 0 ? parts[0] : null, states, recording.isEmpty() ? null : recording);
        }
    }

    /**
     * Sets the variables in their order with one {@code EXEC MSet} (one round trip instead of one per
     * variable); a value MSet's argument parser would split or unquote (comma, quote, backslash,
     * parenthesis, control character) is set alone with {@code SET VARIABLE} before the rest.
     */
    static void setAll(AgiChannel channel, Map<String, String> vars) throws AgiException {
        StringBuilder mset = new StringBuilder();
        for (Map.Entry<String, String> v : vars.entrySet()) {
            if (msetSafe(v.getValue())) {
                mset.append(mset.length() == 0 ? "" : ",").append(v.getKey()).append('=').append(v.getValue());
            } else {
                channel.setVariable(v.getKey(), v.getValue());
            }
        }
        if (mset.length() > 0) {
            int result = channel.exec("MSet", mset.toString());
            if (result < 0) {
                throw new AgiException("MSet failed (" + result + "): " + mset) { };
            }
        }
    }

    private static boolean msetSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || ",\"\\()[]{}|'".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Dial and Wait take fractional seconds. */
    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }
}
