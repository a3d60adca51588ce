package com.example.hotline.routing;

import java.util.Locale;

/**
 * The override of the office hours, like a PBX's time-condition override: {@code OPEN} forces office
 * hours, {@code CLOSED} forces after hours, {@code AUTO} follows the schedule.
 */
public enum HoursMode {
    OPEN, CLOSED, AUTO;

    /** {@code open}, {@code closed} or {@code auto}, any case; anything else is an IllegalArgumentException. */
    public static HoursMode parse(String s) {
        if (s != null) {
            for (HoursMode m : values()) {
                if (m.name().equalsIgnoreCase(s.strip())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("mode: must be \"open\", \"closed\" or \"auto\", not " + s);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
