package com.example.hotline.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A technician of a department: skills (lower-case words), whether he is out (and until when; null
 * = until set in again) and whether he is still active. Immutable.
 */
public record Technician(long id, String name, String department, List<String> skills, boolean out,
        Instant outUntil, boolean active) {

    public Technician {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    /** Out at {@code now}: set out, and not yet back by {@code outUntil}. */
    public boolean outAt(Instant now) {
        return out && (outUntil == null || outUntil.isAfter(now));
    }

    public boolean has(String skill) {
        return skill == null || skills.contains(skill);
    }
}
