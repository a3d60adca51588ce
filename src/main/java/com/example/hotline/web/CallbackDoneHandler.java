package com.example.hotline.web;

import com.example.hotline.callback.Callback;
import com.example.hotline.callback.CallbackStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/callbacks/{id}/done} with an optional JSON body {@code {"note": "..."}}: the
 * signed-in user called the caller back. Answers the task as done; 404 for an unknown task, 409 when
 * it is not open any more (someone else closed it first). Stateless; runs on an http-worker thread.
 */
public final class CallbackDoneHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(CallbackDoneHandler.class);
    private static final int MAX_NOTE = 1000;

    private final CallbackStore callbacks;
    private final ZoneId zone;
    private final Clock clock;

    public CallbackDoneHandler(CallbackStore callbacks, ZoneId zone, Clock clock) {
        this.callbacks = callbacks;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Response handle(Request r) {
        long id = id(r.pathParam("id"));
        String note = note(r.body());
        Optional<Callback> done = callbacks.markDone(id, r.user().username(), note, clock.instant());
        if (done.isPresent()) {
            log.info("callback {}: done by {} (call {})", id, r.user().username(), done.get().linkedId());
            return Response.json(CallbacksHandler.view(done.get(), zone));
        }
        return callbacks.byId(id)
                .map(c -> Response.error(409, "callback " + id + " is " + c.status().dbName()
                        + (c.doneBy() == null ? "" : " (by " + c.doneBy() + ")")))
                .orElseGet(() -> Response.error(404, "no callback " + id));
    }

    private static long id(String v) {
        try {
            long id = Long.parseLong(v == null ? "" : v);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new BadRequestException("id: '" + v + "' is not a callback id");
        }
    }

    /** The optional {@code note} of a JSON body {@code {"note": "..."}}: null when absent or blank. */
    static String note(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("body: not JSON; send {\"note\": \"...\"} or nothing");
        }
        if (json == null || json.isMissingNode() || json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            throw new BadRequestException("body: must be a JSON object such as {\"note\": \"...\"}");
        }
        JsonNode note = json.get("note");
        if (note == null || note.isNull()) {
            return null;
        }
        if (!note.isTextual()) {
            throw new BadRequestException("note: must be a string");
        }
        String s = note.asText().strip();
        if (s.length() > MAX_NOTE) {
            throw new BadRequestException("note: at most " + MAX_NOTE + " characters");
        }
        return s.isEmpty() ? null : s;
    }
}
