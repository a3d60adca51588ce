package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.recording.Grade;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingFilter;
import com.example.hotline.recording.RecordingIndex.NewRecording;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recording search of {@code GET /api/recordings} on PostgreSQL with the real migrations (V35's
 * caller numbers, indexes and two-step query): every filter and combination, pages, and the
 * call and ticket of each row, checked against the same filter applied in Java to what was
 * registered. Seeded, so a failure repeats.
 */
class RecordingSearchTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String[] CALLERS = {"13800138000", "13912345678", "075586001234", "86001234", "10%_00",
        "1_0", "anonymous", null};
    private static final String[] EXTENSIONS = {"8001", "8002", "8101", null};

    private static TestDatabase db;
    private static JdbcRecordingIndex index;
    private static final List<Row> rows = new ArrayList<>();

    /** What the test registered, to filter in Java. */
    private record Row(long id, String linkedId, String caller, String extension, Instant startedAt, Grade grade,
                       String ticketNo, boolean call) {}

    @BeforeAll
    static void fill() throws SQLException {
        db = TestDatabase.start();
        index = new JdbcRecordingIndex(db.dataSource());
        Random rnd = new Random(5);
        try (Connection c = db.dataSource().getConnection()) {
            for (int i = 0; i < 240; i++) {
                Instant at = T0.plusSeconds(600L * i + rnd.nextInt(300));
                String linked = "L" + i;
                String caller = CALLERS[rnd.nextInt(CALLERS.length)];
                String ext = EXTENSIONS[rnd.nextInt(EXTENSIONS.length)];
                String raw = "hotline/r" + i + ".wav";
                // some calls are registered before their caller is known, as the sweep does
                boolean late = i % 5 == 0 && caller != null;
                index.register(new NewRecording(raw, linked, "U" + i, late ? null : caller, ext, at, null,
                        LocalDate.ofInstant(at, ZoneOffset.UTC), "call"));
                if (late) {
                    index.register(new NewRecording(raw, linked, "U" + i, caller, ext, at, at.plusSeconds(60),
                            LocalDate.ofInstant(at, ZoneOffset.UTC), "call"));
                }
                Grade grade = i % 3 == 0 ? null : Grade.values()[rnd.nextInt(4)];
                long id = id(c, raw);
                if (grade != null) {
                    exec(c, "UPDATE recordings SET grade = ? WHERE id = ?", grade.db(), id);
                }
                String ticket = null;
                if (i % 4 != 3) {
                    ticket = "2611-" + String.format("%04d", i / 2 + 1);
                    exec(c, "INSERT INTO tickets (ticket_no, created_at, caller_id_status, status) VALUES (?, ?, "
                            + "'identified', ?) ON CONFLICT (ticket_no) DO NOTHING", ticket, java.sql.Timestamp.from(at),
                            i % 8 == 0 ? "registered" : "closed");
                    exec(c, "INSERT INTO ticket_calls (linked_id, ticket_id, attached_at, how) SELECT ?, id, now(), "
                            + "'created' FROM tickets WHERE ticket_no = ?", linked, ticket);
                }
                boolean call = i % 6 != 5;
                if (call) {
                    exec(c, "INSERT INTO calls (linked_id, hotline) VALUES (?, TRUE)", linked);
                }
                rows.add(new Row(id, linked, caller, ext, at, grade, ticket, call));
            }
            // the same moment twice: the order falls back on the id
            exec(c, "UPDATE recordings SET started_at = ? WHERE id IN (?, ?)", java.sql.Timestamp.from(T0.plusSeconds(5)),
                    rows.get(10).id, rows.get(11).id);
        }
        Row r10 = rows.get(10);
        Row r11 = rows.get(11);
        rows.set(10, new Row(r10.id, r10.linkedId, r10.caller, r10.extension, T0.plusSeconds(5), r10.grade,
                r10.ticketNo, r10.call));
        rows.set(11, new Row(r11.id, r11.linkedId, r11.caller, r11.extension, T0.plusSeconds(5), r11.grade,
                r11.ticketNo, r11.call));
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void everyFilterGivesWhatTheFilterSays() {
        Instant from = T0.plusSeconds(600L * 40);
        Instant to = T0.plusSeconds(600L * 170);
        List<String> parts = List.of("8001", "0013", "1234", "13800138000", "%", "_", "10%", "%_", "1_0", "anon", "9",
                "x");
        int checked = 0;
        for (String caller : concat(parts, null)) {
            for (String ext : new String[] {null, "8001", "8101"}) {
                for (Grade grade : new Grade[] {null, Grade.CLEAR, Grade.SILENT}) {
                    for (boolean range : new boolean[] {false, true}) {
                        check(new RecordingFilter(range ? from : null, range ? to : null, caller, ext, null, grade,
                                7, 0));
                        check(new RecordingFilter(range ? from : null, range ? to : null, caller, ext, null, grade,
                                7, 7));
                        checked += 2;
                    }
                }
            }
        }
        for (Row r : rows) {
            if (r.ticketNo != null && r.id % 3 == 0) {
                check(new RecordingFilter(null, null, null, null, r.ticketNo, null, 50, 0));
                check(new RecordingFilter(null, null, r.caller == null ? null : "1", null, r.ticketNo, null, 50, 0));
                checked += 2;
            }
        }
        for (int offset = 0; offset < 260; offset += 50) {
            check(new RecordingFilter(null, null, null, null, null, null, 50, offset));
            checked++;
        }
        assertTrue(checked > 400, "searches checked: " + checked);
    }

    @Test
    void rowsCarryTheirCallAndTicket() {
        List<Recording> all = index.search(new RecordingFilter(null, null, null, null, null, null, 1000, 0));
        assertEquals(rows.size(), all.size());
        for (Recording rec : all) {
            Row r = rows.stream().filter(x -> x.id == rec.id()).findFirst().orElseThrow();
            assertEquals(r.ticketNo, rec.ticketNo(), "ticket of " + r.linkedId);
            assertEquals(r.call, rec.callId() != null, "call of " + r.linkedId);
            assertEquals(r.caller, rec.caller(), "caller of " + r.linkedId);
        }
        assertFalse(index.search(new RecordingFilter(null, null, "13800138000", null, null, null, 1000, 0)).isEmpty());
        assertNull(index.find(Long.MAX_VALUE).orElse(null));
    }

    private static void check(RecordingFilter f) {
        Predicate<Row> p = r -> (f.from() == null || !r.startedAt.isBefore(f.from()))
                && (f.to() == null || r.startedAt.isBefore(f.to()))
                && (f.caller() == null || (r.caller != null && r.caller.contains(f.caller())))
                && (f.extension() == null || f.extension().equals(r.extension))
                && (f.ticketNo() == null || f.ticketNo().equals(r.ticketNo))
                && (f.grade() == null || f.grade() == r.grade);
        List<Long> expected = rows.stream().filter(p)
                .sorted(Comparator.comparing((Row r) -> r.startedAt).thenComparing(r -> r.id).reversed())
                .skip(f.offset()).limit(f.limit()).map(r -> r.id).toList();
        List<Long> got = index.search(f).stream().map(Recording::id).toList();
        assertEquals(expected, got, f.toString());
    }

    private static List<String> concat(List<String> l, String extra) {
        List<String> out = new ArrayList<>(l);
        out.add(extra);
        return out;
    }

    private static long id(Connection c, String raw) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM recordings WHERE raw_file = ?")) {
            ps.setString(1, raw);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
