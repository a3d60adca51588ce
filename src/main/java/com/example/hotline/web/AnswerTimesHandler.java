package com.example.hotline.web;

import com.example.hotline.report.AnswerTimeFigures;
import com.example.hotline.report.AnswerTimeQuery;
import com.example.hotline.report.AnswerTimeReport;
import com.example.hotline.report.GroupBy;
import com.example.hotline.report.ReportStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/reports/answer-times?from=&to=&groupBy=day|hour|agent}: answer-time figures of
 * hotline calls per day or hour of their start in the desk's time zone, or per answering agent, plus
 * the totals of the range ({@link AnswerTimeFigures} says what each figure means). {@code groupBy}
 * defaults to {@code day}. Stateless; runs on an http-worker thread.
 */
public final class AnswerTimesHandler implements Handler {

    private static final List<String> GROUPINGS = List.of("day", "hour", "agent");

    private final ReportStore reports;
    private final ZoneId zone;

    public AnswerTimesHandler(ReportStore reports, ZoneId zone) {
        this.reports = reports;
        this.zone = zone;
    }

    @Override
    public Response handle(Request r) {
        Instant from = Params.instant(r, "from", zone, false);
        Instant to = Params.instant(r, "to", zone, true);
        Params.range(from, to);
        GroupBy groupBy = GroupBy.valueOf(Params.oneOf(r, "groupBy", "day", GROUPINGS).toUpperCase(Locale.ROOT));
        AnswerTimeReport report = reports.answerTimes(new AnswerTimeQuery(from, to, groupBy, zone));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", time(from));
        out.put("to", time(to));
        out.put("groupBy", groupBy.name().toLowerCase(Locale.ROOT));
        out.put("zone", zone.getId());
        List<Map<String, Object>> groups = new ArrayList<>();
        for (AnswerTimeFigures f : report.groups()) {
            groups.add(view(f, true));
        }
        out.put("groups", groups);
        out.put("totals", view(report.totals(), false));
        return Response.json(out);
    }

    private static Map<String, Object> view(AnswerTimeFigures f, boolean withKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withKey) {
            m.put("key", f.key());
        }
        m.put("calls", f.calls());
        m.put("answered", f.answered());
        m.put("withinThreeRings", f.withinThreeRings());
        m.put("withinThreeRingsShare", f.withinThreeRingsShare());
        m.put("medianRingSeconds", f.medianRingSeconds());
        m.put("p90RingSeconds", f.p90RingSeconds());
        m.put("missed", f.missed());
        m.put("ringNoAnswer", f.ringNoAnswer());
        return m;
    }

    private OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
