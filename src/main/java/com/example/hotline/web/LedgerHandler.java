package com.example.hotline.web;

import com.example.hotline.auth.User;
import com.example.hotline.ticket.LedgerDays;
import com.example.hotline.ticket.LedgerField;
import com.example.hotline.ticket.LedgerRow;
import com.example.hotline.ticket.LedgerStore;
import com.example.hotline.ticket.SignOff;
import com.example.hotline.ticket.Ticket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/ledger?date=YYYY-MM-DD}: one day's ledger (C8) for the daily review (C11): every
 * ticket created that day in the desk's zone, oldest first, with its ten ledger fields and the names
 * of those missing ({@link LedgerRow} says when a field is missing or does not apply), whether the day
 * is complete, how many tickets miss a field, and the day's sign-off or null. Quality staff limited to
 * some departments or buildings get only those tickets (and counts of those). Stateless; runs on an
 * http-worker thread.
 */
public final class LedgerHandler implements Handler {

    private final LedgerStore ledger;
    private final ZoneId zone;

    public LedgerHandler(LedgerStore ledger, ZoneId zone) {
        this.ledger = ledger;
        this.zone = zone;
    }

    @Override
    public Response handle(Request r) {
        LocalDate day = Params.date(r, "date");
        List<LedgerRow> rows = rows(ledger, day, zone, r.user());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", day.toString());
        out.put("zone", zone.getId());
        List<Map<String, Object>> tickets = new ArrayList<>();
        for (LedgerRow row : rows) {
            tickets.add(view(row, zone));
        }
        out.put("tickets", tickets);
        Counts counts = Counts.of(rows);
        out.put("complete", counts.withMissing() == 0);
        out.put("ticketCount", counts.tickets());
        out.put("missingCount", counts.withMissing());
        out.put("missingFields", counts.fields());
        out.put("signOff", ledger.signOff(day).map(s -> signOff(s, zone)).orElse(null));
        return Response.jsonWithNulls(out);
    }

    /** The ledger rows of a day in the desk's zone. */
    static List<LedgerRow> rows(LedgerStore ledger, LocalDate day, ZoneId zone) {
        return ledger.createdBetween(LedgerDays.start(day, zone), LedgerDays.end(day, zone)).stream()
                .map(LedgerRow::of).toList();
    }

    /** The ledger rows of a day that {@code u} may see (limited quality staff: their departments and buildings). */
    static List<LedgerRow> rows(LedgerStore ledger, LocalDate day, ZoneId zone, User u) {
        return reachable(ledger.createdBetween(LedgerDays.start(day, zone), LedgerDays.end(day, zone)), u);
    }

    /** The rows of the tickets {@code u} may see. */
    static List<LedgerRow> reachable(List<Ticket> tickets, User u) {
        return tickets.stream().filter(t -> u == null || !u.limited() || u.mayView(t.department(), t.building()))
                .map(LedgerRow::of).toList();
    }

    /** Tickets, tickets with a missing field, missing fields in all. */
    record Counts(int tickets, int withMissing, int fields) {
        static Counts of(List<LedgerRow> rows) {
            int with = 0;
            int fields = 0;
            for (LedgerRow row : rows) {
                if (!row.complete()) {
                    with++;
                    fields += row.missing().size();
                }
            }
            return new Counts(rows.size(), with, fields);
        }
    }

    static Map<String, Object> view(LedgerRow row, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticketNo", row.ticketNo());
        m.put("time", time(row.time(), zone));
        m.put("room", row.room());
        m.put("name", row.name());
        m.put("phone", row.phone());
        m.put("matter", row.matter());
        m.put("recorder", row.recorder());
        m.put("receiver", row.receiver());
        m.put("department", row.department());
        m.put("receivedAt", time(row.receivedAt(), zone));
        m.put("kind", row.kind());
        m.put("severity", row.severity());
        m.put("status", row.status());
        m.put("callerIdStatus", row.callerIdStatus().dbName());
        m.put("missing", row.missing().stream().map(LedgerField::json).toList());
        m.put("notApplicable", row.notApplicable().stream().map(LedgerField::json).toList());
        return m;
    }

    static Map<String, Object> signOff(SignOff s, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", s.signedBy());
        m.put("at", time(s.signedAt(), zone));
        m.put("note", s.note());
        m.put("tickets", s.tickets());
        m.put("ticketsWithMissing", s.ticketsWithMissing());
        m.put("missingFields", s.missingFields());
        return m;
    }

    private static OffsetDateTime time(Instant i, ZoneId zone) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
