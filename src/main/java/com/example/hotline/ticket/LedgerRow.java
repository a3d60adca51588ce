package com.example.hotline.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One line of the ledger: the ten fields of a ticket (C8) plus its kind, severity, status and caller-ID
 * status, and which ledger fields are missing or do not apply. {@code room} is the building and the
 * room as one value ({@code 3栋 1201}); {@code phone} is the caller ID exactly as received (untrusted
 * text). Immutable.
 *
 * <p>The rule for a missing field ({@link #missing(Ticket)}), which the daily review (C11) counts:
 * <ul>
 *   <li>a text field is missing when it is null or only white space; the room is missing without a
 *       room (a building alone does not say where);</li>
 *   <li>the phone is missing when the caller withheld the number, whatever text the PBX gave instead
 *       ({@code anonymous} is not a number to call back);</li>
 *   <li>the receiver, receiving department and receiving time exist only once a ticket is dispatched.
 *       Complaints and repairs are always dispatched, so for them the three are required from the
 *       start. A consultation or a callback request is answered by the desk itself and is never
 *       dispatched: for it the three fields do not apply ({@link #notApplicable}) and are not missing,
 *       unless it was dispatched after all (one of the three is set, or its status is dispatched,
 *       arrived, started, finished or rescheduled), when all three are required again. A ticket not
 *       yet classified (no kind) may still need dispatch, so it is held to the full rule: its row cannot
 *       be complete before someone says what it is;</li>
 *   <li>a cancelled ticket (a number given up on purpose) stays in the ledger so the numbering shows no
 *       gap, but as a void line nothing is missing from it.</li>
 * </ul>
 * A row is complete when nothing is missing.
 */
public record LedgerRow(String ticketNo, Instant time, String room, String name, String phone, String matter,
        String recorder, String receiver, String department, Instant receivedAt, String kind, String severity,
        String status, CallerIdStatus callerIdStatus, List<LedgerField> missing, List<LedgerField> notApplicable) {

    /** Statuses that say a ticket went to a department (the dispatch fields must then be there). */
    static final Set<String> DISPATCHED = Set.of("dispatched", "arrived", "started", "finished", "rescheduled");

    /** Kinds the desk answers itself, without dispatch. */
    static final Set<String> DESK_KINDS = Set.of("consultation", "callback");

    public LedgerRow {
        missing = List.copyOf(missing);
        notApplicable = List.copyOf(notApplicable);
    }

    public static LedgerRow of(Ticket t) {
        return new LedgerRow(t.ticketNo(), t.createdAt(), room(t), t.name(), t.phone(), t.matter(), t.recorder(),
                t.receiver(), t.department(), t.receivedAt(), t.kind(), t.severity(), t.status(),
                t.callerIdStatus(), missing(t), notApplicable(t));
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    /** The ledger's room value: building and room joined by a space, either alone when the other is blank. */
    static String room(Ticket t) {
        boolean b = !blank(t.building());
        boolean r = !blank(t.room());
        if (b && r) {
            return t.building().strip() + " " + t.room().strip();
        }
        return r ? t.room().strip() : b ? t.building().strip() : null;
    }

    /** The ledger fields missing from a ticket, in ledger order (see the class comment for the rule). */
    public static List<LedgerField> missing(Ticket t) {
        if ("cancelled".equals(t.status())) {
            return List.of();
        }
        Set<LedgerField> na = EnumSet.noneOf(LedgerField.class);
        na.addAll(notApplicable(t));
        List<LedgerField> out = new ArrayList<>();
        for (LedgerField f : LedgerField.values()) {
            if (!na.contains(f) && absent(t, f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The dispatch fields of a desk-answered ticket that was never dispatched; otherwise none. */
    public static List<LedgerField> notApplicable(Ticket t) {
        return needsDispatch(t) ? List.of()
                : List.of(LedgerField.RECEIVER, LedgerField.DEPARTMENT, LedgerField.RECEIVED_AT);
    }

    /** Whether the ticket was or must be dispatched, so that receiver, department and time are required. */
    public static boolean needsDispatch(Ticket t) {
        if (t.kind() == null || !DESK_KINDS.contains(t.kind())) {
            return true;
        }
        return !blank(t.receiver()) || !blank(t.department()) || t.receivedAt() != null
                || DISPATCHED.contains(t.status());
    }

    private static boolean absent(Ticket t, LedgerField f) {
        return switch (f) {
            case TICKET_NO -> blank(t.ticketNo());
            case TIME -> t.createdAt() == null;
            case ROOM -> blank(t.room());
            case NAME -> blank(t.name());
            case PHONE -> blank(t.phone()) || t.callerIdStatus() == CallerIdStatus.WITHHELD;
            case MATTER -> blank(t.matter());
            case RECORDER -> blank(t.recorder());
            case RECEIVER -> blank(t.receiver());
            case DEPARTMENT -> blank(t.department());
            case RECEIVED_AT -> t.receivedAt() == null;
        };
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
