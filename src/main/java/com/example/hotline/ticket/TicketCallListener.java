package com.example.hotline.ticket;

import com.example.hotline.call.CallRecord;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries what happens to a hotline call onto its ticket: the agent who answers becomes the ticket's
 * recorder (first-contact responsibility), and a call that ends unanswered leaves its ticket as a
 * callback ticket. Registered with the call tracker and called on its thread after each save; each
 * call costs at most one update for each of the two facts (calls already done are remembered, a
 * bounded set), and it never throws (failures are logged with the call's linkedId).
 */
public final class TicketCallListener implements Consumer<CallRecord> {

    private static final Logger log = LoggerFactory.getLogger(TicketCallListener.class);
    private static final int REMEMBERED = 10_000;

    private final TicketStore store;
    private final Clock clock;
    private final Set<String> done = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public TicketCallListener(TicketStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void accept(CallRecord call) {
        if (!call.hotline() || done.contains(call.linkedId())) {
            return;
        }
        try {
            if (call.answered() && call.answeredBy() != null) {
                if (store.recordAnswer(call.linkedId(), call.answeredBy(),
                        call.answeredAt() == null ? clock.instant() : call.answeredAt())) {
                    log.info("call {}: {} answered and is the ticket's recorder", call.linkedId(), call.answeredBy());
                }
                done.add(call.linkedId());
            } else if (call.ended() && !call.answered()) {
                store.markMissed(call.linkedId(), call.endedAt() == null ? clock.instant() : call.endedAt())
                        .ifPresent(no -> log.info("call {}: missed, ticket {} is a callback ticket",
                                call.linkedId(), no));
                done.add(call.linkedId());
            }
        } catch (RuntimeException e) {
            log.warn("call {}: ticket not updated (will try again on the next save): {}", call.linkedId(),
                    e.toString());
        }
    }
}
