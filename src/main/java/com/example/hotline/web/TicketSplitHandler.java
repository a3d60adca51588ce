package com.example.hotline.web;

import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketStore;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/tickets/{no}/split} with {@code {"callId": "<linkedId>"}}: the agent says a repeat
 * call is another matter; the call leaves ticket {@code no} for a new ticket of its own (201 with it).
 * 404 when the call is not on that ticket, 409 when it is the ticket's only call. Stateless.
 */
public final class TicketSplitHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(TicketSplitHandler.class);

    private final TicketStore tickets;
    private final ZoneId zone;
    private final Clock clock;

    public TicketSplitHandler(TicketStore tickets, ZoneId zone, Clock clock) {
        this.tickets = tickets;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Response handle(Request r) {
        String no = r.pathParam("no");
        String callId = TicketFillHandler.text(TicketFillHandler.object(r.body()), "callId");
        if (callId == null || callId.isBlank()) {
            throw new BadRequestException("callId: the linkedId of the call to split off");
        }
        Optional<Ticket> from = tickets.byCall(callId);
        if (from.isEmpty() || !from.get().ticketNo().equals(no)) {
            return Response.error(404, "call " + callId + " is not on ticket " + no);
        }
        try {
            Ticket split = tickets.split(callId, r.user().username(), clock.instant(), zone).orElseThrow();
            log.info("ticket {}: call {} split off to ticket {} by {}", no, callId, split.ticketNo(),
                    r.user().username());
            return Response.json(TicketsHandler.view(split, zone)).withStatus(201);
        } catch (IllegalArgumentException e) {
            return Response.error(409, e.getMessage());
        }
    }
}
