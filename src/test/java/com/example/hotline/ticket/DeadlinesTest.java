package com.example.hotline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T02:00:00Z");

    @Test
    void theDesksDefaults() {
        Deadlines d = Deadlines.DEFAULTS;
        assertEquals(Instant.parse("2026-12-03T02:00:00Z"), d.dueAt(CREATED, "major", "repair"), "major: 10 days");
        assertEquals(Instant.parse("2026-11-26T02:00:00Z"), d.dueAt(CREATED, "important", "complaint"),
                "important: 3 days");
        assertEquals(Instant.parse("2026-11-25T02:00:00Z"), d.dueAt(CREATED, "minor", "repair"), "minor: 2 days");
        assertEquals(Duration.ofMinutes(5), d.arrive(), "on site within 5 minutes");
        assertEquals(Duration.ofMinutes(30), d.start(), "work starts within 30 minutes");
    }

    @Test
    void aTicketWithAKindButNoSeverityGetsMinorsAndAnEmptyOneNone() {
        assertEquals(Instant.parse("2026-11-25T02:00:00Z"), Deadlines.DEFAULTS.dueAt(CREATED, null, "repair"));
        assertNull(Deadlines.DEFAULTS.dueAt(CREATED, null, null), "nobody filled it in: no deadline yet");
    }

    @Test
    void configuredDeadlinesAreUsedAndUnknownSeveritiesRefused() {
        Deadlines d = new Deadlines(Duration.ofHours(5), Duration.ofHours(2), Duration.ofHours(1), Duration.ofMinutes(1),
                Duration.ofMinutes(2));
        assertEquals(CREATED.plus(Duration.ofHours(5)), d.dueAt(CREATED, "major", null));
        assertThrows(IllegalArgumentException.class, () -> d.dueAt(CREATED, "urgent", null));
    }
}
