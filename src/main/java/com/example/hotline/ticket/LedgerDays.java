package com.example.hotline.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The ledger's days: a day is a calendar date of the desk's time zone, from its first moment to the
 * first moment of the next date (23 or 25 hours across a daylight-saving change), and a ticket belongs
 * to the day of its creation time. Stateless.
 */
public final class LedgerDays {

    /** The longest range an export covers: a year, leap day included. */
    public static final int MAX_DAYS = 366;

    private LedgerDays() {}

    /** The first moment of {@code day} in {@code zone}. */
    public static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first moment after {@code day} in {@code zone} (exclusive end). */
    public static Instant end(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The date of a moment in the desk's zone. */
    public static LocalDate dayOf(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    public static LocalDate today(Clock clock, ZoneId zone) {
        return dayOf(clock.instant(), zone);
    }

    /** How many days {@code from..to} covers, both included. */
    public static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * Checks an inclusive range of days: {@code to} not before {@code from}, at most {@link #MAX_DAYS}
     * days. Throws IllegalArgumentException saying what is wrong.
     */
    public static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: " + to + " is before from " + from);
        }
        long n = days(from, to);
        if (n > MAX_DAYS) {
            throw new IllegalArgumentException("to: the range covers " + n + " days, at most " + MAX_DAYS
                    + " may be exported at once");
        }
    }
}
