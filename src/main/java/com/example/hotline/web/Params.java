package com.example.hotline.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** Parsing of query parameters; a bad value is a {@link BadRequestException} naming the parameter. */
final class Params {

    private Params() {}

    /**
     * A date ({@code 2026-11-23}: the start of that day, or for an end bound the start of the next day,
     * so {@code from=to=D} means all of day D) or an ISO date-time with offset; null when absent.
     */
    static Instant instant(Request r, String name, ZoneId zone, boolean endBound) {
        String v = r.param(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (endBound ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            throw new BadRequestException(name + ": '" + v + "' is not a date (YYYY-MM-DD) or an ISO date-time "
                    + "with offset");
        }
    }

    /** A calendar date {@code YYYY-MM-DD} of parameter {@code name}; required. */
    static LocalDate date(Request r, String name) {
        return date(name, r.param(name));
    }

    /** A calendar date {@code YYYY-MM-DD} from a query or path parameter's value; required. */
    static LocalDate date(String name, String v) {
        if (v == null || v.isBlank()) {
            throw new BadRequestException(name + ": required, a date YYYY-MM-DD");
        }
        try {
            if (v.length() != 10) {
                throw new DateTimeException("not YYYY-MM-DD");
            }
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            throw new BadRequestException(name + ": '" + v + "' is not a date YYYY-MM-DD");
        }
    }

    /** One of {@code allowed} (lower case), or {@code dflt} when absent. */
    static String oneOf(Request r, String name, String dflt, List<String> allowed) {
        String v = r.param(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        if (!allowed.contains(v)) {
            throw new BadRequestException(name + ": '" + v + "' is not one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** Checks that a range's start is before its end when both are given. */
    static void range(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequestException("to: must be after from");
        }
    }

    static int integer(Request r, String name, int dflt, int min, int max) {
        String v = r.param(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new BadRequestException(name + ": must be between " + min + " and " + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + ": '" + v + "' is not a whole number");
        }
    }

    static boolean bool(Request r, String name, boolean dflt) {
        String v = r.param(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new BadRequestException(name + ": must be true or false");
    }
}
