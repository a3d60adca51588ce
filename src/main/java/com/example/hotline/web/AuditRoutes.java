package com.example.hotline.web;

import com.example.hotline.audit.AuditStore;
import com.example.hotline.audit.DayStatus;
import com.example.hotline.audit.Inspection;
import com.example.hotline.audit.InspectionItem;
import com.example.hotline.audit.RecordingCheck;
import com.example.hotline.audit.SampledOrder;
import com.example.hotline.ticket.LedgerDays;
import com.example.hotline.ticket.TicketPlaces;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit and the inspection form, for admins and quality staff:
 * {@code GET /api/audit?from=&to=} (ledger against recordings both ways, the dispatch order sample
 * with marks, the days' sign-off), {@code POST /api/audit/sample?from=&to=} (draws the 60 % sample,
 * topping up an earlier one), {@code PUT /api/audit/sample/{orderId}} {@code {result: pass|fail, note}},
 * and {@code GET /api/reports/inspection?from=&to=} (C1–C13). {@code from}/{@code to} are days of the
 * desk's time zone, both included, at most 366. Quality staff limited to some departments or buildings
 * see only the tickets and sampled orders of those ({@code narrowed: true}; recordings without a ticket
 * are outside every department) and may mark only those orders; the inspection form's figures are the
 * whole desk's. Stateless; runs on http-worker threads.
 */
public final class AuditRoutes {

    private static final double SHARE = 0.6;

    private final AuditStore audit;
    private final RecordingCheck recordings;
    private final Inspection inspection;
    private final TicketPlaces places;
    private final ZoneId zone;
    private final Clock clock;

    public AuditRoutes(AuditStore audit, RecordingCheck recordings, Inspection inspection, TicketPlaces places,
                       ZoneId zone, Clock clock) {
        this.audit = audit;
        this.recordings = recordings;
        this.inspection = inspection;
        this.places = places;
        this.zone = zone;
        this.clock = clock;
    }

    public void register(Router router) {
        router.add("GET", "/api/audit", Access.supervisors(this::audit))
                .add("POST", "/api/audit/sample", Access.supervisors(this::draw))
                .add("PUT", "/api/audit/sample/{orderId}", Access.supervisors(this::mark))
                .add("GET", "/api/reports/inspection", Access.supervisors(this::inspection));
    }

    private record Range(LocalDate from, LocalDate to, Instant start, Instant end) {}

    private Range range(Request r) {
        LocalDate from = Params.date(r, "from");
        LocalDate to = Params.date(r, "to");
        try {
            LedgerDays.checkRange(from, to);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return new Range(from, to, LedgerDays.start(from, zone), LedgerDays.end(to, zone));
    }

    Response audit(Request r) {
        Range range = range(r);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", range.from().toString());
        out.put("to", range.to().toString());
        out.put("zone", zone.getId());
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("source", recordings.source());
        rec.put("indexed", recordings.indexed());
        List<Map<String, Object>> tickets = new ArrayList<>();
        for (RecordingCheck.TicketRecordings t : Access.withinReach(r.user(),
                recordings.phoneTickets(range.start(), range.end()), RecordingCheck.TicketRecordings::ticketNo, places)) {
            tickets.add(map("ticketNo", t.ticketNo(), "createdAt", time(t.createdAt()), "callIds", t.callIds(),
                    "recordings", t.recordings(), "ok", !t.recordings().isEmpty()));
        }
        rec.put("phoneTickets", tickets);
        List<Map<String, Object>> orphans = new ArrayList<>();
        for (RecordingCheck.UnticketedRecording u : r.user().limited() ? List.<RecordingCheck.UnticketedRecording>of()
                : recordings.withoutTicket(range.start(), range.end())) {
            orphans.add(map("callId", u.callId(), "caller", u.caller(), "startedAt", time(u.startedAt()),
                    "recording", u.recording(), "reason", u.reason(), "ok", u.reason() != null));
        }
        rec.put("recordingsWithoutTicket", orphans);
        out.put("ledgerVsRecordings", rec);
        out.put("narrowed", r.user().limited());
        out.put("sample", sampleView(range, r));
        List<Map<String, Object>> days = new ArrayList<>();
        for (DayStatus d : audit.days(range.from(), range.to(), zone)) {
            days.add(map("date", d.day().toString(), "tickets", d.tickets(), "signed", d.signed(),
                    "signedBy", d.signedBy(), "signedAt", time(d.signedAt()), "ticketsWithMissing", d.ticketsWithMissing()));
        }
        out.put("signOff", days);
        return Response.jsonWithNulls(out);
    }

    Response draw(Request r) {
        Range range = range(r);
        audit.draw(range.start(), range.end(), SHARE, r.user().username(), clock.instant());
        return Response.jsonWithNulls(sampleView(range, r));
    }

    Response mark(Request r) {
        long id;
        try {
            id = Long.parseLong(r.pathParam("orderId"));
        } catch (NumberFormatException e) {
            throw new BadRequestException("orderId: a number");
        }
        JsonBody b = JsonBody.object(r.body());
        String result = b.text("result");
        if (!InspectionItem.PASS.equals(result) && !InspectionItem.FAIL.equals(result)) {
            throw new BadRequestException("result: pass or fail");
        }
        String note = b.text("note");
        if (note != null && note.length() > 2000) {
            throw new BadRequestException("note: at most 2000 characters");
        }
        if (r.user().limited() && !places.ofOrder(id).map(p -> r.user().mayView(p.department(), p.building()))
                .orElse(true)) {
            throw new ForbiddenException("dispatch order " + id + " is of a ticket outside your departments and buildings");
        }
        if (!audit.mark(id, result, note, r.user().username(), clock.instant())) {
            return Response.error(404, "dispatch order " + id + " is not in the sample");
        }
        return Response.json(map("orderId", id, "result", result));
    }

    Response inspection(Request r) {
        Range range = range(r);
        List<Map<String, Object>> items = new ArrayList<>();
        for (InspectionItem i : inspection.form(range.from(), range.to())) {
            List<Map<String, Object>> evidence = new ArrayList<>();
            i.evidence().forEach(e -> evidence.add(map("label", e.label(), "href", e.href())));
            items.add(map("id", i.id(), "original", i.original(), "meaning", i.meaning(), "status", i.status(),
                    "figures", i.figures(), "note", i.note(), "evidence", evidence));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of(InspectionItem.PASS, InspectionItem.FAIL, InspectionItem.UNKNOWN, InspectionItem.NO_DATA)) {
            counts.put(s, items.stream().filter(i -> s.equals(i.get("status"))).count());
        }
        return Response.jsonWithNulls(map("from", range.from().toString(), "to", range.to().toString(),
                "zone", zone.getId(), "generatedAt", time(clock.instant()), "generatedBy", r.user().username(),
                "summary", counts, "items", items));
    }

    private Map<String, Object> sampleView(Range range, Request r) {
        int orders = audit.orders(range.start(), range.end());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SampledOrder s : Access.withinReach(r.user(), audit.sample(range.start(), range.end()),
                SampledOrder::ticketNo, places)) {
            rows.add(map("orderId", s.orderId(), "ticketNo", s.ticketNo(), "department", s.department(),
                    "technician", s.technician(), "dispatchedAt", time(s.dispatchedAt()), "status", s.status(),
                    "result", s.result(), "note", s.note(), "markedBy", s.markedBy(), "markedAt", time(s.markedAt())));
        }
        return map("orders", orders, "needed", (long) Math.ceil(orders * SHARE - 1e-9), "share", SHARE,
                "sampled", rows);
    }

    private OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
