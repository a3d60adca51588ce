package com.example.hotline.recording;

import java.util.Locale;

/** How a recording sounds, C13's 清晰/一般/不清晰 plus silent (nobody speaks). */
public enum Grade {
    CLEAR, FAIR, UNCLEAR, SILENT;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The grade of its lower-case name, or null for null. */
    public static Grade of(String db) {
        return db == null ? null : valueOf(db.toUpperCase(Locale.ROOT));
    }
}
