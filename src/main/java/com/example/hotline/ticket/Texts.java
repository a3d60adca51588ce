package com.example.hotline.ticket;

import java.util.List;
import java.util.Locale;

/** Validation of free text and names in requests; failures are IllegalArgumentException naming the field. */
final class Texts {

    static final int MAX_TEXT = 4000;
    static final int MAX_NAME = 200;

    private Texts() {}

    /** Stripped text, null when absent or blank; too long is an error. */
    static String optional(String v, String field, int max) {
        if (v == null) {
            return null;
        }
        String s = v.strip();
        if (s.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    static String required(String v, String field, int max) {
        String s = optional(v, field, max);
        if (s == null) {
            throw new IllegalArgumentException(field + ": required");
        }
        return s;
    }

    /** A lower-case word: a department code or a skill. */
    static String code(String v, String field) {
        if (v == null) {
            return null;
        }
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (!s.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            throw new IllegalArgumentException(field + ": '" + v + "' is not a code (letters, digits, - and _, at most 40)");
        }
        return s;
    }

    static List<String> codes(List<String> v, String field) {
        if (v == null) {
            return null;
        }
        return v.stream().map(s -> code(s, field)).distinct().sorted().toList();
    }
}
