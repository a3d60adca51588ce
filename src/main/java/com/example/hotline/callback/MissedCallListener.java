package com.example.hotline.callback;

import com.example.hotline.call.CallRecord;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every hotline call that ended unanswered into a callback task. Registered with the call
 * tracker and so called on its writer's call-store thread after each save: it does one idempotent insert
 * and only for ended, unanswered hotline calls, and it never throws (a failure is logged with the
 * call's linkedId). Saving the same ended call again creates no second task.
 */
public final class MissedCallListener implements Consumer<CallRecord> {

    private static final Logger log = LoggerFactory.getLogger(MissedCallListener.class);

    /** What Asterisk and carriers put in the caller number when there is none to call back. */
    private static final Set<String> WITHHELD = Set.of("<unknown>", "unknown", "anonymous", "restricted",
            "private", "withheld");

    static final String RESYNCED_NOTE = "call was rebuilt after the AMI connection was down: "
            + "it may have been answered unseen";

    private final CallbackStore store;
    private final Clock clock;

    public MissedCallListener(CallbackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void accept(CallRecord call) {
        if (!call.hotline() || !call.ended() || call.answered()) {
            return;
        }
        String caller = callbackNumber(call.caller());
        try {
            if (store.createForCall(call.linkedId(), caller, call.resynced() ? RESYNCED_NOTE : null,
                    clock.instant())) {
                log.info("call {}: missed, callback task created for {}", call.linkedId(),
                        caller == null ? "a withheld number (cannot call back)" : caller);
            }
        } catch (RuntimeException e) {
            log.warn("call {}: missed, but its callback task was not created: {}", call.linkedId(), e.toString());
        }
    }

    /** The number to call back, or null when the caller withheld it or it is empty. */
    static String callbackNumber(String caller) {
        if (caller == null) {
            return null;
        }
        String c = caller.strip();
        return c.isEmpty() || WITHHELD.contains(c.toLowerCase(Locale.ROOT)) ? null : c;
    }
}
