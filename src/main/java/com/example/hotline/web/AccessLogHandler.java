package com.example.hotline.web;

import com.example.hotline.recording.AccessLog;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/recordings/access?from=&to=&user=&recordingId=&action=&limit=&offset=}: the access log,
 * newest first — {@code id, at, username, role, action} ({@code play}/{@code download}), {@code
 * recordingId, recordingName, caller, extension, recordingStartedAt, client, sessionTag, status,
 * range}. {@code from}/{@code to} bound the access time like {@code /api/calls}; {@code user} is a user
 * name, exactly. Admins and quality staff only (403 for agents); a quality user limited to some
 * departments or buildings sees only the accesses to recordings within them. Stateless.
 */
final class AccessLogHandler implements Handler {

    private final AccessLog log;
    private final ZoneId zone;

    AccessLogHandler(AccessLog log, ZoneId zone) {
        this.log = log;
        this.zone = zone;
    }

    @Override
    public Response handle(Request r) {
        Instant from = Params.instant(r, "from", zone, false);
        Instant to = Params.instant(r, "to", zone, true);
        Params.range(from, to);
        String user = r.param("user");
        if (user != null && !user.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new BadRequestException("user: a user name (letters, digits, '.', '_', '-'; at most 64)");
        }
        Long recordingId = null;
        if (r.param("recordingId") != null) {
            try {
                recordingId = Long.parseLong(r.param("recordingId"));
            } catch (NumberFormatException e) {
                throw new BadRequestException("recordingId: a recording id (a number)");
            }
            if (recordingId < 1) {
                throw new BadRequestException("recordingId: a recording id (a positive number)");
            }
        }
        String action = Params.oneOf(r, "action", null, List.of("play", "download"));
        AccessLog.Query q = new AccessLog.Query(from, to, user, recordingId,
                action == null ? null : AccessLog.Action.of(action), Access.callScope(r.user()),
                Params.integer(r, "limit", 200, 1, 1000), Params.integer(r, "offset", 0, 0, Integer.MAX_VALUE));
        List<Map<String, Object>> out = new ArrayList<>();
        for (AccessLog.Entry e : log.search(q)) {
            AccessLog.Access a = e.access();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("at", time(a.at()));
            m.put("username", a.username());
            m.put("role", a.role());
            m.put("action", a.action().db());
            m.put("recordingId", a.recordingId());
            m.put("recordingName", e.recordingName());
            m.put("caller", e.caller());
            m.put("extension", e.extension());
            m.put("recordingStartedAt", time(e.recordingStartedAt()));
            m.put("client", a.client());
            m.put("sessionTag", a.sessionTag());
            m.put("status", a.status());
            m.put("range", a.byteRange());
            out.add(m);
        }
        return Response.json(out);
    }

    private OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
