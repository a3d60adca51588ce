package com.example.hotline.agi;

import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.PbxEvent;
import com.example.hotline.routing.FrontDeskRouter;
import com.example.hotline.routing.RouteDecision;
import java.time.Clock;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agi://…/hotline}: runs when a call enters the hotline, before any phone rings. Decides where
 * it rings, sets {@code HOTLINE_DIAL} and {@code HOTLINE_DIAL_TIMEOUT} for the dialplan, and records
 * the entry on the call. If anything fails the variables stay unset and the dialplan takes its
 * fail-safe path (still recorded, rings the front desk). Stateless and thread-safe.
 */
public final class HotlineScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(HotlineScript.class);

    private final FrontDeskRouter router;
    private final CallEventQueue queue;
    private final Clock clock;

    public HotlineScript(FrontDeskRouter router, CallEventQueue queue, Clock clock) {
        this.router = router;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String uniqueId = request.getUniqueId();
        String caller = request.getCallerIdNumber();
        RouteDecision decision = router.decide(caller);
        // the caller is waiting: answer the PBX first, then do the bookkeeping
        channel.setVariable("HOTLINE_DIAL", decision.dialString());
        channel.setVariable("HOTLINE_DIAL_TIMEOUT", Long.toString(decision.ringTimeout().toSeconds()));
        String linkedId = nonEmpty(channel.getFullVariable("${CHANNEL(linkedid)}"), uniqueId);
        String recording = channel.getVariable("MIXMONITOR_FILENAME");
        log.info("call {}: hotline entry from {} -> {} ({}), recording {}", linkedId, caller,
                decision.dialString(), decision.reason(), recording);
        queue.submit(new PbxEvent.HotlineEntered(clock.instant(), linkedId, uniqueId, caller,
                request.getCallerIdName(), decision.extensions(), recording));
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }
}
