package com.example.hotline.app;

import com.example.hotline.call.CallRecord;
import com.example.hotline.call.LegRecord;
import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketStore;
import com.example.hotline.web.LiveHub;
import com.example.hotline.web.TicketsHandler;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's screen pop: when a hotline call rings an agent's phone, when the agent answers and
 * when it stops, the agent's page gets who is calling (directory name, building, room, the other
 * numbers of the household), the call's ticket, the caller's open tickets and history. Registered
 * with the call tracker (tracker thread), it only compares leg states there; the database reads and
 * the push run on its own {@code screen-pop} thread (bounded queue; a pop that does not fit is logged
 * and dropped, the agent's next state change sends a fresh one). Thread-safe.
 */
final class ScreenPop implements Consumer<CallRecord>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScreenPop.class);
    private static final int LISTED = 10;

    private final TicketStore tickets;
    private final Directory directory;
    private final LiveHub live;
    private final ZoneId zone;
    /** Last state pushed per call and extension; touched on the tracker thread only. */
    private final Map<String, Map<String, String>> shown = new HashMap<>();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1000), r -> new Thread(r, "screen-pop"), new ThreadPoolExecutor.AbortPolicy());

    ScreenPop(TicketStore tickets, Directory directory, LiveHub live, ZoneId zone) {
        this.tickets = tickets;
        this.directory = directory;
        this.live = live;
        this.zone = zone;
    }

    @Override
    public void accept(CallRecord call) {
        if (!call.hotline()) {
            return;
        }
        Map<String, String> states = shown.computeIfAbsent(call.linkedId(), k -> new HashMap<>());
        for (LegRecord leg : call.legs()) {
            if (leg.role() != LegRecord.Role.DIALED || leg.endpoint() == null) {
                continue;
            }
            String state = state(leg, states.get(leg.endpoint()));
            if (state != null && !state.equals(states.get(leg.endpoint()))) {
                states.put(leg.endpoint(), state);
                push(call, leg.endpoint(), state);
            }
        }
        if (call.ended()) {
            shown.remove(call.linkedId());
        }
    }

    /** ringing, answered, or ended (only for a phone that was shown the call); null: nothing to show yet. */
    private static String state(LegRecord leg, String before) {
        if (leg.endedAt() != null) {
            return before == null ? null : "ended";
        }
        if (leg.answeredAt() != null) {
            return "answered";
        }
        return leg.ringingAt() != null ? "ringing" : null;
    }

    private void push(CallRecord call, String ext, String state) {
        try {
            executor.execute(() -> {
                try {
                    boolean delivered = live.publishTo(ext, message(call, ext, state));
                    log.debug("call {}: screen pop '{}' for {} {}", call.linkedId(), state, ext,
                            delivered ? "sent" : "(no agent page open)");
                } catch (RuntimeException e) {
                    log.warn("call {}: screen pop for {} failed: {}", call.linkedId(), ext, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("call {}: screen pop '{}' for {} dropped, queue full", call.linkedId(), state, ext);
        }
    }

    private Map<String, Object> message(CallRecord call, String ext, String state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "pop");
        m.put("state", state);
        m.put("ext", ext);
        m.put("linkedId", call.linkedId());
        m.put("caller", call.caller());
        Optional<Ticket> ticket = tickets.byCall(call.linkedId());
        m.put("ticket", ticket.map(t -> TicketsHandler.view(t, zone)).orElse(null));
        Optional<DirectoryEntry> entry = directory.lookup(call.caller());
        m.put("resident", entry.map(e -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", e.name());
            r.put("building", e.building());
            r.put("room", e.room());
            List<Map<String, String>> household = new ArrayList<>();
            for (DirectoryEntry h : directory.household(e.building(), e.room())) {
                household.add(Map.of("phone", h.phoneRaw(), "name", h.name()));
            }
            r.put("household", household);
            return r;
        }).orElse(null));
        String phone = ticket.map(Ticket::phoneNorm).orElse(null);
        List<Map<String, Object>> open = new ArrayList<>();
        List<Map<String, Object>> history = new ArrayList<>();
        if (phone != null) {
            for (Ticket t : tickets.openByPhone(phone, LISTED)) {
                open.add(TicketsHandler.view(t, zone));
            }
            for (Ticket t : tickets.historyByPhone(phone, LISTED)) {
                history.add(TicketsHandler.view(t, zone));
            }
        }
        m.put("openTickets", open);
        m.put("history", history);
        return m;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
