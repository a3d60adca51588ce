package com.example.hotline.web;

import com.example.hotline.ticket.TicketFields;
import com.example.hotline.ticket.TicketStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /api/tickets/{no}} with JSON {@code {"matter","kind","complaintValid","severity","name",
 * "building","room"}} (each optional): what the agent fills during or after the call. Absent fields
 * stay as they are. 404 for an unknown ticket, 400 for a bad field. Stateless; http-worker thread.
 */
public final class TicketFillHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(TicketFillHandler.class);

    private final TicketStore tickets;
    private final ZoneId zone;
    private final Clock clock;

    public TicketFillHandler(TicketStore tickets, ZoneId zone, Clock clock) {
        this.tickets = tickets;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Response handle(Request r) {
        String no = r.pathParam("no");
        JsonNode body = object(r.body());
        TicketFields fields;
        try {
            fields = new TicketFields(text(body, "matter"), text(body, "kind"), bool(body, "complaintValid"),
                    text(body, "severity"), text(body, "name"), text(body, "building"), text(body, "room"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return tickets.fill(no, fields, r.user().username(), clock.instant())
                .map(t -> {
                    log.info("ticket {}: filled by {} (kind {}, severity {})", t.ticketNo(), r.user().username(),
                            t.kind(), t.severity());
                    return Response.json(TicketsHandler.view(t, zone));
                })
                .orElseGet(() -> Response.error(404, "no ticket " + no));
    }

    static JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("body: expected a JSON object");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("body: not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new BadRequestException("body: expected a JSON object");
        }
        return json;
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequestException(field + ": must be a string");
        }
        return v.asText();
    }

    static Boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new BadRequestException(field + ": must be true or false");
        }
        return v.asBoolean();
    }
}
