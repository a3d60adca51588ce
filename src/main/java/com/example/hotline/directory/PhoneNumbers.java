package com.example.hotline.directory;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Brings a phone number to the one form the directory and the tickets are keyed by, so that
 * {@code +86 138-0013-8000}, {@code 0086 13800138000} and {@code 13800138000} are the same phone,
 * and so are {@code +86 10 6552 9988}, {@code (010) 6552-9988} and, with a local area code configured,
 * {@code 6552 9988}. The normal forms are:
 * <ul>
 *   <li>a mobile: its 11 digits ({@code 1[3-9]…}), also when written {@code +86}/{@code 0086}/{@code 86}
 *       first or with the leading {@code 0} some carriers put before a mobile from another area;</li>
 *   <li>a landline: trunk {@code 0}, area code, subscriber number ({@code 01065529988}), 10 to 12 digits,
 *       also when written {@code +86}/{@code 0086} first without the {@code 0}, or without the {@code 0}
 *       for the 2-digit area codes ({@code 10}, {@code 2x}: {@code 10 6552 9988});</li>
 *   <li>a local landline (7 or 8 digits, not starting with 0 or 1) gets the configured local area code;
 *       without one it stays as its digits;</li>
 *   <li>another country: {@code +} and its digits ({@code 001 212…} and {@code +1 212…} are the same);</li>
 *   <li>anything else made of 3 to 20 digits (service numbers, extensions) is kept as its digits.</li>
 * </ul>
 * Separators (spaces, dashes, dots, parentheses, slashes, and their full-width forms) are dropped and
 * full-width digits are read as digits. A number with anything else in it (letters, quotes, markup),
 * fewer than 3 digits, or implausibly long does not normalise. Immutable and thread-safe.
 */
public final class PhoneNumbers {

    /** Longest input looked at; anything longer is not a phone number (and is not copied). */
    static final int MAX_INPUT = 64;
    private static final int MIN_DIGITS = 3;
    private static final int MAX_DIGITS = 20;
    /** Area codes with their 0: 010, 02x, 0[3-9]xx. */
    private static final Pattern AREA_CODE = Pattern.compile("010|02[0-9]|0[3-9][0-9]{2}");
    /** A landline in normal form: trunk 0, area code, 7-8 digit subscriber number not starting with 0/1. */
    private static final Pattern LANDLINE = Pattern.compile("(010|02[0-9])[2-9][0-9]{7}|0[3-9][0-9]{2}[2-9][0-9]{6,7}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    /** National 400/800 service numbers (10 digits). */
    private static final Pattern SERVICE = Pattern.compile("[48]00[0-9]{7}");

    private final String localAreaCode;

    /**
     * {@code localAreaCode}: the desk's own area code with its 0 ({@code 010}, {@code 0755}), or empty
     * (or null) for none.
     *
     * @throws IllegalArgumentException when it is not an area code
     */
    public PhoneNumbers(String localAreaCode) {
        String code = localAreaCode == null ? "" : localAreaCode.strip();
        if (!code.isEmpty() && !AREA_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("'" + localAreaCode + "' is not an area code: expected 0 and 2-3 "
                    + "digits, like 010, 021 or 0755");
        }
        this.localAreaCode = code;
    }

    /** The local area code, or empty. */
    public String localAreaCode() {
        return localAreaCode;
    }

    /** The number in normal form, or empty when it is blank or not a phone number. */
    public Optional<String> normalise(String raw) {
        if (raw == null || raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(raw.length());
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= '\uFF10' && c <= '\uFF19') { // full-width digits
                digits.append((char) (c - '\uFF10' + '0'));
            } else if (c == '+' || c == '\uFF0B') {
                if (plus || digits.length() > 0) {
                    return Optional.empty(); // a second plus, or one after digits
                }
                plus = true;
            } else if (!separator(c)) {
                return Optional.empty();
            }
        }
        String d = digits.toString();
        if (d.length() < MIN_DIGITS || d.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        if (plus) {
            return international(d);
        }
        if (d.startsWith("00")) {
            return international(d.substring(2));
        }
        return domestic(d);
    }

    /** Digits after {@code +} or {@code 00}: a country code first. */
    private Optional<String> international(String d) {
        if (d.startsWith("86")) {
            return chinaNational(d.substring(2));
        }
        // E.164: at most 15 digits, country codes never start with 0
        if (d.isEmpty() || d.charAt(0) == '0' || d.length() < 7 || d.length() > 15) {
            return Optional.empty();
        }
        return Optional.of("+" + d);
    }

    /** The national number after +86: a mobile, a 400/800 number, or a landline without its trunk 0. */
    private static Optional<String> chinaNational(String n) {
        if (n.startsWith("0")) {
            n = n.substring(1); // +86 (0)10 …: the trunk 0 written anyway
        }
        if (MOBILE.matcher(n).matches() || SERVICE.matcher(n).matches()) {
            return Optional.of(n);
        }
        String landline = "0" + n;
        return LANDLINE.matcher(landline).matches() ? Optional.of(landline) : Optional.empty();
    }

    private Optional<String> domestic(String d) {
        if (MOBILE.matcher(d).matches()) {
            return Optional.of(d);
        }
        if (d.length() == 13 && d.startsWith("86") && MOBILE.matcher(d.substring(2)).matches()) {
            return Optional.of(d.substring(2)); // 86 without + or 00, as some trunks send it
        }
        if (d.length() == 12 && d.charAt(0) == '0' && MOBILE.matcher(d.substring(1)).matches()) {
            return Optional.of(d.substring(1)); // 0 before a mobile from another area
        }
        if (d.length() == 10 && (d.startsWith("10") || d.startsWith("2"))
                && LANDLINE.matcher("0" + d).matches()) {
            return Optional.of("0" + d); // 10 6552 9988, 21 6234 5678: the trunk 0 left out
        }
        if ((d.length() == 7 || d.length() == 8) && d.charAt(0) != '0' && d.charAt(0) != '1'
                && !localAreaCode.isEmpty()) {
            return Optional.of(localAreaCode + d);
        }
        return Optional.of(d);
    }

    private static boolean separator(char c) {
        switch (c) {
            case ' ', '\t', '\u00A0', '\u3000', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\uFF0D',
                    '.', '(', ')', '\uFF08', '\uFF09', '/':
                return true;
            default:
                return false;
        }
    }
}
