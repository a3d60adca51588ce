package com.example.hotline.web;

import com.example.hotline.call.CallFilter;
import com.example.hotline.call.CallQuery;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.LegRecord;
import com.example.hotline.call.StoredCall;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/calls?from=&to=&caller=&all=&limit=&offset=}: stored calls, newest first, with the
 * contract's fields; {@code afterHours} and {@code routing} (the stored routing decision: candidates
 * rung or skipped and why) when the server routed the call. {@code from}/{@code to} are dates (whole days in the desk's time zone) or
 * ISO date-times; {@code caller} matches part of the number; hotline calls only unless
 * {@code all=true}. An agent sees only their extension's calls, limited quality staff only those of
 * their departments and buildings.
 */
public final class CallsHandler implements Handler {

    private final CallQuery calls;
    private final ZoneId zone;

    public CallsHandler(CallQuery calls, ZoneId zone) {
        this.calls = calls;
        this.zone = zone;
    }

    @Override
    public Response handle(Request r) {
        Instant from = Params.instant(r, "from", zone, false);
        Instant to = Params.instant(r, "to", zone, true);
        String caller = r.param("caller");
        if (caller != null && caller.length() > 64) {
            throw new BadRequestException("caller: at most 64 characters");
        }
        boolean all = Params.bool(r, "all", false);
        int limit = Params.integer(r, "limit", 200, 1, 1000);
        int offset = Params.integer(r, "offset", 0, 0, Integer.MAX_VALUE);
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredCall sc : calls.search(new CallFilter(from, to, caller, !all, limit, offset,
                Access.callScope(r.user())))) {
            out.add(view(sc, zone));
        }
        return Response.json(out);
    }

    /** A call as the API shows it. */
    static Map<String, Object> view(StoredCall sc, ZoneId zone) {
        CallRecord c = sc.call();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", sc.id());
        m.put("uniqueId", c.uniqueId());
        m.put("linkedId", c.linkedId());
        m.put("caller", c.caller());
        m.put("callerName", c.callerName());
        m.put("hotline", c.hotline());
        m.put("startedAt", time(c.startedAt(), zone));
        m.put("firstRingAt", time(c.firstRingAt(), zone));
        m.put("answeredAt", time(c.answeredAt(), zone));
        m.put("endedAt", time(c.endedAt(), zone));
        m.put("answeredBy", c.answeredBy());
        m.put("ringMillis", c.ringMillis());
        m.put("rings", c.rings());
        m.put("withinThreeRings", c.withinThreeRings());
        m.put("answered", c.answered());
        m.put("route", c.route());
        m.put("afterHours", sc.afterHours());
        m.put("routedTo", c.routedTo());
        m.put("routing", routing(sc.routingJson()));
        m.put("hangupCause", c.hangupCause());
        m.put("hangupCauseText", c.hangupCauseText());
        m.put("ticketNo", sc.ticketNo());
        m.put("recordingFile", c.recordingFile());
        m.put("recordingIds", sc.recordingIds());
        m.put("resynced", c.resynced());
        List<Map<String, Object>> legs = new ArrayList<>();
        for (LegRecord l : c.legs()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("uniqueId", l.uniqueId());
            lm.put("channel", l.channel());
            lm.put("endpoint", l.endpoint());
            lm.put("role", l.role().name().toLowerCase(java.util.Locale.ROOT));
            lm.put("createdAt", time(l.createdAt(), zone));
            lm.put("ringingAt", time(l.ringingAt(), zone));
            lm.put("answeredAt", time(l.answeredAt(), zone));
            lm.put("endedAt", time(l.endedAt(), zone));
            lm.put("dialStatus", l.dialStatus());
            lm.put("hangupCause", l.hangupCause());
            legs.add(lm);
        }
        m.put("legs", legs);
        List<Map<String, Object>> rna = new ArrayList<>();
        for (CallRecord.RingNoAnswer a : c.ringNoAnswer()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("extension", a.extension());
            am.put("ringingAt", time(a.ringingAt(), zone));
            am.put("endedAt", time(a.endedAt(), zone));
            am.put("ringMillis", a.ringMillis());
            am.put("dialStatus", a.dialStatus());
            rna.add(am);
        }
        m.put("ringNoAnswer", rna);
        return m;
    }

    /** The stored decision as it was written (an object), or null. */
    private static Object routing(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static OffsetDateTime time(Instant i, ZoneId zone) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
