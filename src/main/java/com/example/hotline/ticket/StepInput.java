package com.example.hotline.ticket;

import java.time.Instant;

/**
 * What a step of the life carries besides who and when: the new time and the owner's consent of a
 * reschedule, the note of a follow-up, the reason of a cancel or close. Immutable.
 */
public record StepInput(Instant to, String ownerConsent, String note, String reason) {

    public static final StepInput NONE = new StepInput(null, null, null, null);

    public StepInput {
        ownerConsent = Texts.optional(ownerConsent, "ownerConsent", Texts.MAX_TEXT);
        note = Texts.optional(note, "note", Texts.MAX_TEXT);
        reason = Texts.optional(reason, "reason", Texts.MAX_TEXT);
    }

    /** Checks that {@code action} got what it needs (IllegalArgumentException naming the field). */
    public void check(Lifecycle.Action action, Instant now) {
        switch (action) {
            case RESCHEDULE -> {
                if (to == null) {
                    throw new IllegalArgumentException("to: required, the new time (ISO date-time with offset)");
                }
                if (!to.isAfter(now)) {
                    throw new IllegalArgumentException("to: must be in the future");
                }
                if (ownerConsent == null) {
                    throw new IllegalArgumentException("ownerConsent: required, how the owner agreed to the new time");
                }
            }
            case CANCEL, CLOSE -> {
                if (reason == null) {
                    throw new IllegalArgumentException("reason: required");
                }
            }
            default -> { }
        }
    }
}
