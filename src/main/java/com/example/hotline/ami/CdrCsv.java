package com.example.hotline.ami;

import com.example.hotline.call.PbxEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one line of Asterisk's cdr_csv file as {@code deploy/asterisk/cdr.conf} writes it (UTC times,
 * {@code loguniqueid}, {@code loguserfield}, {@code newcdrcolumns}): accountcode, src, dst, dcontext,
 * clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition,
 * amaflags, uniqueid, userfield, peeraccount, linkedid, sequence. Only records of a hotline call's
 * caller channel become events: its last context is one of the hotline's ({@code hotline},
 * {@code hotline-fallback}, {@code hotline-transfer…}), not a Local channel (escalation). Pure.
 */
final class CdrCsv {

    static final int FIELDS = 21;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern PHONE = Pattern.compile("^[A-Za-z0-9]+/([^-/@]+)-[^/]*$");

    private CdrCsv() {
    }

    /** The fields of one line: quoted ("" inside quotes is a quote) or bare, separated by commas. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (c != '\r') {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The event for a hotline caller's record; empty for any other record or a line that is not one. */
    static Optional<PbxEvent.CdrReported> event(String line) {
        List<String> f = fields(line);
        if (f.size() != FIELDS) {
            return Optional.empty();
        }
        String context = f.get(3);
        String channel = f.get(5);
        if (!context.equals("hotline") && !context.startsWith("hotline-") || context.equals("hotline-followup")
                || context.equals("hotline-escalate") || channel.startsWith("Local/")) {
            return Optional.empty();
        }
        Instant start = time(f.get(9));
        Instant end = time(f.get(11));
        String uniqueId = f.get(16);
        String linkedId = f.get(19).isEmpty() ? uniqueId : f.get(19);
        if (start == null || end == null || uniqueId.isEmpty()) {
            return Optional.empty();
        }
        String disposition = f.get(14);
        String answeredBy = "";
        Matcher m = PHONE.matcher(f.get(6));
        if ("ANSWERED".equals(disposition) && "Dial".equals(f.get(7)) && m.matches()) {
            answeredBy = m.group(1);
        }
        return Optional.of(new PbxEvent.CdrReported(end, linkedId, uniqueId, f.get(1), start,
                answeredBy.isEmpty() ? null : time(f.get(10)), disposition, answeredBy));
    }

    private static Instant time(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(s.trim(), TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
