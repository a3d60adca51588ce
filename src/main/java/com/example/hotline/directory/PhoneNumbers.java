package com.example.hotline.directory;

import java.util.Optional;

/**
 * Brings a phone number to the one form the directory and the tickets are keyed by, so that
 * {@code +86 138-0013-8000}, {@code 0086 13800138000} and {@code 13800138000} are the same phone,
 * and so are {@code +86 10 6552 9988}, {@code (010) 65529988} and, with a local area code configured,
 * {@code 65529988}:
 * <ul>
 *   <li>separators (space, dash, dot, parentheses, slash) are dropped;</li>
 *   <li>the country prefix {@code +86} / {@code 0086} is dropped; what follows is a mobile
 *       (11 digits, {@code 1[3-9]…}) or a landline, which gets back its trunk {@code 0};</li>
 *   <li>a local landline (7 or 8 digits, not starting with 0 or 1) gets the local area code;</li>
 *   <li>anything else made of digits (service numbers, extensions) is kept as its digits.</li>
 * </ul>
 * A number with anything else in it (letters, quotes, markup) does not normalise: it is stored as it
 * came but never matches the directory. Immutable and thread-safe.
 */
public final class PhoneNumbers {

    private static final int MAX_DIGITS = 20;

    private final String localAreaCode;

    /** {@code localAreaCode}: the desk's own area code with its 0 ({@code 010}), or empty for none. */
    public PhoneNumbers(String localAreaCode) {
        String code = localAreaCode == null ? "" : localAreaCode.strip();
        if (!code.isEmpty() && !code.matches("0[1-9][0-9]{1,2}")) {
            throw new IllegalArgumentException("area code '" + localAreaCode + "': expected 0 and 2-3 digits, like 010");
        }
        this.localAreaCode = code;
    }

    /** The number in normal form, or empty when it is blank or not a phone number. */
    public Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder();
        String s = raw.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && digits.length() == 0 && i == 0) {
                digits.append('+');
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/' && c != '\t') {
                return Optional.empty();
            }
        }
        String d = digits.toString();
        boolean international = false;
        if (d.startsWith("+")) {
            if (!d.startsWith("+86")) {
                return d.length() > 4 && d.length() <= MAX_DIGITS + 1 ? Optional.of(d) : Optional.empty();
            }
            d = d.substring(3);
            international = true;
        } else if (d.startsWith("0086")) {
            d = d.substring(4);
            international = true;
        }
        if (d.isEmpty() || d.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        if (isMobile(d)) {
            return Optional.of(d);
        }
        if (international) {
            return Optional.of(d.startsWith("0") ? d : "0" + d);
        }
        if ((d.length() == 7 || d.length() == 8) && d.charAt(0) != '0' && d.charAt(0) != '1'
                && !localAreaCode.isEmpty()) {
            return Optional.of(localAreaCode + d);
        }
        return Optional.of(d);
    }

    private static boolean isMobile(String d) {
        return d.length() == 11 && d.charAt(0) == '1' && d.charAt(1) >= '3' && d.charAt(1) <= '9';
    }
}
