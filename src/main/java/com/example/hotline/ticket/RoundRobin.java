package com.example.hotline.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the technician of a dispatch: the department's technicians take turns in the order of their
 * id, starting after the one the rotation picked last (wrapping round), skipping anyone inactive,
 * out at the time or lacking the skill asked for. Pure and stateless.
 */
public final class RoundRobin {

    /** A technician passed over, and why ({@code out}, {@code out until ...}, {@code lacks skill ...}). */
    public record Skip(long technicianId, String name, String reason) {}

    /** The technician picked (null when nobody can go) and those passed over before him. */
    public record Choice(Technician technician, List<Skip> skipped) {
        public Choice {
            skipped = List.copyOf(skipped);
        }
    }

    private RoundRobin() {}

    /**
     * The next technician of {@code technicians} (one department's, any order) after {@code lastId}
     * (null: from the first) who can take a job needing {@code skill} (null: any) at {@code now}.
     */
    public static Choice next(List<Technician> technicians, Long lastId, String skill, Instant now) {
        List<Technician> ring = technicians.stream().filter(Technician::active)
                .sorted(Comparator.comparingLong(Technician::id)).toList();
        int start = 0;
        if (lastId != null) {
            start = ring.size();
            for (int i = 0; i < ring.size(); i++) {
                if (ring.get(i).id() > lastId) {
                    start = i;
                    break;
                }
            }
        }
        List<Skip> skipped = new ArrayList<>();
        for (int k = 0; k < ring.size(); k++) {
            Technician t = ring.get((start + k) % ring.size());
            if (t.outAt(now)) {
                skipped.add(new Skip(t.id(), t.name(), t.outUntil() == null ? "out" : "out until " + t.outUntil()));
            } else if (!t.has(skill)) {
                skipped.add(new Skip(t.id(), t.name(), "lacks skill " + skill));
            } else {
                return new Choice(t, skipped);
            }
        }
        return new Choice(null, skipped);
    }
}
