package com.example.hotline.web;

import com.example.hotline.report.TicketReportStore;
import com.example.hotline.report.TicketStatistics;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/reports/tickets?from=&to=}: figures of the tickets created in the range (bounds as in
 * the other reports: dates are whole days of the desk's zone, or ISO date-times; absent is open):
 * counts by kind, severity, department, status and caller-ID status, the on-time share, handling time
 * and satisfaction ({@link TicketStatistics} says what each means). Stateless; runs on an http-worker
 * thread.
 */
public final class TicketReportHandler implements Handler {

    private final TicketReportStore reports;
    private final ZoneId zone;
    private final Clock clock;

    public TicketReportHandler(TicketReportStore reports, ZoneId zone, Clock clock) {
        this.reports = reports;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Response handle(Request r) {
        Instant from = Params.instant(r, "from", zone, false);
        Instant to = Params.instant(r, "to", zone, true);
        Params.range(from, to);
        TicketStatistics s = reports.tickets(from, to, clock.instant());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", time(from));
        out.put("to", time(to));
        out.put("zone", zone.getId());
        out.put("tickets", s.tickets());
        out.put("byKind", s.byKind());
        out.put("bySeverity", s.bySeverity());
        out.put("byDepartment", s.byDepartment());
        out.put("byStatus", s.byStatus());
        out.put("byCallerId", s.byCallerId());
        out.put("unidentified", s.byCallerId().getOrDefault("unidentified", 0L));
        out.put("withheld", s.byCallerId().getOrDefault("withheld", 0L));
        Map<String, Object> onTime = new LinkedHashMap<>();
        onTime.put("withDue", s.withDue());
        onTime.put("onTime", s.onTime());
        onTime.put("late", s.late());
        onTime.put("pending", s.pending());
        onTime.put("share", s.onTimeShare());
        out.put("onTime", onTime);
        Map<String, Object> handling = new LinkedHashMap<>();
        handling.put("closed", s.closed());
        handling.put("medianHours", s.medianHandlingHours());
        handling.put("p90Hours", s.p90HandlingHours());
        out.put("handlingTime", handling);
        Map<String, Object> satisfaction = new LinkedHashMap<>();
        satisfaction.put("followedUp", s.followedUp());
        satisfaction.put("satisfied", s.satisfied());
        satisfaction.put("share", s.satisfiedShare());
        out.put("satisfaction", satisfaction);
        return Response.jsonWithNulls(out);
    }

    private OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
