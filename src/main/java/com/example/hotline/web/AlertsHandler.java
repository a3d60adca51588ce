package com.example.hotline.web;

import com.example.hotline.alert.Alert;
import com.example.hotline.alert.AlertStore;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/alerts?from=&to=&kind=&limit=}: alerts raised, newest first. */
public final class AlertsHandler implements Handler {

    private final AlertStore alerts;
    private final ZoneId zone;

    public AlertsHandler(AlertStore alerts, ZoneId zone) {
        this.alerts = alerts;
        this.zone = zone;
    }

    @Override
    public Response handle(Request r) {
        String kind = r.param("kind");
        if (kind != null && !kind.matches("[a-z-]{1,40}")) {
            throw new BadRequestException("kind: not an alert kind");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Alert a : alerts.find(Params.instant(r, "from", zone, false), Params.instant(r, "to", zone, true), kind,
                Params.integer(r, "limit", 200, 1, 1000))) {
            out.add(view(a, zone));
        }
        return Response.json(out);
    }

    /** The JSON shape of an alert, shared by the API and the live socket. */
    public static Map<String, Object> view(Alert a, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "alert");
        m.put("kind", a.kind());
        m.put("raisedAt", OffsetDateTime.ofInstant(a.raisedAt(), zone));
        m.put("linkedId", a.linkedId());
        m.put("uniqueId", a.uniqueId());
        m.put("caller", a.caller());
        m.put("message", a.message());
        m.put("details", a.details());
        return m;
    }
}
