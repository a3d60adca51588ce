package com.example.hotline.web;

import com.example.hotline.callback.Callback;
import com.example.hotline.callback.CallbackFilter;
import com.example.hotline.callback.CallbackStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/callbacks?status=open|done|cancelled|all&from=&to=&limit=&offset=}: callback tasks,
 * newest first; {@code status} defaults to {@code open}; {@code from}/{@code to} bound the creation
 * time like {@code /api/calls}. Stateless; runs on an http-worker thread.
 */
public final class CallbacksHandler implements Handler {

    private static final List<String> STATUSES = List.of("open", "done", "cancelled", "all");

    private final CallbackStore callbacks;
    private final ZoneId zone;

    public CallbacksHandler(CallbackStore callbacks, ZoneId zone) {
        this.callbacks = callbacks;
        this.zone = zone;
    }

    @Override
    public Response handle(Request r) {
        String status = Params.oneOf(r, "status", "open", STATUSES);
        Instant from = Params.instant(r, "from", zone, false);
        Instant to = Params.instant(r, "to", zone, true);
        Params.range(from, to);
        int limit = Params.integer(r, "limit", 200, 1, 1000);
        int offset = Params.integer(r, "offset", 0, 0, Integer.MAX_VALUE);
        Callback.Status s = status.equals("all") ? null : Callback.Status.valueOf(status.toUpperCase(Locale.ROOT));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Callback c : callbacks.search(new CallbackFilter(s, from, to, limit, offset))) {
            out.add(view(c, zone));
        }
        return Response.json(out);
    }

    /** The API's view of a task: {@code id, callId, linkedId, caller, callable, createdAt, status, doneAt, doneBy, note}. */
    static Map<String, Object> view(Callback c, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("callId", c.callId());
        m.put("linkedId", c.linkedId());
        m.put("caller", c.caller());
        m.put("callable", c.callable());
        m.put("createdAt", time(c.createdAt(), zone));
        m.put("status", c.status().dbName());
        m.put("doneAt", time(c.doneAt(), zone));
        m.put("doneBy", c.doneBy());
        m.put("note", c.note());
        return m;
    }

    private static OffsetDateTime time(Instant i, ZoneId zone) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }
}
