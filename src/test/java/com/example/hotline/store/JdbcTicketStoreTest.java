package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketFields;
import com.example.hotline.ticket.TicketFilter;
import com.example.hotline.ticket.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tickets against a real PostgreSQL with the real migrations: numbering, repeat calls, split, recorder. */
class JdbcTicketStoreTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration DAY = Duration.ofHours(24);
    private static final Instant NOV = Instant.parse("2026-11-23T02:10:00Z");
    private static TestDatabase db;
    private JdbcTicketStore store;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void emptyTables() {
        db.clear();
        store = new JdbcTicketStore(db.dataSource());
    }

    private static Arrival known(String linkedId, Instant at, String phone) {
        return new Arrival(linkedId, at, phone, phone, CallerIdStatus.IDENTIFIED, "张三", "3栋", "1202");
    }

    @Test
    void aNewCallerGetsTheFirstNumberOfTheMonthWithTheDirectoryFields() {
        TicketStore.Opened o = store.openForCall(known("L1", NOV, "13800138000"), DAY, SHANGHAI);
        assertTrue(o.created(), "created");
        Ticket t = o.ticket();
        assertEquals("2611-0001", t.ticketNo(), "year, month, serial");
        assertEquals("张三", t.name(), "name");
        assertEquals("1202", t.room(), "room");
        assertEquals("registered", t.status(), "status");
        assertEquals(List.of("L1"), t.callIds(), "calls");
        assertEquals(NOV, t.createdAt(), "created at the arrival");
    }

    @Test
    void theSameArrivalTwiceIsOneTicket() {
        Ticket first = store.openForCall(known("L1", NOV, "13800138000"), DAY, SHANGHAI).ticket();
        TicketStore.Opened again = store.openForCall(known("L1", NOV, "13800138000"), DAY, SHANGHAI);
        assertEquals("existing", again.how(), "retried arrival");
        assertEquals(first.ticketNo(), again.ticket().ticketNo(), "same ticket");
        assertEquals(1, store.search(new TicketFilter(null, null, null, null, 100, 0)).size(), "one ticket");
    }

    @Test
    void aRepeatCallWithinTheWindowAttachesAndOneAfterItOpensANewTicket() {
        store.openForCall(known("L1", NOV, "13800138000"), DAY, SHANGHAI);
        TicketStore.Opened repeat = store.openForCall(known("L2", NOV.plusSeconds(300), "13800138000"), DAY, SHANGHAI);
        assertEquals("repeat", repeat.how(), "five minutes later");
        assertEquals(List.of("L1", "L2"), repeat.ticket().callIds(), "two calls on one ticket");
        TicketStore.Opened later = store.openForCall(known("L3", NOV.plus(Duration.ofHours(25)), "13800138000"),
                DAY, SHANGHAI);
        assertTrue(later.created(), "25 h after the ticket: a new one");
        assertEquals("2611-0002", later.ticket().ticketNo(), "next serial");
    }

    @Test
    void aBatchIsNumberedInOrderAndTwoCallsOfOneNumberInItMakeOneTicket() {
        List<TicketStore.Opened> opened = store.openForCalls(List.of(known("b1", NOV, "13800000001"),
                known("b2", NOV, "13800000002"), known("b3", NOV.plusSeconds(1), "13800000001")), DAY, SHANGHAI);
        assertEquals("2611-0001", opened.get(0).ticket().ticketNo(), "first");
        assertEquals("2611-0002", opened.get(1).ticket().ticketNo(), "second");
        assertEquals("repeat", opened.get(2).how(), "the same number again in the batch");
        assertEquals("2611-0001", opened.get(2).ticket().ticketNo(), "joins the first");
    }

    @Test
    void aBatchGivesEachCallWhatOpeningThemOneByOneWould() {
        store.openForCall(known("s1", NOV, "13800000001"), DAY, SHANGHAI);
        store.openForCall(known("old", NOV.minus(Duration.ofHours(30)), "13800000003"), DAY, SHANGHAI);
        Arrival withheld = new Arrival("w1", NOV, "anonymous", null, CallerIdStatus.WITHHELD, null, null, null);
        List<TicketStore.Opened> opened = store.openForCalls(List.of(known("s1", NOV, "13800000001"),
                known("b1", NOV, "13800000001"), withheld, known("b2", NOV, "13800000003"),
                known("b2", NOV, "13800000003"), known("b3", NOV, "13800000003")), DAY, SHANGHAI);
        assertEquals(List.of("existing", "repeat", "created", "created", "existing", "repeat"),
                opened.stream().map(TicketStore.Opened::how).toList(), "how each call joined");
        assertEquals("2611-0001", opened.get(1).ticket().ticketNo(), "repeat of the stored open ticket");
        assertEquals(List.of("b1", "s1"), opened.get(1).ticket().callIds().stream().sorted().toList(),
                "both calls on it");
        assertEquals("2611-0003", opened.get(2).ticket().ticketNo(), "withheld: new");
        assertEquals(CallerIdStatus.WITHHELD, opened.get(2).ticket().callerIdStatus(), "flagged");
        assertEquals("2611-0004", opened.get(3).ticket().ticketNo(), "the 30-hour-old ticket is out of the window");
        assertEquals(opened.get(3).ticket().ticketNo(), opened.get(4).ticket().ticketNo(), "the same call twice");
        assertEquals(List.of("b2", "b3"), opened.get(5).ticket().callIds(), "the later call joins the new ticket");
        assertEquals(4, store.search(new TicketFilter(null, null, null, null, 100, 0)).size(), "four tickets");
    }

    @Test
    void aBatchAcrossMidnightAtTheMonthsEndNumbersEachMonthOnItsOwn() {
        Instant lastOfNov = Instant.parse("2026-11-30T15:59:59Z");
        Instant firstOfDec = Instant.parse("2026-11-30T16:00:01Z");
        store.openForCall(known("n0", lastOfNov, "13800000009"), DAY, SHANGHAI);
        List<TicketStore.Opened> opened = store.openForCalls(List.of(known("n1", lastOfNov, "13800000001"),
                known("d1", firstOfDec, "13800000002"), known("n2", lastOfNov, "13800000003"),
                known("d2", firstOfDec, "13800000004")), DAY, SHANGHAI);
        assertEquals(List.of("2611-0002", "2612-0001", "2611-0003", "2612-0002"),
                opened.stream().map(o -> o.ticket().ticketNo()).toList(), "each month gapless, in arrival order");
    }

    @Test
    void withheldAndJunkCallersNeverAttachAndAreStoredExactly() {
        String junk = "'; DROP TABLE tickets; -- <script>alert(1)</script>\"" + "9".repeat(300);
        for (String id : List.of("a1", "a2")) {
            Ticket t = store.openForCall(new Arrival(id, NOV, "anonymous", null, CallerIdStatus.WITHHELD, null, null,
                    null), DAY, SHANGHAI).ticket();
            assertEquals(CallerIdStatus.WITHHELD, t.callerIdStatus(), "flag");
        }
        Ticket j1 = store.openForCall(new Arrival("j1", NOV, junk, null, CallerIdStatus.UNIDENTIFIED, null, null, null),
                DAY, SHANGHAI).ticket();
        Ticket j2 = store.openForCall(new Arrival("j2", NOV, junk, null, CallerIdStatus.UNIDENTIFIED, null, null, null),
                DAY, SHANGHAI).ticket();
        assertEquals(junk, j1.phone(), "stored exactly");
        assertTrue(!j1.ticketNo().equals(j2.ticketNo()), "a number that does not normalise never repeats");
        assertEquals(4, store.search(new TicketFilter(null, null, null, null, 100, 0)).size(), "four tickets");
        assertEquals(2, store.search(new TicketFilter(null, null, "DROP TABLE", null, 100, 0)).size(),
                "searching by a part of the junk finds both junk tickets");
    }

    @Test
    void numberingRestartsOnTheFirstOfTheMonthInTheDesksZone() {
        // 2026-11-30 16:30 UTC is already 1 December 00:30 in Shanghai
        Instant lastOfNov = Instant.parse("2026-11-30T15:59:00Z");
        Instant firstOfDec = Instant.parse("2026-11-30T16:30:00Z");
        assertEquals("2611-0001", store.openForCall(known("n1", lastOfNov, "13800000001"), DAY, SHANGHAI)
                .ticket().ticketNo(), "November");
        assertEquals("2611-0002", store.openForCall(known("n2", lastOfNov, "13800000002"), DAY, SHANGHAI)
                .ticket().ticketNo(), "November again");
        assertEquals("2612-0001", store.openForCall(known("d1", firstOfDec, "13800000003"), DAY, SHANGHAI)
                .ticket().ticketNo(), "December starts at 0001");
        assertEquals("2701-0001", store.openForCall(known("j1", Instant.parse("2027-01-01T00:00:00Z"),
                "13800000004"), DAY, SHANGHAI).ticket().ticketNo(), "a new year");
    }

    @Test
    void sixteenConcurrentCreatorsNeverShareANumberAndLeaveNoGap() throws Exception {
        int creators = 16;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int c = 0; c < creators; c++) {
                int creator = c;
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> numbers = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        String phone = String.format("139%04d%04d", creator, i);
                        numbers.add(store.openForCall(known("c" + creator + "-" + i, NOV, phone), DAY, SHANGHAI)
                                .ticket().ticketNo());
                    }
                    return numbers;
                }));
            }
            start.countDown();
            Set<String> all = new TreeSet<>();
            int total = 0;
            for (Future<List<String>> f : results) {
                List<String> numbers = f.get(60, TimeUnit.SECONDS);
                total += numbers.size();
                all.addAll(numbers);
            }
            assertEquals(creators * each, total, "every creator got its numbers");
            assertEquals(total, all.size(), "no number issued twice");
            Set<String> expected = new TreeSet<>();
            for (int i = 1; i <= total; i++) {
                expected.add(String.format("2611-%04d", i));
            }
            assertEquals(expected, all, "0001.." + total + " with no gap");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRolledBackCreationGivesItsSerialBack() throws Exception {
        store.openForCall(known("r1", NOV, "13800000001"), DAY, SHANGHAI);
        // a stray row holding the next number makes the next creation fail after it took the serial
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO tickets (ticket_no, created_at, caller_id_status) VALUES ('2611-0002', now(), 'none')");
        }
        assertThrows(IllegalStateException.class,
                () -> store.openForCall(known("r2", NOV, "13800000002"), DAY, SHANGHAI), "duplicate number");
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("DELETE FROM tickets WHERE ticket_no = '2611-0002'");
        }
        assertEquals("2611-0002", store.openForCall(known("r3", NOV, "13800000003"), DAY, SHANGHAI)
                .ticket().ticketNo(), "the failed creation gave its serial back: no gap");
        assertTrue(store.byCall("r2").isEmpty(), "the failed call has no ticket");
    }

    @Test
    void splittingARepeatCallOpensItsOwnTicket() {
        store.openForCall(known("L1", NOV, "13800138000"), DAY, SHANGHAI);
        store.openForCall(known("L2", NOV.plusSeconds(300), "13800138000"), DAY, SHANGHAI);
        Ticket split = store.split("L2", "agent1", NOV.plusSeconds(400), SHANGHAI).orElseThrow();
        assertEquals("2611-0002", split.ticketNo(), "new number");
        assertEquals(List.of("L2"), split.callIds(), "the split call");
        assertEquals("张三", split.name(), "caller fields copied");
        assertEquals(List.of("L1"), store.byNumber("2611-0001").orElseThrow().callIds(), "left on the first");
        assertThrows(IllegalArgumentException.class, () -> store.split("L1", "agent1", NOV, SHANGHAI),
                "the only call of a ticket is not split");
        assertTrue(store.split("nope", "agent1", NOV, SHANGHAI).isEmpty(), "unknown call");
    }

    @Test
    void theFirstAnsweringAgentBecomesTheRecorderAndFillingKeepsOtherFields() {
        store.openForCall(known("L1", NOV, "13800138000"), DAY, SHANGHAI);
        assertTrue(store.recordAnswer("L1", "8002", NOV.plusSeconds(4)), "recorder set");
        assertFalse(store.recordAnswer("L1", "8003", NOV.plusSeconds(60)), "not replaced by a later answer");
        Ticket t = store.fill("2611-0001", new TicketFields("水管漏水 leaking pipe", "repair", null, "minor", null,
                null, null), "8002", NOV.plusSeconds(30)).orElseThrow();
        assertEquals("8002", t.recorder(), "recorder");
        assertEquals("水管漏水 leaking pipe", t.matter(), "matter");
        assertEquals("repair", t.kind(), "kind");
        assertEquals("张三", t.name(), "name untouched");
        assertNull(t.complaintValid(), "not a complaint");
        assertTrue(store.fill("2699-0001", new TicketFields("x", null, null, null, null, null, null), "8002", NOV)
                .isEmpty(), "unknown ticket");
    }
}
