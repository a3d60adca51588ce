package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.report.TicketStatistics;
import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.LedgerDays;
import com.example.hotline.ticket.LedgerField;
import com.example.hotline.ticket.LedgerRow;
import com.example.hotline.ticket.SignOff;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketFields;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger of a day, its sign-off and the ticket statistics against a real PostgreSQL with the real
 * migrations. The tickets sit on both sides of the day's edges in Asia/Shanghai, and every statistic is
 * checked against the value worked out by hand in the comments.
 */
class JdbcLedgerStoreTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static TestDatabase db;
    private static JdbcLedgerStore ledger;
    private static JdbcTicketReportStore reports;

    @BeforeAll
    static void storeTickets() throws SQLException {
        db = TestDatabase.start();
        ledger = new JdbcLedgerStore(db.dataSource());
        reports = new JdbcTicketReportStore(db.dataSource());
        try (Connection c = db.dataSource().getConnection()) {
            // the 22nd in Shanghai (one second before midnight): in no range below
            long t1 = ticket(c, "2611-0001", "2026-11-22T15:59:59Z", "phone", "13800138001", "identified", "甲", "1栋",
                    "101", "门禁坏了", "repair", "minor", "8001", "李师傅", "工程部", "2026-11-22T15:59:59Z", "closed",
                    null, "2026-11-22T18:00:00Z");
            step(c, t1, "followed-up", "2026-11-24T01:00:00Z", "{\"satisfied\": true}");
            // the 23rd: complete repair, finished 03:00 before its 04:00 deadline, closed 06:00 (14 h)
            long t2 = ticket(c, "2611-0002", "2026-11-22T16:00:00Z", "phone", "13800138002", "identified", "王芳",
                    "3栋", "1201", "厨房水管漏水", "repair", "important", "8001", "李师傅", "工程部",
                    "2026-11-22T16:10:00Z", "closed", "2026-11-23T04:00:00Z", "2026-11-23T06:00:00Z");
            step(c, t2, "finished", "2026-11-23T03:00:00Z", "{}");
            step(c, t2, "followed-up", "2026-11-23T07:00:00Z", "{\"satisfied\": \"yes\"}"); // not a boolean: no answer
            // a consultation the desk answered, closed after 30 min: complete without dispatch fields
            long t3 = ticket(c, "2611-0003", "2026-11-23T01:00:00Z", "phone", "13800138003", "identified", "陈静",
                    "2栋", "502", "物业费怎么交", "consultation", null, "8002", null, null, null, "closed", null,
                    "2026-11-23T01:30:00Z");
            step(c, t3, "followed-up", "2026-11-23T08:00:00Z", "{\"satisfied\": true}");
            // a complaint from a withheld number without a name; closed 05:00 after its 03:00 deadline (3 h)
            long t4 = ticket(c, "2611-0004", "2026-11-23T02:00:00Z", "phone", "anonymous", "withheld", null, "5栋",
                    "303", "夜间噪音", "complaint", "major", "8003", "张队长", "保安部", "2026-11-23T02:05:00Z",
                    "closed", "2026-11-23T03:00:00Z", "2026-11-23T05:00:00Z");
            step(c, t4, "followed-up", "2026-11-23T06:00:00Z", "{\"satisfied\": true}");
            step(c, t4, "followed-up", "2026-11-23T09:00:00Z", "{\"satisfied\": false}"); // the latest answer counts
            // cancelled: in the ledger and the counts by value, in no figure
            long t6 = ticket(c, "2611-0006", "2026-11-23T03:00:00Z", "walk-in", null, "none", null, null, null,
                    null, "repair", null, null, null, null, null, "cancelled", "2026-11-23T04:00:00Z", null);
            step(c, t6, "followed-up", "2026-11-23T05:00:00Z", "{\"satisfied\": true}");
            // an unknown number nobody has filled in yet, the 23rd's last second
            ticket(c, "2611-0005", "2026-11-23T15:59:59Z", "phone", "0755-8888", "unidentified", null, null, null,
                    null, null, null, null, null, null, null, "registered", null, null);
            // the 24th: a repair past its deadline, not done (late at NOW) and one not yet due (pending)
            ticket(c, "2611-0007", "2026-11-23T16:00:00Z", "phone", "13800138007", "identified", "周", "7栋", "701",
                    "电梯异响", "repair", "minor", "8001", null, null, null, "dispatched", "2026-11-24T00:00:00Z",
                    null);
            ticket(c, "2611-0008", "2026-11-24T01:00:00Z", "phone", "13800138008", "identified", "吴", "8栋", "801",
                    "灯不亮", "repair", null, "8002", "李师傅", "工程部", "2026-11-24T01:05:00Z", "dispatched",
                    "2026-11-26T00:00:00Z", null);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void theLedgerOfADayHoldsItsTicketsInTheDesksZoneWithTheMissingFields() {
        List<Ticket> tickets = ledger.createdBetween(LedgerDays.start(DAY, SHANGHAI), LedgerDays.end(DAY, SHANGHAI));
        assertEquals(List.of("2611-0002", "2611-0003", "2611-0004", "2611-0006", "2611-0005"),
                tickets.stream().map(Ticket::ticketNo).toList(), "the 23rd from 00:00:00 to 23:59:59 in Shanghai");
        List<LedgerRow> rows = tickets.stream().map(LedgerRow::of).toList();
        assertEquals(List.of(), rows.get(0).missing(), "the complete repair");
        assertEquals(List.of(), rows.get(1).missing(), "the consultation needs no dispatch");
        assertEquals(List.of(LedgerField.RECEIVER, LedgerField.DEPARTMENT, LedgerField.RECEIVED_AT),
                rows.get(1).notApplicable());
        assertEquals(List.of(LedgerField.NAME, LedgerField.PHONE), rows.get(2).missing(), "withheld, no name");
        assertEquals(List.of(), rows.get(3).missing(), "cancelled");
        assertEquals(List.of(LedgerField.ROOM, LedgerField.NAME, LedgerField.MATTER, LedgerField.RECORDER,
                LedgerField.RECEIVER, LedgerField.DEPARTMENT, LedgerField.RECEIVED_AT), rows.get(4).missing(),
                "nothing filled, kind unknown");
        assertEquals("3栋 1201", rows.get(0).room());
    }

    @Test
    void aDayIsSignedOffOnceAndKeepsItsCounts() {
        LocalDate day = LocalDate.parse("2026-11-20");
        assertTrue(ledger.signOff(day).isEmpty(), "not signed yet");
        SignOff first = new SignOff(day, "head", Instant.parse("2026-11-21T01:00:00Z"), "已核对", 5, 2, 9);
        assertTrue(ledger.sign(first), "first signing stored");
        assertFalse(ledger.sign(new SignOff(day, "other", Instant.parse("2026-11-21T02:00:00Z"), null, 6, 0, 0)),
                "second signing refused");
        assertEquals(first, ledger.signOff(day).orElseThrow(), "the first stays as it was");
        assertTrue(ledger.signOff(day.plusDays(1)).isEmpty(), "other days untouched");
        SignOff noNote = new SignOff(day.plusDays(1), "head", Instant.parse("2026-11-22T01:00:00Z"), null, 0, 0, 0);
        assertTrue(ledger.sign(noNote));
        assertNull(ledger.signOff(day.plusDays(1)).orElseThrow().note());
    }

    @Test
    void statisticsOfTwoDaysMatchTheHandCountedFigures() {
        TicketStatistics s = reports.tickets(LedgerDays.start(DAY, SHANGHAI),
                LedgerDays.end(DAY.plusDays(1), SHANGHAI), NOW);
        assertEquals(7, s.tickets(), "0002..0008");
        assertEquals(ordered("complaint", 1L, "repair", 4L, "consultation", 1L, "callback", 0L, "(none)", 1L),
                List.copyOf(s.byKind().entrySet()));
        assertEquals(ordered("major", 1L, "important", 1L, "minor", 1L, "(none)", 4L),
                List.copyOf(s.bySeverity().entrySet()));
        assertEquals(ordered("保安部", 1L, "工程部", 2L, "(none)", 4L), List.copyOf(s.byDepartment().entrySet()));
        assertEquals(3L, s.byStatus().get("closed"));
        assertEquals(2L, s.byStatus().get("dispatched"));
        assertEquals(1L, s.byStatus().get("registered"));
        assertEquals(1L, s.byStatus().get("cancelled"));
        assertEquals(0L, s.byStatus().get("finished"));
        assertEquals(ordered("identified", 4L, "unidentified", 1L, "withheld", 1L, "none", 1L),
                List.copyOf(s.byCallerId().entrySet()));
        // deadlines: 0002 on time, 0004 closed late, 0007 open past due, 0008 not yet due; 0006 cancelled
        assertEquals(4, s.withDue());
        assertEquals(1, s.onTime());
        assertEquals(2, s.late());
        assertEquals(1, s.pending());
        assertEquals(1.0 / 3, s.onTimeShare(), 1e-9);
        // closed: 0.5 h, 3 h, 14 h: median 3, p90 = 3 + 0.8 * (14 - 3) = 11.8
        assertEquals(3, s.closed());
        assertEquals(3.0, s.medianHandlingHours());
        assertEquals(11.8, s.p90HandlingHours());
        // followed up with an answer: 0003 yes, 0004 no (latest); 0002's "yes" is no boolean, 0006 cancelled
        assertEquals(2, s.followedUp());
        assertEquals(1, s.satisfied());
        assertEquals(0.5, s.satisfiedShare());
    }

    @Test
    void anEmptyRangeHasZerosAndNoShares() {
        TicketStatistics s = reports.tickets(Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-01-02T00:00:00Z"), NOW);
        assertEquals(0, s.tickets());
        assertEquals(0L, s.byKind().get("repair"));
        assertEquals(Map.of(), s.byDepartment());
        assertNull(s.onTimeShare());
        assertNull(s.medianHandlingHours());
        assertNull(s.p90HandlingHours());
        assertNull(s.satisfiedShare());
        assertEquals(8, reports.tickets(null, null, NOW).tickets() - countOpenedForCall(), "open range: all eight");
    }

    @Test
    void aTicketOpenedForACallIsInItsDaysLedgerAndFillingItCompletesTheRow() {
        JdbcTicketStore tickets = new JdbcTicketStore(db.dataSource());
        LocalDate day = LocalDate.parse("2026-12-01");
        Instant at = Instant.parse("2026-12-01T02:00:00Z");
        Ticket t = tickets.openForCall(new Arrival("call-1", at, "13900139000", "13900139000",
                CallerIdStatus.IDENTIFIED, "赵敏", "9栋", "901"), Duration.ofHours(24), SHANGHAI).ticket();
        assertEquals(List.of(LedgerField.MATTER, LedgerField.RECORDER, LedgerField.RECEIVER,
                LedgerField.DEPARTMENT, LedgerField.RECEIVED_AT), missingOf(day), "just arrived");
        tickets.recordAnswer("call-1", "8001", at.plusSeconds(5));
        tickets.fill(t.ticketNo(), new TicketFields("问停车位", "consultation", null, null, null, null, null), "8001",
                at.plusSeconds(60));
        assertEquals(List.of(), missingOf(day), "a consultation with matter and recorder is complete");
    }

    private static List<LedgerField> missingOf(LocalDate day) {
        List<Ticket> t = ledger.createdBetween(LedgerDays.start(day, SHANGHAI), LedgerDays.end(day, SHANGHAI));
        assertEquals(1, t.size());
        return LedgerRow.missing(t.get(0));
    }

    private static long countOpenedForCall() {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM ticket_calls")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map.Entry<String, Long>> ordered(Object... kv) {
        List<Map.Entry<String, Long>> out = new java.util.ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.add(Map.entry((String) kv[i], (Long) kv[i + 1]));
        }
        return out;
    }

    private static long ticket(Connection c, String no, String createdAt, String source, String phone,
            String callerIdStatus, String name, String building, String room, String matter, String kind,
            String severity, String recorder, String receiver, String department, String receivedAt, String status,
            String dueAt, String closedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (ticket_no, created_at, source, phone, "
                + "phone_norm, caller_id_status, name, building, room, matter, kind, severity, recorder, receiver, "
                + "department, received_at, status, due_at, closed_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id")) {
            Object[] v = {no, Sql.ts(Instant.parse(createdAt)), source, phone,
                    "identified".equals(callerIdStatus) ? phone : null, callerIdStatus, name, building, room, matter,
                    kind, severity, recorder, receiver, department, time(receivedAt), status, time(dueAt),
                    time(closedAt)};
            for (int i = 0; i < v.length; i++) {
                ps.setObject(i + 1, v[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static java.sql.Timestamp time(String iso) {
        return iso == null ? null : Sql.ts(Instant.parse(iso));
    }

    private static void step(Connection c, long ticketId, String step, String at, String detail) throws SQLException {
        JdbcTicketStore.step(c, ticketId, step, Instant.parse(at), "head", detail);
    }
}
