package com.example.hotline.ticket;

import java.util.Locale;
import java.util.Set;

/** What the caller ID told about the caller, stored on the ticket so the ledger can flag it. */
public enum CallerIdStatus {
    /** The number is in the directory: name, building and room are filled from it. */
    IDENTIFIED,
    /** A number came but the directory does not know it (or it is not a phone number at all). */
    UNIDENTIFIED,
    /** The caller withheld the number (anonymous, private, restricted, or none at all). */
    WITHHELD,
    /** Not a phone ticket (walk-in, letter, web). */
    NONE;

    private static final Set<String> WITHHELD_IDS = Set.of("", "anonymous", "unknown", "withheld", "private",
            "restricted", "unavailable");

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallerIdStatus ofDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Whether a caller ID (CALLERID(num) as Asterisk gives it) means the number was withheld. */
    public static boolean withheld(String callerId) {
        return callerId == null || WITHHELD_IDS.contains(callerId.strip().toLowerCase(Locale.ROOT));
    }
}
