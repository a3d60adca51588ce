package com.example.hotline.routing;

import java.time.Instant;

/**
 * Whether the hotline is in office hours at one instant: {@code open} is what routing follows,
 * {@code scheduledOpen} what the schedule alone says, {@code mode} the override in force
 * ({@code overridden} when it is not {@code AUTO}). Immutable.
 */
public record HoursState(Instant at, boolean open, boolean scheduledOpen, HoursMode mode, String reason) {

    public boolean overridden() {
        return mode != HoursMode.AUTO;
    }

    /** The state of {@code hours} under {@code mode} at {@code at}. */
    public static HoursState of(OfficeHours hours, HoursMode mode, Instant at) {
        boolean scheduled = hours.openAt(at);
        String why = hours.explain(at);
        return switch (mode) {
            case OPEN -> new HoursState(at, true, scheduled, mode, "forced open (override); schedule: " + why);
            case CLOSED -> new HoursState(at, false, scheduled, mode, "forced closed (override); schedule: " + why);
            case AUTO -> new HoursState(at, scheduled, scheduled, mode, why);
        };
    }
}
