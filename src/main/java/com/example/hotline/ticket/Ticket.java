package com.example.hotline.ticket;

import java.time.Instant;
import java.util.List;

/**
 * One ticket as stored: the ten ledger fields (number, time, room, name, phone, matter, recorder,
 * receiver, receiving department, receiving time) plus where it came from, what kind it is, its
 * severity, status and deadline, and the calls (linkedIds) that belong to it. {@code phone} is the
 * caller ID exactly as received; never interpret it, escape it when shown.
 */
public record Ticket(long id, String ticketNo, Instant createdAt, String source, String phone, String phoneNorm,
        CallerIdStatus callerIdStatus, String name, String building, String room, String matter, String kind,
        Boolean complaintValid, String severity, String recorder, String receiver, String department,
        Instant receivedAt, String status, Instant dueAt, Instant closedAt, List<String> callIds) {

    public Ticket {
        callIds = callIds == null ? List.of() : List.copyOf(callIds);
    }

    /** Closed and cancelled tickets are done with; every other status is open. */
    public boolean open() {
        return !"closed".equals(status) && !"cancelled".equals(status);
    }
}
