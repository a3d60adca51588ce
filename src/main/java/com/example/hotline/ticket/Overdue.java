package com.example.hotline.ticket;

import java.time.Duration;
import java.time.Instant;

/**
 * A deadline missed: {@code deadline} is {@code due} (the ticket is not handled by its due time),
 * {@code arrive} (the technician of order {@code orderId} is not on site) or {@code start} (he
 * arrived but has not started). Immutable.
 */
public record Overdue(long ticketId, String ticketNo, String deadline, Instant dueAt, Long orderId, String status,
        String severity, String department, Long technicianId, String technicianName, String phone) {

    public static final String DUE = "due";
    public static final String ARRIVE = "arrive";
    public static final String START = "start";

    public Duration late(Instant now) {
        return Duration.between(dueAt, now);
    }

    /** What was missed, for people. */
    public String what() {
        return switch (deadline) {
            case DUE -> "not handled by its " + (severity == null ? "" : severity + " ") + "deadline";
            case ARRIVE -> "technician " + technicianName + " not on site in time (order " + orderId + ")";
            case START -> "technician " + technicianName + " has not started work in time (order " + orderId + ")";
            default -> deadline;
        };
    }
}
