package com.example.hotline.ticket;

import java.util.List;
import java.util.Locale;

/**
 * What an agent fills on a ticket during the call: the matter, its kind, for a complaint whether it
 * is valid, and its severity. A null field is left unchanged. Validated on construction.
 */
public record TicketFields(String matter, String kind, Boolean complaintValid, String severity, String name,
        String building, String room) {

    public static final List<String> KINDS = List.of("complaint", "repair", "consultation", "callback");
    public static final List<String> SEVERITIES = List.of("major", "important", "minor");
    static final int MAX_MATTER = 4000;
    static final int MAX_FIELD = 200;

    public TicketFields {
        matter = clean(matter, "matter", MAX_MATTER);
        name = clean(name, "name", MAX_FIELD);
        building = clean(building, "building", MAX_FIELD);
        room = clean(room, "room", MAX_FIELD);
        kind = oneOf(kind, "kind", KINDS);
        severity = oneOf(severity, "severity", SEVERITIES);
        if (complaintValid != null && kind != null && !"complaint".equals(kind)) {
            throw new IllegalArgumentException("complaintValid: only a complaint is valid or not");
        }
    }

    private static String clean(String v, String field, int max) {
        if (v == null) {
            return null;
        }
        String s = v.strip();
        if (s.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return s;
    }

    private static String oneOf(String v, String field, List<String> allowed) {
        if (v == null) {
            return null;
        }
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(s)) {
            throw new IllegalArgumentException(field + ": '" + v + "' is not one of " + allowed);
        }
        return s;
    }
}
