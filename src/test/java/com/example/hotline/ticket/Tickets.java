package com.example.hotline.ticket;

import java.time.Instant;
import java.util.List;

/** Tickets for pure tests: a complete dispatched repair, changed one field at a time with the withers. */
public record Tickets(String ticketNo, Instant createdAt, String phone, CallerIdStatus callerIdStatus, String name,
        String building, String room, String matter, String kind, String severity, String recorder,
        String receiver, String department, Instant receivedAt, String status) {

    public static Tickets complete() {
        return new Tickets("2611-0001", Instant.parse("2026-11-23T01:00:00Z"), "13800138000",
                CallerIdStatus.IDENTIFIED, "王芳", "3栋", "1201", "厨房水管漏水", "repair", "important", "8001",
                "李师傅", "工程部", Instant.parse("2026-11-23T01:10:00Z"), "dispatched");
    }

    public Ticket ticket() {
        return new Ticket(1, ticketNo, createdAt, "phone", phone, phone, callerIdStatus, name, building, room,
                matter, kind, null, severity, recorder, receiver, department, receivedAt, status, null, null,
                List.of());
    }

    public Tickets phone(String v, CallerIdStatus s) {
        return new Tickets(ticketNo, createdAt, v, s, name, building, room, matter, kind, severity, recorder,
                receiver, department, receivedAt, status);
    }

    public Tickets name(String v) {
        return new Tickets(ticketNo, createdAt, phone, callerIdStatus, v, building, room, matter, kind, severity,
                recorder, receiver, department, receivedAt, status);
    }

    public Tickets place(String b, String r) {
        return new Tickets(ticketNo, createdAt, phone, callerIdStatus, name, b, r, matter, kind, severity,
                recorder, receiver, department, receivedAt, status);
    }

    public Tickets matter(String v) {
        return new Tickets(ticketNo, createdAt, phone, callerIdStatus, name, building, room, v, kind, severity,
                recorder, receiver, department, receivedAt, status);
    }

    public Tickets kind(String v) {
        return new Tickets(ticketNo, createdAt, phone, callerIdStatus, name, building, room, matter, v, severity,
                recorder, receiver, department, receivedAt, status);
    }

    public Tickets recorder(String v) {
        return new Tickets(ticketNo, createdAt, phone, callerIdStatus, name, building, room, matter, kind, severity,
                v, receiver, department, receivedAt, status);
    }

    public Tickets dispatch(String r, String d, Instant at) {
        return new Tickets(ticketNo, createdAt, phone, callerIdStatus, name, building, room, matter, kind, severity,
                recorder, r, d, at, status);
    }

    public Tickets status(String v) {
        return new Tickets(ticketNo, createdAt, phone, callerIdStatus, name, building, room, matter, kind, severity,
                recorder, receiver, department, receivedAt, v);
    }

    /** Not dispatched: no receiver, department or receiving time, status registered. */
    public Tickets undispatched() {
        return dispatch(null, null, null).status("registered");
    }
}
