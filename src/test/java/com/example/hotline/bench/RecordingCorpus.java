package com.example.hotline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A year of a busy hotline, generated from a seed: {@code n} hotline calls, each with its recording,
 * its routing decision and (mostly) a ticket, and the caller directory they come from. Distributions:
 * the days of the last year before {@code today} (weekdays busier than weekends, a summer peak),
 * hours of a Chinese property desk (peaks 9–11 and 14–17, quiet nights), office hours Monday–Friday
 * 08:30–17:30 (the rest after hours), callers from a directory of {@code directory} numbers (three in
 * four mobiles {@code 1[3-9]x…}, the rest Shenzhen or Beijing landlines, some written without their
 * area code) with a few households calling far more than others, 6 % unknown numbers and 1.5 %
 * withheld; eight front-desk agents answering most calls in office hours and 300 department extensions
 * (Zipf-like) the rest and after hours; 6 % unanswered (10 % after hours); ring times log-normal
 * (median 5.5 s, 9 s after hours), talk log-normal (median 95 s); grades mostly clear; recordings
 * older than three months purged; tickets numbered {@code YYMM-NNNN} per month, a call within 24 h of
 * the same caller's last ticket joining it, 3 % of calls without a ticket (fail-safe path).
 *
 * <p>{@link #load} writes it with {@code COPY} on one connection per table (tickets, then
 * {@code ticket_calls} for their foreign key), through the tables and indexes of the real migrations.
 */
final class RecordingCorpus {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int FRONT_DESK = 8;
    private static final int DEPARTMENT_EXTENSIONS = 300;
    private static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "135", "136", "137", "138", "139",
        "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "177", "180", "181", "182", "183",
        "185", "186", "187", "188", "189", "198", "199"};
    private static final double[] HOURS = {0.4, 0.25, 0.2, 0.2, 0.25, 0.4, 1, 2.5, 6, 9, 9, 8, 5, 5, 8, 8.5, 8, 6.5,
        3, 2.5, 2, 1.5, 1, 0.6};
    private static final String[] GRADES = {"clear", "fair", "unclear", "silent"};
    private static final String[] DEPARTMENTS = {"engineering", "security", "cleaning", "greening", "customer",
        "parking", "finance", "elevator"};
    private static final String[] KINDS = {"repair", "repair", "consultation", "complaint", "repair", "consultation",
        "callback", "repair"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
        "朱", "胡", "郭", "何", "林", "罗", "高"};
    private static final DateTimeFormatter UTC_FILE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZONE);
    private static final DateTimeFormatter YYMM = DateTimeFormatter.ofPattern("yyMM").withZone(ZONE);

    final int n;
    final LocalDate firstDay;
    final LocalDate lastDay;
    // the directory: caller ID as sent, normal form, household
    final String[] dirRaw;
    final String[] dirNorm;
    final String[] dirName;
    final String[] dirBuilding;
    final String[] dirRoom;
    // one entry per call/recording, in time order (index = id - 1)
    final long[] startMillis;
    final String[] caller;      // as the PBX sent it
    final int[] callerDir;      // directory index, -1 unknown, -2 withheld
    final String[] extension;   // who answered, null for unanswered
    final int[] ringMillis;
    final int[] durationMillis; // recording: from the call's start to its end
    final boolean[] afterHours;
    final byte[] grade;
    final int[] ticketOf;       // ticket index, -1 none
    final boolean[] repeat;
    // tickets
    final int tickets;
    final String[] ticketNo;
    final int[] ticketCall;     // the call that opened it
    final List<String> extensions = new ArrayList<>();

    RecordingCorpus(int n, int directory, LocalDate today, long seed) {
        this.n = n;
        Random rnd = new Random(seed);
        lastDay = today.minusDays(1);
        firstDay = today.minusDays(365);
        // the directory
        dirRaw = new String[directory];
        dirNorm = new String[directory];
        dirName = new String[directory];
        dirBuilding = new String[directory];
        dirRoom = new String[directory];
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < directory; k++) {
            String norm;
            String raw;
            do {
                if (rnd.nextInt(4) < 3) {
                    norm = MOBILE_PREFIXES[rnd.nextInt(MOBILE_PREFIXES.length)] + digits(rnd, 8);
                    raw = norm;
                } else {
                    boolean sz = rnd.nextInt(10) < 7;
                    String sub = (char) ('2' + rnd.nextInt(7)) + digits(rnd, 7);
                    norm = (sz ? "0755" : "010") + sub;
                    raw = rnd.nextInt(5) == 0 ? sub : norm;
                }
            } while (!seen.add(norm));
            dirNorm[k] = norm;
            dirRaw[k] = raw;
            dirName[k] = SURNAMES[rnd.nextInt(SURNAMES.length)] + (rnd.nextBoolean() ? "先生" : "女士");
            dirBuilding[k] = (1 + rnd.nextInt(40)) + "栋";
            dirRoom[k] = String.format(Locale.ROOT, "%d%02d", 1 + rnd.nextInt(32), 1 + rnd.nextInt(4));
        }
        for (int k = 1; k <= FRONT_DESK; k++) {
            extensions.add(Integer.toString(8000 + k));
        }
        for (int k = 1; k <= DEPARTMENT_EXTENSIONS; k++) {
            extensions.add(Integer.toString(8100 + k));
        }
        double[] deptWeights = new double[DEPARTMENT_EXTENSIONS];
        for (int k = 0; k < DEPARTMENT_EXTENSIONS; k++) {
            deptWeights[k] = 1 / Math.pow(k + 1, 0.9);
        }
        double[] deptCum = cumulative(deptWeights);
        double[] deskCum = cumulative(new double[] {1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.6});

        // start times: a day by weight, an hour by weight, a moment in the hour; then sorted
        int days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
        double[] dayWeights = new double[days];
        for (int d = 0; d < days; d++) {
            LocalDate day = firstDay.plusDays(d);
            double w = day.getDayOfWeek() == DayOfWeek.SATURDAY ? 0.7 : day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.6 : 1;
            dayWeights[d] = w * (1 + 0.2 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 200) / 365.0));
        }
        double[] dayCum = cumulative(dayWeights);
        double[] hourCum = cumulative(HOURS);
        startMillis = new long[n];
        for (int i = 0; i < n; i++) {
            LocalDate day = firstDay.plusDays(pick(dayCum, rnd));
            int hour = pick(hourCum, rnd);
            startMillis[i] = day.atTime(hour, 0).atZone(ZONE).toInstant().toEpochMilli() + rnd.nextInt(3_600_000);
        }
        Arrays.sort(startMillis);

        caller = new String[n];
        callerDir = new int[n];
        extension = new String[n];
        ringMillis = new int[n];
        durationMillis = new int[n];
        afterHours = new boolean[n];
        grade = new byte[n];
        ticketOf = new int[n];
        repeat = new boolean[n];
        int[] lastTicket = new int[directory];
        Arrays.fill(lastTicket, -1);
        Map<String, Integer> unknownLast = new HashMap<>();
        ticketNo = new String[n];
        ticketCall = new int[n];
        Map<String, Integer> serials = new HashMap<>();
        int t = 0;
        for (int i = 0; i < n; i++) {
            ZonedDateTime at = Instant.ofEpochMilli(startMillis[i]).atZone(ZONE);
            int minute = at.getHour() * 60 + at.getMinute();
            boolean weekend = at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
            afterHours[i] = weekend || minute < 8 * 60 + 30 || minute >= 17 * 60 + 30;
            int who = rnd.nextInt(1000);
            if (who < 15) {
                callerDir[i] = -2;
                caller[i] = "anonymous";
            } else if (who < 75) {
                callerDir[i] = -1;
                caller[i] = MOBILE_PREFIXES[rnd.nextInt(MOBILE_PREFIXES.length)] + digits(rnd, 8);
            } else {
                int k = (int) (directory * Math.pow(rnd.nextDouble(), 1.5));
                callerDir[i] = k;
                caller[i] = dirRaw[k];
            }
            boolean answered = rnd.nextInt(100) >= (afterHours[i] ? 10 : 6);
            if (answered) {
                if (!afterHours[i] && rnd.nextInt(100) < 85) {
                    extension[i] = extensions.get(pick(deskCum, rnd));
                } else if (afterHours[i] && rnd.nextInt(100) < 70) {
                    extension[i] = extensions.get(FRONT_DESK + rnd.nextInt(20)); // the on-call rota
                } else {
                    extension[i] = extensions.get(FRONT_DESK + pick(deptCum, rnd));
                }
                double median = afterHours[i] ? 9_000 : 5_500;
                ringMillis[i] = (int) Math.min(44_000, median * Math.exp(0.55 * rnd.nextGaussian()));
                long talk = (long) Math.max(4_000, Math.min(2_400_000, 95_000 * Math.exp(0.75 * rnd.nextGaussian())));
                durationMillis[i] = (int) (ringMillis[i] + talk);
                int g = rnd.nextInt(100);
                grade[i] = (byte) (g < 82 ? 0 : g < 93 ? 1 : g < 98 ? 2 : 3);
            } else {
                ringMillis[i] = 5_000 + rnd.nextInt(40_000);
                durationMillis[i] = ringMillis[i];
                grade[i] = (byte) (rnd.nextInt(100) < 85 ? 3 : 2);
            }
            // the ticket: none on the fail-safe path, the caller's open one within 24 h, else a new one
            ticketOf[i] = -1;
            if (rnd.nextInt(100) < 3) {
                continue;
            }
            int prev = callerDir[i] >= 0 ? lastTicket[callerDir[i]]
                    : callerDir[i] == -1 ? unknownLast.getOrDefault(caller[i], -1) : -1;
            if (prev >= 0 && startMillis[i] - startMillis[ticketCall[prev]] < 24 * 3_600_000L) {
                ticketOf[i] = prev;
                repeat[i] = true;
                continue;
            }
            String month = YYMM.format(at);
            int serial = serials.merge(month, 1, Integer::sum);
            ticketNo[t] = month + "-" + String.format(Locale.ROOT, "%04d", serial);
            ticketCall[t] = i;
            ticketOf[i] = t;
            if (callerDir[i] >= 0) {
                lastTicket[callerDir[i]] = t;
            } else if (callerDir[i] == -1) {
                unknownLast.put(caller[i], t);
            }
            t++;
        }
        tickets = t;
    }

    String grade(int i) {
        return GRADES[grade[i]];
    }

    String uniqueId(int i) {
        return (startMillis[i] / 1000) + "." + i;
    }

    LocalDate day(int i) {
        return Instant.ofEpochMilli(startMillis[i]).atZone(ZONE).toLocalDate();
    }

    /** Writes everything; returns rows written per table (in the order loaded). */
    Map<String, Long> load(ConnectionSource db) throws Exception {
        Map<String, Long> rows = new java.util.LinkedHashMap<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> sync = java.util.Collections.synchronizedMap(rows);
        Runnable[] jobs = {
            () -> timed(sync, "directory", db, this::copyDirectory),
            () -> timed(sync, "calls", db, this::copyCalls),
            () -> timed(sync, "call_routing", db, this::copyRouting),
            () -> {
                timed(sync, "tickets", db, this::copyTickets);
                timed(sync, "ticket_calls", db, this::copyTicketCalls);
            },
            () -> timed(sync, "recordings", db, this::copyRecordings),
        };
        for (Runnable job : jobs) {
            Thread th = new Thread(() -> {
                try {
                    job.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "copy");
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("load failed: " + failures.get(0), failures.get(0));
        }
        try (Connection c = db.get(); var s = c.createStatement()) {
            for (String table : List.of("calls", "tickets", "recordings")) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table
                        + "))");
            }
            s.execute("INSERT INTO ticket_serials (month, last) SELECT left(ticket_no, 4), "
                    + "max(substring(ticket_no from 6)::int) FROM tickets GROUP BY 1");
        }
        return rows;
    }

    interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private interface Copier {
        long copy(Copy out) throws Exception;
    }

    private void timed(Map<String, Long> rows, String table, ConnectionSource db, Copier copier) {
        try (Connection c = db.get()) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long count;
            try (Copy out = new Copy(c, table, columns(table))) {
                count = copier.copy(out);
            }
            c.commit();
            rows.put(table, count);
            System.out.println(String.format(Locale.ROOT, "  %-13s %,10d rows in %6.1f s", table, count,
                    (System.nanoTime() - t0) / 1e9));
        } catch (Exception e) {
            throw new IllegalStateException("COPY " + table + ": " + e.getMessage(), e);
        }
    }

    private static String columns(String table) {
        return switch (table) {
            case "directory" -> "phone, phone_raw, name, building, room";
            case "calls" -> "id, linked_id, unique_id, caller, caller_name, hotline, started_at, first_ring_at, "
                    + "answered_at, ended_at, answered, answered_by, ring_millis, rings, within_three_rings, "
                    + "hangup_cause, hangup_cause_text, route, routed_to, recording_file";
            case "call_routing" -> "linked_id, decided_at, after_hours, mode, hours, candidates, routed_to, reason";
            case "tickets" -> "id, ticket_no, created_at, source, phone, phone_norm, caller_id_status, name, building, "
                    + "room, matter, kind, severity, recorder, receiver, department, received_at, status, due_at, "
                    + "closed_at";
            case "ticket_calls" -> "linked_id, ticket_id, attached_at, how";
            case "recordings" -> "id, raw_file, linked_id, unique_id, caller, extension, started_at, ended_at, "
                    + "duration_millis, day, state, source, name, archive_path, format, size_bytes, sha256, "
                    + "archived_at, grade, one_sided, mean_db, max_db, speech_share, legal_hold, purged_at, raw_present";
            default -> throw new IllegalArgumentException(table);
        };
    }

    private long copyDirectory(Copy out) throws IOException {
        for (int k = 0; k < dirRaw.length; k++) {
            out.row(dirNorm[k], dirRaw[k], dirName[k], dirBuilding[k], dirRoom[k]);
        }
        return dirRaw.length;
    }

    private long copyCalls(Copy out) throws IOException {
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            long s = startMillis[i];
            long ring = s + 1_200 + rnd.nextInt(600);
            boolean answered = extension[i] != null;
            String name = callerDir[i] >= 0 ? dirName[callerDir[i]] : null;
            out.row(Long.toString(i + 1), uniqueId(i), uniqueId(i), caller[i], name, "t", ts(s), ts(ring),
                    answered ? ts(ring + ringMillis[i]) : null, ts(s + durationMillis[i]), answered ? "t" : "f",
                    extension[i], Integer.toString(ringMillis[i]), Integer.toString(ringMillis[i] / 5_000 + 1),
                    answered && ringMillis[i] < 15_000 ? "t" : "f", "16", "Normal Clearing",
                    afterHours[i] ? "after-hours" : "frontdesk",
                    afterHours[i] ? "{" + (extension[i] == null ? "8101" : extension[i]) + "}"
                            : "{8001,8002,8003,8004,8005,8006,8007,8008}", rawFile(i));
        }
        return n;
    }

    private long copyRouting(Copy out) throws IOException {
        for (int i = 0; i < n; i++) {
            out.row(uniqueId(i), ts(startMillis[i] + 300), afterHours[i] ? "t" : "f", "auto",
                    "Mon-Fri 08:30-17:30", "[]", afterHours[i] ? "{8101}" : "{8001,8002,8003,8004}",
                    afterHours[i] ? "after hours" : "office hours");
        }
        return n;
    }

    private long copyTickets(Copy out) throws IOException {
        Random rnd = new Random(2);
        long recent = lastDay.minusDays(14).atStartOfDay(ZONE).toInstant().toEpochMilli();
        for (int t = 0; t < tickets; t++) {
            int i = ticketCall[t];
            int k = callerDir[i];
            long s = startMillis[i];
            String status;
            if (s < recent) {
                int r = rnd.nextInt(100);
                status = r < 97 ? "closed" : r < 99 ? "cancelled" : "finished";
            } else {
                String[] open = {"registered", "dispatched", "arrived", "started", "finished", "confirmed", "closed"};
                status = open[rnd.nextInt(open.length)];
            }
            String kind = KINDS[rnd.nextInt(KINDS.length)];
            String severity = kind.equals("consultation") ? null : rnd.nextInt(10) == 0 ? "major"
                    : rnd.nextInt(3) == 0 ? "important" : "minor";
            out.row(Long.toString(t + 1), ticketNo[t], ts(s), "phone", k == -2 ? null : caller[i],
                    k == -2 ? null : k >= 0 ? dirNorm[k] : caller[i],
                    k == -2 ? "withheld" : k == -1 ? "unidentified" : "identified",
                    k >= 0 ? dirName[k] : null, k >= 0 ? dirBuilding[k] : null, k >= 0 ? dirRoom[k] : null,
                    kind.equals("repair") ? "报修" : kind.equals("complaint") ? "投诉" : "咨询", kind, severity,
                    extension[i], extension[i], DEPARTMENTS[rnd.nextInt(DEPARTMENTS.length)],
                    ts(s + ringMillis[i] + 2_000), status, ts(s + 2 * 86_400_000L),
                    status.equals("closed") || status.equals("cancelled") ? ts(s + 86_400_000L + rnd.nextInt(86_400_000))
                            : null);
        }
        return tickets;
    }

    private long copyTicketCalls(Copy out) throws IOException {
        long rows = 0;
        for (int i = 0; i < n; i++) {
            if (ticketOf[i] >= 0) {
                out.row(uniqueId(i), Long.toString(ticketOf[i] + 1L), ts(startMillis[i] + 100),
                        repeat[i] ? "repeat" : "created");
                rows++;
            }
        }
        return rows;
    }

    private long copyRecordings(Copy out) throws IOException {
        Random rnd = new Random(3);
        LocalDate purgedBefore = lastDay.plusDays(1).minusMonths(3);
        byte[] hash = new byte[32];
        for (int i = 0; i < n; i++) {
            long s = startMillis[i];
            LocalDate day = day(i);
            boolean purged = day.isBefore(purgedBefore) && rnd.nextInt(100) >= 2;
            boolean hold = !purged && day.isBefore(purgedBefore);
            String name = LOCAL_NAME.format(Instant.ofEpochMilli(s)) + "_" + (callerDir[i] == -2 ? "anonymous" : caller[i])
                    + "_" + (extension[i] == null ? "none" : extension[i]) + "_"
                    + (ticketOf[i] < 0 ? "noticket" : ticketNo[ticketOf[i]]) + "_" + uniqueId(i) + ".opus";
            String path = String.format(Locale.ROOT, "%04d/%02d/%02d/", day.getYear(), day.getMonthValue(),
                    day.getDayOfMonth()) + name;
            rnd.nextBytes(hash);
            long archivedAt = day.plusDays(1).atTime(0, 30).atZone(ZONE).toInstant().toEpochMilli() + i % 3_600_000;
            double speech = grade[i] == 3 ? 0.01 * rnd.nextDouble() : 0.15 + 0.6 * rnd.nextDouble();
            out.row(Long.toString(i + 1), rawFile(i), uniqueId(i), uniqueId(i), caller[i], extension[i], ts(s),
                    ts(s + durationMillis[i]), Integer.toString(durationMillis[i]), day.toString(),
                    purged ? "purged" : "archived", "call", name, path, "opus",
                    Long.toString(durationMillis[i] * 3L + 200), hex(hash), ts(archivedAt), grade(i),
                    rnd.nextInt(100) < 3 ? "t" : "f", fmt(grade[i] == 3 ? -91 : -40 + 15 * rnd.nextDouble()),
                    fmt(grade[i] == 3 ? -60 : -12 + 10 * rnd.nextDouble()), fmt(speech), hold ? "t" : "f",
                    purged ? ts(archivedAt + 92L * 86_400_000L) : null, "f");
        }
        return n;
    }

    private String rawFile(int i) {
        return "hotline/" + UTC_FILE.format(Instant.ofEpochMilli(startMillis[i])) + "-" + uniqueId(i) + ".wav";
    }

    private static String ts(long millis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC);
        return t.toLocalDate() + " " + t.toLocalTime() + "+00";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return s.toString();
    }

    private static String digits(Random rnd, int count) {
        char[] c = new char[count];
        for (int k = 0; k < count; k++) {
            c[k] = (char) ('0' + rnd.nextInt(10));
        }
        return new String(c);
    }

    private static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            sum += w[k];
            c[k] = sum;
        }
        for (int k = 0; k < w.length; k++) {
            c[k] /= sum;
        }
        return c;
    }

    private static int pick(double[] cumulative, Random rnd) {
        int k = Arrays.binarySearch(cumulative, rnd.nextDouble());
        return Math.min(cumulative.length - 1, k >= 0 ? k : -k - 1);
    }

    /** One {@code COPY … FROM STDIN} in PostgreSQL's text format, sent in 1 MiB chunks. */
    private static final class Copy implements AutoCloseable {
        private final CopyIn in;
        private final StringBuilder buf = new StringBuilder(1 << 21);

        Copy(Connection c, String table, String columns) throws SQLException {
            in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        }

        void row(String... values) throws IOException {
            for (int k = 0; k < values.length; k++) {
                if (k > 0) {
                    buf.append('\t');
                }
                // generated values hold no tab, newline or backslash
                buf.append(values[k] == null ? "\\N" : values[k]);
            }
            buf.append('\n');
            if (buf.length() > (1 << 20)) {
                flush();
            }
        }

        private void flush() throws IOException {
            byte[] b = buf.toString().getBytes(StandardCharsets.UTF_8);
            buf.setLength(0);
            try {
                in.writeToCopy(b, 0, b.length);
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            flush();
            try {
                in.endCopy();
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
