package com.example.hotline.web;

import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketFilter;
import com.example.hotline.ticket.TicketStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/tickets?from=&to=&phone=&status=&limit=&offset=}: the ledger, newest first.
 * {@code phone} matches a part of the caller ID as received or of its normal form; {@code status} is
 * a status name, {@code open} (every open status) or {@code all} (default). Quality staff limited to
 * some departments or buildings see only those tickets. Stateless; runs on an http-worker thread.
 */
public final class TicketsHandler implements Handler {

    private static final List<String> STATUSES = List.of("all", "open", "registered", "dispatched", "arrived",
            "started", "finished", "rescheduled", "confirmed", "closed", "reopened", "cancelled");
    private static final int MAX_PHONE = 64;

    private final TicketStore tickets;
    private final ZoneId zone;

    public TicketsHandler(TicketStore tickets, ZoneId zone) {
        this.tickets = tickets;
        this.zone = zone;
    }

    @Override
    public Response handle(Request r) {
        Instant from = Params.instant(r, "from", zone, false);
        Instant to = Params.instant(r, "to", zone, true);
        Params.range(from, to);
        String status = Params.oneOf(r, "status", "all", STATUSES);
        String phone = r.param("phone");
        if (phone != null && phone.length() > MAX_PHONE) {
            throw new BadRequestException("phone: at most " + MAX_PHONE + " characters");
        }
        int limit = Params.integer(r, "limit", 200, 1, 1000);
        int offset = Params.integer(r, "offset", 0, 0, Integer.MAX_VALUE);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Ticket t : tickets.search(new TicketFilter(from, to, phone == null ? null : phone.strip(),
                status.equals("all") ? null : status, limit, offset, Access.ticketScope(r.user())))) {
            out.add(view(t, zone));
        }
        return Response.json(out);
    }

    /**
     * The API's view of a ticket: the ledger fields of the contract ({@code ticketNo, createdAt, room,
     * name, phone, matter, recorder, receiver, department, receivedAt, kind, severity, status, callIds})
     * and {@code building, source, callerIdStatus, complaintValid, dueAt, closedAt}.
     */
    public static Map<String, Object> view(Ticket t, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticketNo", t.ticketNo());
        m.put("createdAt", time(t.createdAt(), zone));
        m.put("building", t.building());
        m.put("room", t.room());
        m.put("name", t.name());
        m.put("phone", t.phone());
        m.put("callerIdStatus", t.callerIdStatus().dbName());
        m.put("matter", t.matter());
        m.put("recorder", t.recorder());
        m.put("receiver", t.receiver());
        m.put("department", t.department());
        m.put("receivedAt", time(t.receivedAt(), zone));
        m.put("source", t.source());
        m.put("kind", t.kind());
        m.put("complaintValid", t.complaintValid());
        m.put("severity", t.severity());
        m.put("status", t.status());
        m.put("dueAt", time(t.dueAt(), zone));
        m.put("closedAt", time(t.closedAt(), zone));
        m.put("callIds", t.callIds());
        return m;
    }

    private static OffsetDateTime time(Instant i, ZoneId zone) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
