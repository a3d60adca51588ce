package com.example.hotline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.ticket.Lifecycle.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which step is allowed from which status, and what a refused step says. */
class LifecycleTest {

    /** The whole table: every (status, action) pair not listed here must be refused. */
    private static final Map<Action, Map<String, String>> ALLOWED = Map.ofEntries(
            Map.entry(Action.DISPATCH, Map.of("registered", "dispatched", "reopened", "dispatched")),
            Map.entry(Action.REDISPATCH, Map.of("dispatched", "dispatched", "arrived", "dispatched",
                    "started", "dispatched", "rescheduled", "dispatched")),
            Map.entry(Action.ARRIVE, Map.of("dispatched", "arrived", "rescheduled", "arrived")),
            Map.entry(Action.START, Map.of("arrived", "started")),
            Map.entry(Action.FINISH, Map.of("started", "finished")),
            Map.entry(Action.RESCHEDULE, Map.of("dispatched", "rescheduled", "arrived", "rescheduled",
                    "started", "rescheduled")),
            Map.entry(Action.CONFIRM, Map.of("finished", "confirmed")),
            Map.entry(Action.SATISFIED, Map.of("confirmed", "closed")),
            Map.entry(Action.UNSATISFIED, Map.of("confirmed", "reopened")),
            Map.entry(Action.CANCEL, Map.of("registered", "cancelled", "dispatched", "cancelled",
                    "arrived", "cancelled", "started", "cancelled", "finished", "cancelled",
                    "rescheduled", "cancelled", "confirmed", "cancelled", "reopened", "cancelled")),
            Map.entry(Action.CLOSE, Map.of("registered", "closed", "reopened", "closed")));

    @Test
    void everyStatusAndStepIsAllowedExactlyAsTheTableSays() {
        for (Action a : Action.values()) {
            for (String status : Lifecycle.STATUSES) {
                String want = ALLOWED.get(a).get(status);
                if (want != null) {
                    assertEquals(want, Lifecycle.target("2611-0001", status, a), a + " from " + status);
                    assertTrue(Lifecycle.allowed(status, a), a + " allowed from " + status);
                } else {
                    assertThrows(ConflictException.class, () -> Lifecycle.target("2611-0001", status, a),
                            a + " must be refused from " + status);
                }
            }
        }
    }

    @Test
    void closedAndCancelledTicketsTakeNoStepAtAll() {
        for (Action a : Action.values()) {
            for (String done : List.of("closed", "cancelled")) {
                assertThrows(ConflictException.class, () -> Lifecycle.target("2611-0001", done, a), a + " " + done);
            }
        }
    }

    @Test
    void aRefusedStepSaysWhereTheTicketIsAndWhatItNeeds() {
        ConflictException e = assertThrows(ConflictException.class,
                () -> Lifecycle.target("2611-0007", "registered", Action.FINISH));
        assertEquals("ticket 2611-0007 is registered: finished is allowed only when it is started", e.getMessage());
        e = assertThrows(ConflictException.class, () -> Lifecycle.target("2611-0007", "arrived", Action.DISPATCH));
        assertTrue(e.getMessage().contains("replace: true"), "hints at replacing: " + e.getMessage());
    }

    @Test
    void aDispatchReplacesTheOpenOrderOnlyWhenAskedTo() {
        assertEquals(Action.DISPATCH, Lifecycle.dispatchAction("n", "registered", false));
        assertEquals(Action.DISPATCH, Lifecycle.dispatchAction("n", "reopened", true), "nothing to replace");
        assertEquals(Action.DISPATCH, Lifecycle.dispatchAction("n", "dispatched", false),
                "without replace the plain dispatch is refused by target()");
        assertEquals(Action.REDISPATCH, Lifecycle.dispatchAction("n", "rescheduled", true));
        assertThrows(ConflictException.class, () -> Lifecycle.dispatchAction("n", "finished", true));
    }

    @Test
    void onlyAnInvalidComplaintOrAConsultationClosesWithoutDispatch() {
        Lifecycle.checkClose(ticket("complaint", false));
        Lifecycle.checkClose(ticket("consultation", null));
        for (Ticket t : List.of(ticket("complaint", true), ticket("complaint", null), ticket("repair", null),
                ticket(null, null))) {
            ConflictException e = assertThrows(ConflictException.class, () -> Lifecycle.checkClose(t), t.kind());
            assertTrue(e.getMessage().contains("invalid complaint"), e.getMessage());
        }
    }

    @Test
    void stepsCheckWhatTheyCarry() {
        Instant now = Instant.parse("2026-11-23T02:00:00Z");
        StepInput none = StepInput.NONE;
        assertThrows(IllegalArgumentException.class, () -> none.check(Action.RESCHEDULE, now), "to needed");
        assertThrows(IllegalArgumentException.class,
                () -> new StepInput(now.plusSeconds(3600), " ", null, null).check(Action.RESCHEDULE, now),
                "owner's consent needed");
        assertThrows(IllegalArgumentException.class,
                () -> new StepInput(now.minusSeconds(1), "agreed by phone", null, null).check(Action.RESCHEDULE, now),
                "the new time is in the future");
        new StepInput(now.plusSeconds(3600), "agreed by phone", null, null).check(Action.RESCHEDULE, now);
        assertThrows(IllegalArgumentException.class, () -> none.check(Action.CANCEL, now), "reason needed");
        assertThrows(IllegalArgumentException.class, () -> none.check(Action.CLOSE, now), "reason needed");
        none.check(Action.ARRIVE, now);
        assertEquals(Set.of(Action.ARRIVE, Action.START, Action.FINISH, Action.RESCHEDULE, Action.CONFIRM),
                java.util.Arrays.stream(Action.values()).filter(Action::onOrder)
                        .collect(java.util.stream.Collectors.toSet()), "steps on the open order");
    }

    static Ticket ticket(String kind, Boolean valid) {
        return new Ticket(1, "2611-0001", Instant.parse("2026-11-23T02:00:00Z"), "phone", "13800138000",
                "13800138000", CallerIdStatus.IDENTIFIED, "Wang", "3", "301", "leak", kind, valid, null, null, null,
                null, null, "registered", null, null, List.of());
    }
}
