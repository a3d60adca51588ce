package com.example.hotline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    private static Technician tech(long id, String... skills) {
        return new Technician(id, "t" + id, "eng", List.of(skills), false, null, true);
    }

    private static Technician out(long id, Instant until, String... skills) {
        return new Technician(id, "t" + id, "eng", List.of(skills), true, until, true);
    }

    private static long next(List<Technician> staff, Long last, String skill) {
        Technician t = RoundRobin.next(staff, last, skill, NOW).technician();
        return t == null ? -1 : t.id();
    }

    @Test
    void techniciansTakeTurnsByIdAndWrapRound() {
        List<Technician> staff = List.of(tech(30), tech(10), tech(20)); // any order in, id order out
        assertEquals(10, next(staff, null, null), "nobody yet: the first");
        List<Long> turns = new ArrayList<>();
        Long last = null;
        for (int i = 0; i < 7; i++) {
            last = next(staff, last, null);
            turns.add(last);
        }
        assertEquals(List.of(10L, 20L, 30L, 10L, 20L, 30L, 10L), turns);
        assertEquals(20, next(staff, 15L, null), "after a pointer to a technician since removed: the next id");
        assertEquals(10, next(staff, 99L, null), "after the last id: wrap round");
    }

    @Test
    void oneWhoIsOutIsSkippedAndSaidSo() {
        List<Technician> staff = List.of(tech(1), out(2, null), tech(3));
        RoundRobin.Choice c = RoundRobin.next(staff, 1L, null, NOW);
        assertEquals(3, c.technician().id(), "2 is out");
        assertEquals(List.of(new RoundRobin.Skip(2, "t2", "out")), c.skipped());
    }

    @Test
    void oneOutUntilATimeIsBackWhenItHasPassed() {
        List<Technician> staff = List.of(tech(1), out(2, NOW.plusSeconds(60)), tech(3));
        assertEquals(3, next(staff, 1L, null), "still out");
        staff = List.of(tech(1), out(2, NOW), tech(3));
        assertEquals(2, next(staff, 1L, null), "back at out_until");
    }

    @Test
    void oneLackingTheSkillIsSkippedAndTheTurnGoesOn() {
        List<Technician> staff = List.of(tech(1, "plumbing"), tech(2, "electric"), tech(3, "electric", "plumbing"));
        RoundRobin.Choice c = RoundRobin.next(staff, 1L, "plumbing", NOW);
        assertEquals(3, c.technician().id());
        assertEquals("lacks skill plumbing", c.skipped().get(0).reason());
        assertEquals(1, next(staff, 3L, "plumbing"), "wraps round to the next skilled one");
        assertEquals(2, next(staff, 1L, null), "no skill asked: anyone");
    }

    @Test
    void inactiveTechniciansAreNotInTheRotationAndNobodyFreeGivesNone() {
        Technician retired = new Technician(2, "t2", "eng", List.of(), false, null, false);
        assertEquals(3, next(List.of(tech(1), retired, tech(3)), 1L, null));
        RoundRobin.Choice none = RoundRobin.next(List.of(out(1, null), tech(2, "electric")), null, "gas", NOW);
        assertNull(none.technician());
        assertEquals(2, none.skipped().size(), "both passed over, with reasons: " + none.skipped());
        assertNull(RoundRobin.next(List.of(), 5L, null, NOW).technician(), "empty department");
    }
}
