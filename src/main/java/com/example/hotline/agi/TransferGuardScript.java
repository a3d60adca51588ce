package com.example.hotline.agi;

import com.example.hotline.routing.TransferGuard;
import com.example.hotline.routing.Violation;
import java.time.Clock;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agi://…/transfer-guard}: runs in the dialplan's {@code hotline-transfer} context when a hotline
 * call is being transferred (blind transfer from a phone, AMI BlindTransfer or Redirect) to
 * {@code ${EXTEN}}. Sets {@code HOTLINE_XFER_OK=1} only when the target is a desk or department phone
 * that records; otherwise it leaves it unset, and the dialplan refuses, and the attempt is reported as
 * a {@link Violation} (call, who: the transferring channel from {@code BLINDTRANSFER}, target, why).
 * The dialplan refuses by default, so a server that does not answer cannot let a transfer through.
 * Stateless and thread-safe.
 */
public final class TransferGuardScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(TransferGuardScript.class);

    private final TransferGuard guard;
    private final Consumer<Violation> violations;
    private final Clock clock;

    /** {@code violations} must return at once (the caller waits in the dialplan). */
    public TransferGuardScript(TransferGuard guard, Consumer<Violation> violations, Clock clock) {
        this.guard = guard;
        this.violations = violations;
        this.clock = clock;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String target = request.getExtension();
        String linkedId = channel.getFullVariable("${CHANNEL(linkedid)}");
        String by = who(request, channel);
        TransferGuard.Verdict v = guard.check(target);
        if (v.allowed()) {
            channel.setVariable("HOTLINE_XFER_OK", "1");
            log.info("call {}: transfer to {} by {} allowed: {}", linkedId, target, by, v.reason());
            return;
        }
        log.warn("call {}: transfer to {} by {} REFUSED: {}", linkedId, target, by, v.reason());
        violations.accept(new Violation(0, clock.instant(), linkedId, request.getUniqueId(), by, target, v.reason()));
    }

    /**
     * Who tried: the transferring phone's channel of a blind transfer ({@code BLINDTRANSFER}); for the
     * consultation call of an attended transfer (from-internal sets {@code HOTLINE_CONSULT}, an AMI
     * Atxfer consults through a Local channel) that call's channel; else unknown.
     */
    private static String who(AgiRequest request, AgiChannel channel) throws AgiException {
        String blind = channel.getVariable("BLINDTRANSFER");
        if (blind != null && !blind.isEmpty()) {
            return blind;
        }
        String name = request.getChannel();
        if ("1".equals(channel.getVariable("HOTLINE_CONSULT")) || (name != null && name.startsWith("Local/"))) {
            return "attended transfer, consultation call " + name;
        }
        return "unknown (AMI Redirect or a dialplan goto), channel " + name;
    }
}
