package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.config.ConfigException;
import com.example.hotline.config.ConfigLoader;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RetentionJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention with an injected clock against a real PostgreSQL: three calendar months minus a day
 * deletes nothing; plus a day deletes the day's files, marks the rows purged and audits each
 * deletion; legal hold and an open ticket keep a recording; a dry run deletes nothing; an as-of date
 * after today and a two-month configuration are refused.
 */
class RetentionJobTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY = LocalDate.parse("2026-01-15");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T04:00:00Z"), ZoneOffset.UTC);

    private static TestDatabase db;
    private static JdbcRecordingIndex index;
    private static JdbcJobStore jobs;

    @TempDir
    Path archive;

    @BeforeAll
    static void start() {
        db = TestDatabase.start();
        index = new JdbcRecordingIndex(db.dataSource());
        jobs = new JdbcJobStore(db.dataSource());
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        db.clear();
        sql("INSERT INTO tickets (ticket_no, created_at, caller_id_status, status) VALUES "
                + "('2601-0001', '2026-01-15T02:00:00Z', 'identified', 'dispatched'), "
                + "('2601-0002', '2026-01-15T02:00:00Z', 'identified', 'closed')");
        sql("INSERT INTO ticket_calls (linked_id, ticket_id, attached_at, how) VALUES "
                + "('L-open', 1, now(), 'created'), ('L-closed', 2, now(), 'created')");
        archived(1, "L-plain", false);
        archived(2, "L-hold", true);
        archived(3, "L-open", false);
        archived(4, "L-closed", false);
    }

    private void archived(int n, String linkedId, boolean hold) throws Exception {
        String path = "2026/01/15/r" + n + ".opus";
        Files.createDirectories(archive.resolve(path).getParent());
        Files.writeString(archive.resolve(path), "audio " + n);
        sql("INSERT INTO recordings (raw_file, linked_id, unique_id, started_at, day, state, name, archive_path, "
                + "format, sha256, legal_hold, raw_present) VALUES ('hotline/r" + n + ".wav', '" + linkedId + "', 'u" + n
                + "', '2026-01-15T02:00:00Z', '" + DAY + "', 'archived', 'r" + n + ".opus', '" + path
                + "', 'opus', 'sha" + n + "', " + hold + ", false)");
    }

    private static void sql(String s) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(s);
        }
    }

    private static int count(String s) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(s)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private RetentionJob job(int months) {
        return new RetentionJob(index, jobs, archive, months, ZONE, CLOCK, "test");
    }

    private boolean exists(int n) {
        return Files.exists(archive.resolve("2026/01/15/r" + n + ".opus"));
    }

    @Test
    void threeMonthsMinusOneDayDeletesNothing() throws Exception {
        RetentionJob.Result r = job(3).run(DAY.plusMonths(3).minusDays(1), false, "test");
        assertEquals(List.of(), r.deleted(), "younger than three months: kept");
        for (int n = 1; n <= 4; n++) {
            assertTrue(exists(n), "file " + n + " kept");
        }
        assertEquals(0, count("SELECT count(*) FROM retention_audit"));
        assertEquals(0, job(3).run(DAY.plusMonths(3), false, "test").deleted().size(), "exactly three months: kept");
    }

    @Test
    void threeMonthsPlusOneDayDeletesAuditsAndKeepsHeldAndOpenTicketRecordings() throws Exception {
        RetentionJob.Result dry = job(3).run(DAY.plusMonths(3).plusDays(1), true, "test");
        assertEquals(2, dry.deleted().size(), "dry run lists the plain and the closed-ticket recording: " + dry);
        assertTrue(exists(1) && exists(4), "dry run deletes nothing");
        assertEquals(0, count("SELECT count(*) FROM retention_audit"), "dry run audits nothing");

        RetentionJob.Result r = job(3).run(DAY.plusMonths(3).plusDays(1), false, "test");
        assertEquals(2, r.deleted().size(), "deleted: " + r);
        assertFalse(exists(1), "plain recording's file deleted");
        assertFalse(exists(4), "closed ticket's recording deleted");
        assertTrue(exists(2), "legal hold kept");
        assertTrue(exists(3), "open ticket kept");
        assertEquals(Map.of(2L, "legal hold", 3L, "ticket 2601-0001 still open"),
                Map.of(r.kept().get(0).recordingId(), r.kept().get(0).kept(), r.kept().get(1).recordingId(),
                        r.kept().get(1).kept()), "kept and why");
        Recording purged = index.find(1).orElseThrow();
        assertEquals(Recording.State.PURGED, purged.state(), "row kept, marked purged");
        assertEquals(CLOCK.instant(), purged.purgedAt(), "with the purge time");
        assertEquals("sha1", purged.sha256(), "metadata kept");
        assertEquals(2, count("SELECT count(*) FROM retention_audit WHERE as_of = '2026-04-16' AND day = '2026-01-15' "
                + "AND archive_path LIKE '2026/01/15/r%' AND reason LIKE '%more than 3 months%'"), "one audit row each");
        assertEquals(0, job(3).run(DAY.plusMonths(3).plusDays(1), false, "test").deleted().size(), "idempotent");
    }

    @Test
    void aLongerPeriodKeepsLonger() {
        assertEquals(0, job(6).run(DAY.plusMonths(3).plusDays(1), false, "test").deleted().size());
    }

    @Test
    void refusesAnAsOfAfterTodayAndLessThanThreeMonths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> job(3).run(LocalDate.parse("2026-09-01"), false, "test"));
        assertTrue(e.getMessage().contains("after today"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> job(2));
        ConfigException c = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("HOTLINE_RETENTION_MONTHS", "2")));
        assertTrue(c.getMessage().contains("retention.months"), "names the key: " + c.getMessage());
        assertTrue(c.getMessage().contains("at least 3"), c.getMessage());
    }
}
