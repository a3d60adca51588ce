package com.example.hotline.web;

import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallTimeline;
import com.example.hotline.call.CallTimelines;
import com.example.hotline.call.LegRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/calls/{id}}: one call with everything the timeline page shows — the fields of
 * {@code /api/calls}, its PBX events in time order, the routing decision, the legs that joined
 * besides the caller and the phones dialled by the hotline (transfers), its recordings and its
 * ticket number (each indexed recording with its {@code id}, to play). 404 unknown call; 403 when the asker may not see it (another agent's call, a
 * department outside a quality user's reach).
 */
public final class CallTimelineHandler implements Handler {

    private final CallTimelines timelines;
    private final ZoneId zone;

    public CallTimelineHandler(CallTimelines timelines, ZoneId zone) {
        this.timelines = timelines;
        this.zone = zone;
    }

    private static Instant at(Map<String, Object> event) {
        try {
            return Instant.parse(String.valueOf(event.get("at")));
        } catch (DateTimeParseException e) {
            return Instant.MAX;
        }
    }

    @Override
    public Response handle(Request r) {
        String raw = r.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new BadRequestException("call id: a number, not '" + raw + "'");
        }
        Optional<CallTimeline> found = timelines.find(id);
        if (found.isEmpty()) {
            return Response.error(404, "no call " + id);
        }
        CallTimeline t = found.get();
        CallRecord c = t.call().call();
        Access.requireCall(r.user(), c, t.department(), t.building());
        Map<String, Object> m = new LinkedHashMap<>(CallsHandler.view(t.call(), zone));
        List<Map<String, Object>> events = new ArrayList<>(t.events());
        // by time, not by text: "…:53Z" sorts after "…:53.100Z" as a string
        events.sort(Comparator.comparing(CallTimelineHandler::at));
        m.put("events", events);
        Map<String, Object> routing = new LinkedHashMap<>();
        routing.put("route", c.route());
        routing.put("routedTo", c.routedTo());
        m.put("routing", routing);
        List<String> transfers = new ArrayList<>();
        for (LegRecord l : c.legs()) {
            if (l.role() == LegRecord.Role.OTHER && l.endpoint() != null) {
                transfers.add(l.endpoint());
            }
        }
        m.put("transfers", transfers);
        List<Map<String, Object>> recordings = new ArrayList<>();
        for (Long recordingId : t.call().recordingIds()) {
            // indexed: the page plays it through /api/recordings/{id}/audio
            recordings.add(Map.of("id", recordingId, "file", c.recordingFile() == null ? "" : c.recordingFile(),
                    "source", "index"));
        }
        if (recordings.isEmpty() && c.recordingFile() != null) {
            // what the PBX said it records, not (yet) in the recording index
            recordings.add(Map.of("file", c.recordingFile(), "source", "pbx"));
        }
        m.put("recordings", recordings);
        m.put("ticketDepartment", t.department());
        m.put("ticketBuilding", t.building());
        return Response.jsonWithNulls(m);
    }
}
