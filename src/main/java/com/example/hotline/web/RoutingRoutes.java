package com.example.hotline.web;

import com.example.hotline.routing.Extension;
import com.example.hotline.routing.HoursMode;
import com.example.hotline.routing.HoursState;
import com.example.hotline.routing.OfficeHours;
import com.example.hotline.routing.RoutingSettings;
import com.example.hotline.routing.RoutingStore;
import com.example.hotline.routing.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The API of after-hours routing: office hours and their current state, the override, the ordered
 * after-hours candidates, the extension registry and the refused transfers. Changes are for
 * administrators (403 otherwise); bad input is 400 naming the field. Stateless; handlers run on
 * http-worker threads.
 */
public final class RoutingRoutes {

    private final RoutingSettings settings;
    private final IntFunction<List<Violation>> violations;
    private final ZoneId zone;

    private RoutingRoutes(RoutingSettings settings, IntFunction<List<Violation>> violations, ZoneId zone) {
        this.settings = settings;
        this.violations = violations;
        this.zone = zone;
    }

    /** Adds the routes to {@code router}; {@code violations} lists the newest refused transfers. */
    public static Router register(Router router, RoutingSettings settings, IntFunction<List<Violation>> violations,
                                  ZoneId zone) {
        RoutingRoutes r = new RoutingRoutes(settings, violations, zone);
        return router.add("GET", "/api/routing/hours", guard(req -> Response.json(r.hours())))
                .add("PUT", "/api/routing/hours", guard(r::putHours))
                .add("GET", "/api/routing/state", guard(req -> Response.json(r.state(settings.state()))))
                .add("POST", "/api/routing/override", guard(r::override))
                .add("GET", "/api/routing/after-hours", guard(req -> Response.json(r.afterHours())))
                .add("PUT", "/api/routing/after-hours", guard(r::putAfterHours))
                .add("GET", "/api/routing/violations", guard(r::violations))
                .add("GET", "/api/extensions", guard(req -> Response.json(r.extensions())))
                .add("GET", "/api/extensions/{ext}", guard(r::extension))
                .add("PUT", "/api/extensions/{ext}", guard(r::putExtension))
                .add("GET", "/routing", new StaticResource("/web/routing.html", "text/html; charset=utf-8"));
    }

    private static Handler guard(Handler h) {
        return req -> {
            try {
                return h.handle(req);
            } catch (IllegalArgumentException e) {
                return Response.error(400, e.getMessage());
            }
        };
    }

    private static void requireAdmin(Request r) {
        if (r.user() == null || !"admin".equals(r.user().role())) {
            throw new ForbiddenException();
        }
    }

    /** Answered as 403 by {@link #adminOnly}. */
    private static final class ForbiddenException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static Handler adminOnly(Handler h) {
        return req -> {
            try {
                requireAdmin(req);
            } catch (ForbiddenException e) {
                return Response.error(403, "only an administrator may change routing");
            }
            return h.handle(req);
        };
    }

    // ---- office hours

    private Map<String, Object> hours() {
        RoutingStore.Settings s = settings.settings();
        OfficeHours h = s.hours();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone", h.zone().getId());
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            weekly.put(d.name().toLowerCase(Locale.ROOT), h.weekly().get(d).stream().map(Object::toString).toList());
        }
        m.put("weekly", weekly);
        m.put("holidays", h.holidays().stream().map(LocalDate::toString).toList());
        m.put("makeUpDays", h.makeUpDays().stream().map(LocalDate::toString).toList());
        m.put("makeUpHours", h.makeUpHours().stream().map(Object::toString).toList());
        m.put("mode", s.mode().wire());
        m.put("state", state(settings.state()));
        return m;
    }

    private Map<String, Object> state(HoursState st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", OffsetDateTime.ofInstant(st.at(), zone));
        m.put("open", st.open());
        m.put("afterHours", !st.open());
        m.put("scheduledOpen", st.scheduledOpen());
        m.put("mode", st.mode().wire());
        m.put("overridden", st.overridden());
        m.put("reason", st.reason());
        return m;
    }

    /**
     * {@code PUT /api/routing/hours {zone?, weekly?{monday: ["08:30-17:30"], …}, holidays?[], makeUpDays?[],
     * makeUpHours?[]}}: the fields given replace the current ones; a day missing from {@code weekly} is closed.
     */
    private Response putHours(Request r) throws Exception {
        return adminOnly(req -> {
            JsonBody b = JsonBody.object(req.body());
            OfficeHours old = settings.settings().hours();
            ZoneId z = old.zone();
            if (b.has("zone")) {
                try {
                    z = ZoneId.of(b.text("zone"));
                } catch (DateTimeException e) {
                    throw new BadRequestException("zone: not a time zone: " + b.text("zone"));
                }
            }
            Map<DayOfWeek, List<OfficeHours.Window>> weekly = old.weekly();
            JsonNode body = JsonBody.parse(req.body());
            if (body != null && body.has("weekly")) {
                JsonNode w = body.get("weekly");
                if (!w.isObject()) {
                    throw new BadRequestException("weekly: an object of days, {\"monday\": [\"08:30-17:30\"], …}");
                }
                Map<DayOfWeek, List<OfficeHours.Window>> next = new EnumMap<>(DayOfWeek.class);
                for (var it = w.fields(); it.hasNext(); ) {
                    var e = it.next();
                    DayOfWeek d;
                    try {
                        d = DayOfWeek.valueOf(e.getKey().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException ex) {
                        throw new BadRequestException("weekly: not a day of the week: " + e.getKey());
                    }
                    next.put(d, windows(strings(e.getValue(), "weekly." + e.getKey()), "weekly." + e.getKey()));
                }
                weekly = next;
            }
            Set<LocalDate> holidays = b.has("holidays") ? dates(b.texts("holidays"), "holidays") : old.holidays();
            Set<LocalDate> makeUp = b.has("makeUpDays") ? dates(b.texts("makeUpDays"), "makeUpDays") : old.makeUpDays();
            List<OfficeHours.Window> makeUpHours = b.has("makeUpHours")
                    ? windows(b.texts("makeUpHours"), "makeUpHours") : old.makeUpHours();
            settings.setHours(new OfficeHours(z, weekly, holidays, makeUp, makeUpHours));
            return Response.json(hours());
        }).handle(r);
    }

    private static List<String> strings(JsonNode n, String field) {
        if (!n.isArray()) {
            throw new BadRequestException(field + ": an array of \"HH:MM-HH:MM\" windows");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new BadRequestException(field + ": an array of \"HH:MM-HH:MM\" windows");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static List<OfficeHours.Window> windows(List<String> texts, String field) {
        List<OfficeHours.Window> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(OfficeHours.Window.parse(t));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(field + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static Set<LocalDate> dates(List<String> texts, String field) {
        Set<LocalDate> out = new HashSet<>();
        for (String t : texts) {
            try {
                out.add(LocalDate.parse(t.strip()));
            } catch (DateTimeException e) {
                throw new BadRequestException(field + ": not a date (YYYY-MM-DD): " + t);
            }
        }
        return out;
    }

    /** {@code POST /api/routing/override {"mode": "open"|"closed"|"auto"}}: answers the state it leads to. */
    private Response override(Request r) throws Exception {
        return adminOnly(req -> {
            String mode = JsonBody.object(req.body()).text("mode");
            settings.setMode(HoursMode.parse(mode));
            return Response.json(state(settings.state()));
        }).handle(r);
    }

    // ---- after-hours candidates

    private Map<String, Object> afterHours() {
        RoutingStore.Settings s = settings.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targets", s.afterHoursTargets());
        m.put("ringSeconds", s.afterHoursRingSeconds());
        List<Map<String, Object>> judged = new ArrayList<>();
        for (String t : s.afterHoursTargets()) {
            Extension e = settings.extension(t);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("ext", t);
            j.put("kind", e.kind().wire());
            j.put("records", e.records());
            j.put("eligible", e.refusal() == null);
            j.put("reason", e.refusal());
            judged.add(j);
        }
        m.put("candidates", judged);
        return m;
    }

    /** {@code PUT /api/routing/after-hours {"targets": [...], "ringSeconds"?: 20}}. */
    private Response putAfterHours(Request r) throws Exception {
        return adminOnly(req -> {
            JsonBody b = JsonBody.object(req.body());
            List<String> targets = b.texts("targets");
            if (targets == null) {
                throw new BadRequestException("targets: required, an array of extensions in ringing order");
            }
            int ring = settings.settings().afterHoursRingSeconds();
            JsonNode body = JsonBody.parse(req.body());
            if (body.has("ringSeconds")) {
                if (!body.get("ringSeconds").canConvertToInt()) {
                    throw new BadRequestException("ringSeconds: a whole number of seconds");
                }
                ring = body.get("ringSeconds").asInt();
            }
            settings.setAfterHours(targets.stream().map(String::strip).toList(), ring);
            return Response.json(afterHours());
        }).handle(r);
    }

    // ---- extension registry

    private List<Map<String, Object>> extensions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Extension e : settings.extensions()) {
            out.add(view(e));
        }
        return out;
    }

    private Map<String, Object> view(Extension e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ext", e.ext());
        m.put("name", e.name());
        m.put("department", e.department());
        m.put("kind", e.kind().wire());
        m.put("records", e.records());
        m.put("lastRecordingAt", time(e.lastRecordingAt()));
        m.put("demotedAt", time(e.demotedAt()));
        m.put("demotedReason", e.demotedReason());
        m.put("receivesHotline", e.mayReceiveHotline());
        return m;
    }

    private Response extension(Request r) {
        String ext = r.pathParam("ext");
        if (!Extension.NUMBER.matcher(ext).matches()) {
            throw new BadRequestException("ext: 2 to 20 digits, not " + ext);
        }
        if (!settings.registered(ext)) {
            return Response.error(404, "extension " + ext + " is not in the registry");
        }
        return Response.json(view(settings.extension(ext)));
    }

    /** {@code PUT /api/extensions/{ext} {"name", "department", "kind", "records"}}: creates or replaces. */
    private Response putExtension(Request r) throws Exception {
        return adminOnly(req -> {
            String ext = req.pathParam("ext");
            if (!Extension.NUMBER.matcher(ext).matches()) {
                throw new BadRequestException("ext: 2 to 20 digits, not " + ext);
            }
            JsonBody b = JsonBody.object(req.body());
            if (b.has("ext") && !ext.equals(b.text("ext"))) {
                throw new BadRequestException("ext: the body names " + b.text("ext") + " but the path " + ext);
            }
            Extension.Kind kind = Extension.Kind.parse(b.text("kind"));
            Boolean records = b.bool("records");
            if (records == null) {
                throw new BadRequestException("records: required, true or false");
            }
            String name = b.text("name");
            String dept = b.text("department");
            if ((name != null && name.length() > 100) || (dept != null && dept.length() > 100)) {
                throw new BadRequestException("name, department: at most 100 characters");
            }
            return Response.json(view(settings.putExtension(ext, name, dept, kind, records)));
        }).handle(r);
    }

    // ---- violations

    private Response violations(Request r) {
        int limit = Params.integer(r, "limit", 100, 1, 1000);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Violation v : violations.apply(limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", v.id());
            m.put("at", time(v.at()));
            m.put("linkedId", v.linkedId());
            m.put("uniqueId", v.uniqueId());
            m.put("by", v.by());
            m.put("target", v.target());
            m.put("reason", v.reason());
            out.add(m);
        }
        return Response.json(out);
    }

    private OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
