package com.example.hotline.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The desk's deadlines (requirements §2, C9/C10): a ticket is handled within {@code major},
 * {@code important} or {@code minor} of its registration by severity; a technician is on site within
 * {@code arrive} of the dispatch order (or of the rescheduled time) and starts work within
 * {@code start} of arriving. Immutable.
 */
public record Deadlines(Duration major, Duration important, Duration minor, Duration arrive, Duration start) {

    /** The desk's defaults: 10 days, 3 days, 2 days; 5 minutes to arrive, 30 minutes to start. */
    public static final Deadlines DEFAULTS = new Deadlines(Duration.ofDays(10), Duration.ofDays(3), Duration.ofDays(2),
            Duration.ofMinutes(5), Duration.ofMinutes(30));

    public Deadlines {
        Objects.requireNonNull(major, "major");
        Objects.requireNonNull(important, "important");
        Objects.requireNonNull(minor, "minor");
        Objects.requireNonNull(arrive, "arrive");
        Objects.requireNonNull(start, "start");
    }

    /** How long a ticket of this severity may take; null severity = minor's. */
    public Duration of(String severity) {
        if (severity == null) {
            return minor;
        }
        return switch (severity) {
            case "major" -> major;
            case "important" -> important;
            case "minor" -> minor;
            default -> throw new IllegalArgumentException("severity '" + severity + "' is not major, important or minor");
        };
    }

    /**
     * When a ticket must be handled: its registration time plus its severity's deadline. A ticket with
     * a kind but no severity (a repair nobody graded) gets minor's; a ticket with neither (nobody has
     * filled it in yet) has no deadline.
     */
    public Instant dueAt(Instant createdAt, String severity, String kind) {
        if (severity == null && kind == null) {
            return null;
        }
        return createdAt.plus(of(severity));
    }
}
