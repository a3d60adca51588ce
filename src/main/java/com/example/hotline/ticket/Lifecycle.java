package com.example.hotline.ticket;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The life of a ticket as a state machine: which step is allowed from which status and where it
 * leads. Pure and stateless.
 *
 * <pre>
 * dispatch      registered, reopened                  → dispatched
 * arrived       dispatched, rescheduled                → arrived
 * started       arrived                                → started
 * finished      started                                → finished
 * rescheduled   dispatched, arrived, started           → rescheduled (owner's consent noted)
 * confirmed     finished                               → confirmed (by the owner)
 * follow-up     confirmed                              → closed (satisfied) or reopened (unsatisfied)
 * cancel        every open status                      → cancelled
 * close         registered, reopened                   → closed (invalid complaint, consultation)
 * </pre>
 *
 * A re-dispatch (another technician, the open order replaced) is allowed while an order is open
 * and not finished; cancel from every open status; close (without dispatch) only from registered
 * or reopened, and only for an invalid complaint or a consultation ({@link #checkClose}).
 */
public final class Lifecycle {

    /** A step of the life of a ticket; {@link #step()} is the name written to ticket_steps. */
    public enum Action {
        DISPATCH("dispatched"),
        REDISPATCH("dispatched"),
        ARRIVE("arrived"),
        START("started"),
        FINISH("finished"),
        RESCHEDULE("rescheduled"),
        CONFIRM("confirmed"),
        SATISFIED("followed-up"),
        UNSATISFIED("followed-up"),
        CANCEL("cancelled"),
        CLOSE("closed");

        private final String step;

        Action(String step) {
            this.step = step;
        }

        public String step() {
            return step;
        }

        /** Whether this step acts on the ticket's open dispatch order. */
        public boolean onOrder() {
            return this == ARRIVE || this == START || this == FINISH || this == RESCHEDULE || this == CONFIRM;
        }
    }

    /** Every status of a ticket, as in the tickets table. */
    public static final List<String> STATUSES = List.of("registered", "dispatched", "arrived", "started", "finished",
            "rescheduled", "confirmed", "closed", "reopened", "cancelled");

    /** Statuses in which the work is not done yet: the ticket's deadline (due_at) still counts. */
    public static final Set<String> WORK_PENDING = Set.of("registered", "dispatched", "arrived", "started",
            "rescheduled", "reopened");

    private record Rule(Set<String> from, String to) {}

    private static final Map<Action, Rule> RULES = new EnumMap<>(Action.class);

    static {
        RULES.put(Action.DISPATCH, new Rule(Set.of("registered", "reopened"), "dispatched"));
        RULES.put(Action.REDISPATCH, new Rule(Set.of("dispatched", "arrived", "started", "rescheduled"), "dispatched"));
        RULES.put(Action.ARRIVE, new Rule(Set.of("dispatched", "rescheduled"), "arrived"));
        RULES.put(Action.START, new Rule(Set.of("arrived"), "started"));
        RULES.put(Action.FINISH, new Rule(Set.of("started"), "finished"));
        RULES.put(Action.RESCHEDULE, new Rule(Set.of("dispatched", "arrived", "started"), "rescheduled"));
        RULES.put(Action.CONFIRM, new Rule(Set.of("finished"), "confirmed"));
        RULES.put(Action.SATISFIED, new Rule(Set.of("confirmed"), "closed"));
        RULES.put(Action.UNSATISFIED, new Rule(Set.of("confirmed"), "reopened"));
        RULES.put(Action.CANCEL, new Rule(Set.of("registered", "dispatched", "arrived", "started", "finished",
                "rescheduled", "confirmed", "reopened"), "cancelled"));
        RULES.put(Action.CLOSE, new Rule(Set.of("registered", "reopened"), "closed"));
    }

    private Lifecycle() {}

    /** Whether {@code action} is allowed from {@code status}. */
    public static boolean allowed(String status, Action action) {
        return RULES.get(action).from().contains(status);
    }

    /**
     * The status {@code action} leads to from {@code status}; a {@link ConflictException} naming the
     * ticket, its status and the statuses the step needs when it is not allowed.
     */
    public static String target(String ticketNo, String status, Action action) {
        Rule r = RULES.get(action);
        if (!r.from().contains(status)) {
            String name = action == Action.REDISPATCH ? "dispatch (replace)" : action.step();
            throw new ConflictException("ticket " + ticketNo + " is " + status + ": " + name + " is allowed only when it is "
                    + String.join(" or ", STATUSES.stream().filter(r.from()::contains).toList())
                    + (action == Action.DISPATCH && RULES.get(Action.REDISPATCH).from().contains(status)
                            ? "; to send another technician instead of the current order's, dispatch with replace: true"
                            : ""));
        }
        return r.to();
    }

    /** Which dispatch a dispatch request is: first/again after reopening, or replacing the open order. */
    public static Action dispatchAction(String ticketNo, String status, boolean replace) {
        if (replace && RULES.get(Action.REDISPATCH).from().contains(status)) {
            return Action.REDISPATCH;
        }
        if (replace && !RULES.get(Action.DISPATCH).from().contains(status)) {
            target(ticketNo, status, Action.REDISPATCH); // throws with the right message
        }
        return Action.DISPATCH;
    }

    /**
     * A ticket closed without dispatch must be an invalid complaint (explained to the owner and
     * closed) or a consultation (answered); anything else needs the whole life.
     */
    public static void checkClose(Ticket t) {
        boolean invalidComplaint = "complaint".equals(t.kind()) && Boolean.FALSE.equals(t.complaintValid());
        if (!invalidComplaint && !"consultation".equals(t.kind())) {
            throw new ConflictException("ticket " + t.ticketNo() + " is " + (t.kind() == null ? "of no kind yet"
                    : "a " + t.kind() + (t.complaintValid() == null ? "" : t.complaintValid() ? " (valid)" : ""))
                    + ": only an invalid complaint (kind complaint, complaintValid false) or a consultation is closed "
                    + "without dispatch");
        }
    }
}
