package com.example.hotline.web;

import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.PhoneNumbers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/directory?phone=}: the directory entry of a phone written in any form, and its
 * household (every entry of the same building and room, itself included), as the agent screen shows a
 * caller: {@code {phone, entry{phone, phoneRaw, name, building, room, extra}, household[]}}. 404 when
 * the phone is not in the directory, 400 when it is missing or not a phone number. Thread-safe.
 */
public final class DirectoryLookupHandler implements Handler {

    private final Directory directory;
    private final PhoneNumbers numbers;

    public DirectoryLookupHandler(Directory directory, PhoneNumbers numbers) {
        this.directory = directory;
        this.numbers = numbers;
    }

    @Override
    public Response handle(Request request) {
        String raw = request.param("phone");
        if (raw == null || raw.isBlank()) {
            throw new BadRequestException("phone: required");
        }
        String phone = numbers.normalise(raw).orElseThrow(() -> new BadRequestException("phone: '"
                + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "' is not a phone number"));
        Optional<DirectoryEntry> entry = directory.lookup(phone);
        if (entry.isEmpty()) {
            return new Response(404, "application/json; charset=utf-8",
                    Json.bytes(Map.of("error", "phone " + phone + " is not in the directory", "phone", phone)));
        }
        DirectoryEntry e = entry.get();
        List<DirectoryEntry> household = directory.household(e.building(), e.room());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phone", phone);
        m.put("entry", view(e));
        m.put("household", household.isEmpty() ? List.of(view(e)) : household.stream().map(DirectoryLookupHandler::view)
                .toList());
        return Response.json(m);
    }

    static Map<String, Object> view(DirectoryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phone", e.phone());
        m.put("phoneRaw", e.phoneRaw());
        m.put("name", e.name());
        m.put("building", e.building());
        m.put("room", e.room());
        m.put("extra", e.extra());
        return m;
    }
}
