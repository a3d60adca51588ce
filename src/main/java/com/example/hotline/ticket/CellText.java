package com.example.hotline.ticket;

/**
 * Making untrusted text (caller IDs, names, matters typed from a call) safe for a spreadsheet cell.
 * Stateless.
 *
 * <p>Formula injection: a spreadsheet opening a CSV file runs a cell that starts with {@code =},
 * {@code +}, {@code -} or {@code @} as a formula (and some also after a leading tab or carriage
 * return), so a caller ID such as {@code =HYPERLINK(...)} or {@code -2+3+cmd|...} would be executed
 * on the reviewer's computer. {@link #neutralise} puts an apostrophe before such a cell, the usual
 * mark for "text, not a formula": the cell shows {@code '=HYPERLINK(...)} and runs nothing. This also
 * touches harmless values that start with these characters, phone numbers such as {@code +86 138...}
 * included; the apostrophe is the price of never guessing. In XLSX every text value is written as a
 * string cell, which no spreadsheet evaluates, so the XLSX export keeps the text exactly as it is.
 */
public final class CellText {

    private CellText() {}

    /** The text of a CSV cell: null as empty, an apostrophe before a leading formula character. */
    public static String neutralise(String s) {
        String v = clean(s);
        if (v.isEmpty()) {
            return v;
        }
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + v : v;
    }

    /**
     * Null as empty, and every character XML 1.0 cannot hold (control characters other than tab, line
     * feed and carriage return; unpaired surrogates; U+FFFE and U+FFFF) replaced by U+FFFD, so a
     * caller ID with a stray control byte cannot break the XLSX file or a CSV reader.
     */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (b != null) {
                        b.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                b.append(ok ? c : '\uFFFD');
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * A CSV field per RFC 4180: quoted, with quotes doubled, when it holds a comma, a quote, a carriage
     * return or a line feed; as it is otherwise.
     */
    public static String csvField(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
