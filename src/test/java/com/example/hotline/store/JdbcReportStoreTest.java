package com.example.hotline.store;

import static com.example.hotline.store.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.example.hotline.report.AnswerTimeFigures;
import com.example.hotline.report.AnswerTimeQuery;
import com.example.hotline.report.AnswerTimeReport;
import com.example.hotline.report.GroupBy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The answer-time report against a real PostgreSQL with the real migrations. The calls are chosen so
 * that grouping in UTC and in Asia/Shanghai (+08:00) differ, and every figure is checked exactly.
 */
class JdbcReportStoreTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static TestDatabase db;
    private static JdbcReportStore reports;

    @BeforeAll
    static void storeCalls() {
        db = TestDatabase.start();
        reports = new JdbcReportStore(db.dataSource());
        JdbcCallStore calls = new JdbcCallStore(db.dataSource());
        for (var c : List.of(
                // 2026-11-23 00:30 in Shanghai, still 2026-11-22 in UTC
                call("a1", "2026-11-22T16:30:00Z").rangUnanswered("8002").answeredBy("8001", 4_000),
                call("a2", "2026-11-23T01:10:00Z").answeredBy("8001", 9_000).otherLegRang(),
                call("a3", "2026-11-23T01:50:00Z").rangUnanswered("8001").answeredBy("8002", 16_000),
                call("m1", "2026-11-23T02:05:00Z").rangUnanswered("8001").rangUnanswered("8002")
                        .rangUnanswered("8004"),
                call("a4", "2026-11-23T02:20:00Z").answeredUnseenBy("8003"),
                call("o1", "2026-11-23T02:30:00Z").open(),
                // 2026-11-24 01:00 in Shanghai, still 2026-11-23 in UTC
                call("n1", "2026-11-23T17:00:00Z").answeredBy("8002", 2_000),
                // not hotline calls: never counted
                call("i1", "2026-11-23T03:00:00Z").internal().rangUnanswered("8004").answeredBy("8001", 30_000),
                // after the range of the zoned queries
                call("x1", "2026-11-26T02:00:00Z").answeredBy("8001", 1_000))) {
            calls.save(c.build(), List.of());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    private static AnswerTimeReport report(GroupBy g, ZoneId zone) {
        Instant from = LocalDate.parse("2026-11-23").atStartOfDay(zone).toInstant();
        Instant to = LocalDate.parse("2026-11-25").atStartOfDay(zone).toInstant();
        return reports.answerTimes(new AnswerTimeQuery(from, to, g, zone));
    }

    private static void check(AnswerTimeFigures f, String key, long calls, long answered, long within,
                              Double share, Double median, Double p90, long missed, long ringNoAnswer) {
        String w = "group " + key + ": ";
        assertEquals(key, f.key(), w + "key");
        assertEquals(calls, f.calls(), w + "calls");
        assertEquals(answered, f.answered(), w + "answered");
        assertEquals(within, f.withinThreeRings(), w + "withinThreeRings");
        if (share == null) {
            assertNull(f.withinThreeRingsShare(), w + "no calls, no share");
        } else {
            assertEquals(share, f.withinThreeRingsShare(), 1e-9, w + "withinThreeRingsShare");
        }
        assertEquals(median, f.medianRingSeconds(), w + "medianRingSeconds");
        assertEquals(p90, f.p90RingSeconds(), w + "p90RingSeconds");
        assertEquals(missed, f.missed(), w + "missed");
        assertEquals(ringNoAnswer, f.ringNoAnswer(), w + "ringNoAnswer");
    }

    @Test
    void byDayInTheDesksZone() {
        AnswerTimeReport r = report(GroupBy.DAY, SHANGHAI);
        assertEquals(2, r.groups().size(), "two Shanghai days have hotline calls: " + r.groups());
        // ring times 4, 9, 16 s: median 9, p90 = 9 + 0.8 * 7 = 14.6 (linear interpolation)
        check(r.groups().get(0), "2026-11-23", 6, 4, 2, 2.0 / 6, 9.0, 14.6, 1, 5);
        check(r.groups().get(1), "2026-11-24", 1, 1, 1, 1.0, 2.0, 2.0, 0, 0);
        // ring times 2, 4, 9, 16 s: median 6.5, p90 = 9 + 0.7 * 7 = 13.9
        check(r.totals(), null, 7, 5, 3, 3.0 / 7, 6.5, 13.9, 1, 5);
    }

    @Test
    void byDayInUtcCutsTheSameCallsDifferently() {
        AnswerTimeReport r = reports.answerTimes(new AnswerTimeQuery(null, null, GroupBy.DAY, ZoneOffset.UTC));
        assertEquals(List.of("2026-11-22", "2026-11-23", "2026-11-26"),
                r.groups().stream().map(AnswerTimeFigures::key).toList(), "UTC days, open range");
        assertEquals(6, r.groups().get(1).calls(), "a2, a3, m1, a4, o1 and n1 started on 2026-11-23 UTC");
        assertEquals(8, r.totals().calls(), "every hotline call when the range is open");
    }

    @Test
    void aFixedOffsetZoneIsAppliedWithTheRightSign() {
        AnswerTimeReport r = report(GroupBy.DAY, ZoneOffset.ofHours(8));
        assertEquals(List.of("2026-11-23", "2026-11-24"), r.groups().stream().map(AnswerTimeFigures::key).toList(),
                "+08:00 cuts days like Asia/Shanghai (PostgreSQL's POSIX offsets have the opposite sign)");
        assertEquals(6, r.groups().get(0).calls(), "calls of 2026-11-23 at +08:00");
    }

    @Test
    void byHourInTheDesksZone() {
        AnswerTimeReport r = report(GroupBy.HOUR, SHANGHAI);
        assertEquals(4, r.groups().size(), "four Shanghai hours have hotline calls: " + r.groups());
        check(r.groups().get(0), "2026-11-23T00:00:00+08:00", 1, 1, 1, 1.0, 4.0, 4.0, 0, 1);
        // 9 and 16 s: median 12.5, p90 = 9 + 0.9 * 7 = 15.3
        check(r.groups().get(1), "2026-11-23T09:00:00+08:00", 2, 2, 1, 0.5, 12.5, 15.3, 0, 1);
        // m1 missed, a4 answered with no known ring time, o1 still open
        check(r.groups().get(2), "2026-11-23T10:00:00+08:00", 3, 1, 0, 0.0, null, null, 1, 3);
        check(r.groups().get(3), "2026-11-24T01:00:00+08:00", 1, 1, 1, 1.0, 2.0, 2.0, 0, 0);
    }

    @Test
    void byAgentWithRingsTheyLetPass() {
        AnswerTimeReport r = report(GroupBy.AGENT, SHANGHAI);
        assertEquals(5, r.groups().size(), "8001-8004 and the unanswered calls: " + r.groups());
        // 4 and 9 s: median 6.5, p90 = 4 + 0.9 * 5 = 8.5; rang unanswered for a3 and m1
        check(r.groups().get(0), "8001", 2, 2, 2, 1.0, 6.5, 8.5, 0, 2);
        // 16 and 2 s: median 9, p90 = 2 + 0.9 * 14 = 14.6; rang unanswered for a1 and m1
        check(r.groups().get(1), "8002", 2, 2, 1, 0.5, 9.0, 14.6, 0, 2);
        check(r.groups().get(2), "8003", 1, 1, 0, 0.0, null, null, 0, 0);
        // rang for m1 only (its ring for the internal call i1 does not count); answered nothing
        check(r.groups().get(3), "8004", 0, 0, 0, null, null, null, 0, 1);
        check(r.groups().get(4), null, 2, 0, 0, 0.0, null, null, 1, 0);
        check(r.totals(), null, 7, 5, 3, 3.0 / 7, 6.5, 13.9, 1, 5);
    }

    @Test
    void anEmptyRangeHasZeroTotalsAndNoGroups() {
        AnswerTimeReport r = reports.answerTimes(new AnswerTimeQuery(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-01-02T00:00:00Z"), GroupBy.AGENT, SHANGHAI));
        assertEquals(List.of(), r.groups(), "no groups");
        check(r.totals(), null, 0, 0, 0, null, null, null, 0, 0);
    }

    @Test
    void postgresZoneNames() {
        assertEquals("Asia/Shanghai", JdbcReportStore.postgresZone(SHANGHAI), "region ids as they are");
        assertEquals("UTC-08:00", JdbcReportStore.postgresZone(ZoneOffset.ofHours(8)), "POSIX sign");
        assertEquals("UTC+05:30", JdbcReportStore.postgresZone(ZoneId.of("GMT-05:30")), "normalised, POSIX sign");
        assertEquals("UTC", JdbcReportStore.postgresZone(ZoneId.of("Z")), "UTC");
    }
}
