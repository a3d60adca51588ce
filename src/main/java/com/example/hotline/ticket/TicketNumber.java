package com.example.hotline.ticket;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The desk's ticket numbering, year (two digits), month and a serial restarting every month:
 * {@code 2611-0001}. The serial has at least four digits and grows beyond 9999 rather than wrap.
 * The month is the one of the desk's time zone at the moment of creation. Stateless.
 */
public final class TicketNumber {

    private TicketNumber() {}

    /** The serial's series for a moment: {@code 2611} for November 2026 in {@code zone}. */
    public static String month(Instant at, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        return String.format("%02d%02d", t.getYear() % 100, t.getMonthValue());
    }

    public static String format(String month, int serial) {
        if (serial < 1) {
            throw new IllegalArgumentException("serial " + serial + ": must be at least 1");
        }
        return month + "-" + String.format("%04d", serial);
    }
}
