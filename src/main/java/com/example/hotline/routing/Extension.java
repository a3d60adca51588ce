package com.example.hotline.routing;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One number the hotline may forward to, as the registry knows it: {@code records} is what an
 * administrator declared, {@code lastRecordingAt} when a recording of a call to it was last seen,
 * {@code demotedAt}/{@code demotedReason} when and why the server took {@code records} away because
 * its calls produced no recording or only silent ones (verify, don't trust); {@code registered} is
 * false for a number nobody entered in the registry. A {@code MOBILE} or {@code EXTERNAL} number never
 * records: the constructor refuses it. Immutable.
 */
public record Extension(String ext, String name, String department, Kind kind, boolean records,
                        Instant lastRecordingAt, Instant demotedAt, String demotedReason, boolean registered) {

    /** Digits only, 2 to 20 of them: an extension or a phone number as the PBX dials it. */
    public static final Pattern NUMBER = Pattern.compile("[0-9]{2,20}");

    /** What kind of phone the number reaches. Only desk and department phones are PBX extensions that can record. */
    public enum Kind {
        DESK, DEPARTMENT, MOBILE, EXTERNAL;

        public boolean canRecord() {
            return this == DESK || this == DEPARTMENT;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String s) {
            if (s != null) {
                for (Kind k : values()) {
                    if (k.name().equalsIgnoreCase(s.strip())) {
                        return k;
                    }
                }
            }
            throw new IllegalArgumentException("kind: must be \"desk\", \"department\", \"mobile\" or \"external\", not "
                    + s);
        }
    }

    public Extension {
        if (ext == null || !NUMBER.matcher(ext).matches()) {
            throw new IllegalArgumentException("ext: 2 to 20 digits, not " + ext);
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind: required");
        }
        if (records && !kind.canRecord()) {
            throw new IllegalArgumentException("records: a " + kind.wire() + " number can never be marked as "
                    + "recording; the hotline is never forwarded to " + kind.wire() + " phones (C5)");
        }
    }

    /** An entry of the registry. */
    public Extension(String ext, String name, String department, Kind kind, boolean records, Instant lastRecordingAt,
                     Instant demotedAt, String demotedReason) {
        this(ext, name, department, kind, records, lastRecordingAt, demotedAt, demotedReason, true);
    }

    /** A number nobody registered: never recording; an 11-digit number starting with 1 is taken for a mobile. */
    public static Extension unknown(String ext) {
        return new Extension(ext, null, null, guessKind(ext), false, null, null, null, false);
    }

    /** An 11-digit number starting with 1 is a Chinese mobile; anything else unknown is taken as outside. */
    static Kind guessKind(String ext) {
        if (ext.length() == 11 && ext.startsWith("1")) {
            return Kind.MOBILE;
        }
        return Kind.EXTERNAL;
    }

    /** Whether the hotline may ring or transfer to it: a desk or department phone that records. */
    public boolean mayReceiveHotline() {
        return records && kind.canRecord();
    }

    /** Why it may not receive the hotline, or null when it may. */
    public String refusal() {
        if (!kind.canRecord()) {
            return kind.wire() + " number" + (registered ? "" : " (not in the extension registry)")
                    + ": the hotline is never forwarded to " + kind.wire() + " phones";
        }
        if (!records) {
            return demotedReason != null ? "demoted: " + demotedReason : "does not record";
        }
        return null;
    }

    public Extension withRecording(Instant at) {
        return new Extension(ext, name, department, kind, records, at, demotedAt, demotedReason, registered);
    }

    public Extension demoted(Instant at, String reason) {
        return new Extension(ext, name, department, kind, false, lastRecordingAt, at, reason, registered);
    }
}
