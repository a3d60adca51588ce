package com.example.hotline.web;

import com.example.hotline.recording.ArchiveJob;
import com.example.hotline.recording.ContinuityDay;
import com.example.hotline.recording.Grade;
import com.example.hotline.recording.JobBusyException;
import com.example.hotline.recording.JobRun;
import com.example.hotline.recording.JobStore;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingFilter;
import com.example.hotline.recording.RecordingIndex;
import com.example.hotline.recording.RetentionJob;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recordings' routes: {@code GET /api/recordings} (narrowed to what the asker may see, as
 * {@link Access#callScope}), {@code GET /api/recordings/{id}} (one recording; 403 outside the asker's
 * reach), {@code PUT /api/recordings/{id}/legal-hold}, {@code POST /api/jobs/archive?date=},
 * {@code POST /api/jobs/retention?asOf=&dryRun=}, {@code GET /api/jobs} (the run in progress and the
 * history) and {@code GET /api/reports/continuity?from=&to=}; the audio, download, waveform and access
 * log routes are {@link PlaybackRoutes}. Jobs and holds need role admin (legal hold: admin or quality,
 * within their reach); a job already running anywhere is 409. Stateless; handlers run on http-workers
 * and block (a job request answers when the run is done).
 */
public final class RecordingRoutes {

    private RecordingRoutes() {}

    public static void register(Router routes, RecordingIndex index, RecordingGuard guard, JobStore jobs,
                                ArchiveJob archive, RetentionJob retention, ZoneId zone, Clock clock) {
        routes.add("GET", "/api/recordings", r -> list(r, index, zone))
                .add("GET", "/api/recordings/{id}", r -> Response.jsonWithNulls(view(guard.require(r), zone)))
                .add("PUT", "/api/recordings/{id}/legal-hold", r -> hold(r, index, guard, zone))
                .add("POST", "/api/jobs/archive", r -> admin(r, () -> {
                    LocalDate day = Params.date(r, "date");
                    if (!day.isBefore(LocalDate.now(clock.withZone(zone)).plusDays(1))) {
                        throw new BadRequestException("date: " + day + " has not begun yet");
                    }
                    return Response.json(archive.run(day, trigger(r)));
                }))
                .add("POST", "/api/jobs/retention", r -> admin(r, () -> {
                    LocalDate asOf = r.param("asOf") == null ? LocalDate.now(clock.withZone(zone))
                            : Params.date(r, "asOf");
                    try {
                        return Response.json(retention.run(asOf, Params.bool(r, "dryRun", false), trigger(r)));
                    } catch (IllegalArgumentException e) {
                        throw new BadRequestException(e.getMessage());
                    }
                }))
                .add("GET", "/api/jobs", r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("current", archive.progress().orElse(null));
                    List<JobRun> runs = jobs.runs(r.param("kind"), Params.integer(r, "limit", 50, 1, 1000));
                    m.put("runs", runs);
                    return Response.json(m);
                })
                .add("GET", "/api/reports/continuity", r -> continuity(r, jobs, zone, clock));
    }

    private static String trigger(Request r) {
        return "cli".equals(r.param("via")) ? "cli" : "api";
    }

    private interface Job {
        Response run();
    }

    private static Response admin(Request r, Job job) {
        if (!"admin".equals(r.user().role())) {
            return Response.error(403, "only an administrator may run the recording jobs; " + r.user().username()
                    + " is " + r.user().role());
        }
        try {
            return job.run();
        } catch (JobBusyException e) {
            return Response.error(409, e.getMessage());
        }
    }

    private static Response list(Request r, RecordingIndex index, ZoneId zone) {
        Instant from = Params.instant(r, "from", zone, false);
        Instant to = Params.instant(r, "to", zone, true);
        Params.range(from, to);
        String grade = Params.oneOf(r, "grade", null, List.of("clear", "fair", "unclear", "silent"));
        for (String p : List.of("caller", "extension", "ticket")) {
            if (r.param(p) != null && r.param(p).length() > 64) {
                throw new BadRequestException(p + ": at most 64 characters");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Recording rec : index.search(new RecordingFilter(from, to, r.param("caller"), r.param("extension"),
                r.param("ticket"), Grade.of(grade), Params.integer(r, "limit", 200, 1, 1000),
                Params.integer(r, "offset", 0, 0, Integer.MAX_VALUE), Access.callScope(r.user())))) {
            out.add(view(rec, zone));
        }
        return Response.jsonWithNulls(out);
    }

    /** The contract's fields, then the index's own. */
    static Map<String, Object> view(Recording r, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("callId", r.callId());
        m.put("name", r.name());
        m.put("startedAt", time(r.startedAt(), zone));
        m.put("durationMillis", r.durationMillis());
        m.put("caller", r.caller());
        m.put("extension", r.extension());
        m.put("ticketNo", r.ticketNo());
        m.put("grade", r.grade() == null ? null : r.grade().db());
        m.put("sha256", r.sha256());
        m.put("archived", r.archived());
        m.put("state", r.state().db());
        m.put("day", r.day().toString());
        m.put("linkedId", r.linkedId());
        m.put("uniqueId", r.uniqueId());
        m.put("rawFile", r.rawFile());
        m.put("archivePath", r.archivePath());
        m.put("format", r.format());
        m.put("sizeBytes", r.sizeBytes());
        m.put("oneSided", r.oneSided());
        m.put("meanDb", r.meanDb());
        m.put("maxDb", r.maxDb());
        m.put("speechShare", r.speechShare());
        m.put("archivedAt", time(r.archivedAt(), zone));
        m.put("legalHold", r.legalHold());
        m.put("purgedAt", time(r.purgedAt(), zone));
        m.put("lastError", r.lastError());
        return m;
    }

    private static Response hold(Request r, RecordingIndex index, RecordingGuard guard, ZoneId zone) {
        if (!Set.of("admin", "quality").contains(r.user().role())) {
            return Response.error(403, "only a user with role admin or quality may set a legal hold");
        }
        long id = guard.require(r).id();
        JsonNode body = JsonBody.parse(r.body());
        if (!body.path("hold").isBoolean()) {
            throw new BadRequestException("hold: required, true or false");
        }
        String note = body.path("note").isTextual() ? body.path("note").asText() : null;
        if (!index.setLegalHold(id, body.path("hold").asBoolean(), note)) {
            return Response.error(404, "no recording " + id);
        }
        return Response.jsonWithNulls(view(index.find(id).orElseThrow(), zone));
    }

    private static Response continuity(Request r, JobStore jobs, ZoneId zone, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate to = r.param("to") == null ? today : Params.date(r, "to");
        LocalDate from = r.param("from") == null ? to.minusMonths(3) : Params.date(r, "from");
        if (from.isAfter(to) || from.plusDays(800).isBefore(to)) {
            throw new BadRequestException("from..to: at most 800 days, from not after to");
        }
        List<ContinuityDay> days = jobs.continuity(from, to, zone);
        int calls = 0;
        int without = 0;
        List<String> gaps = new ArrayList<>();
        for (ContinuityDay d : days) {
            calls += d.calls();
            without += d.callsWithoutRecording();
            if (d.gap() && d.day().isBefore(today)) {
                gaps.add(d.day().toString());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.put("zone", zone.getId());
        m.put("calls", calls);
        m.put("callsWithoutRecording", without);
        m.put("daysWithCallsButNoArchive", gaps);
        m.put("continuous", without == 0 && gaps.isEmpty());
        m.put("days", days);
        return Response.json(m);
    }

    private static OffsetDateTime time(Instant i, ZoneId zone) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
