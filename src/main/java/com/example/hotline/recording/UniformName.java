package com.example.hotline.recording;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The archive's one naming scheme (C6):
 * {@code YYYY/MM/DD/<yyyyMMdd-HHmmss>_<caller>_<extension>_<ticket>_<uniqueid>.<ext>}, date and time
 * of the recording's start in the desk's zone. Every field is made of {@code [A-Za-z0-9+.-]} only:
 * caller IDs are untrusted text, so anything else ({@code /}, quotes, spaces, non-ASCII) becomes
 * {@code -}, and a field that had to be changed gets {@code -} and eight hex digits of the SHA-256 of
 * its original text, so two callers that clean to the same text keep different names. The uniqueid
 * makes every name unique (Asterisk never reuses one). Stateless; thread-safe.
 */
public final class UniformName {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int MAX_FIELD = 32;

    private final ZoneId zone;

    public UniformName(ZoneId zone) {
        this.zone = zone;
    }

    /** The file name, without folder. */
    public String name(Instant startedAt, String caller, String extension, String ticketNo, String uniqueId,
                       String fileExtension) {
        return STAMP.format(startedAt.atZone(zone)) + "_" + field(caller, "unknown") + "_"
                + field(extension, "none") + "_" + field(ticketNo, "noticket") + "_" + field(uniqueId, "nouid")
                + "." + fileExtension;
    }

    /** The archive-relative path of a day's file: {@code YYYY/MM/DD/name}. */
    public static String path(LocalDate day, String name) {
        return String.format("%04d/%02d/%02d/%s", day.getYear(), day.getMonthValue(), day.getDayOfMonth(), name);
    }

    /** One field: kept as it is when already safe, else cleaned and tagged with a hash of the original. */
    static String field(String value, String empty) {
        if (value == null || value.isEmpty()) {
            return empty;
        }
        if (value.length() <= MAX_FIELD && value.matches("[A-Za-z0-9+][A-Za-z0-9+.-]*") && !value.contains("..")) {
            return value;
        }
        String ascii = Normalizer.normalize(value, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+';
            if (safe) {
                b.append(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
            if (b.length() >= MAX_FIELD) {
                break;
            }
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '-') {
            b.setLength(b.length() - 1);
        }
        return (b.length() == 0 ? "x" : b.toString()) + "-" + hash8(value);
    }

    private static String hash8(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
