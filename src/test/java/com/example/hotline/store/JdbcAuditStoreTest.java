package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.audit.DayStatus;
import com.example.hotline.audit.Inspection;
import com.example.hotline.audit.InspectionItem;
import com.example.hotline.audit.SampledOrder;
import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.Deadlines;
import com.example.hotline.ticket.DispatchRequest;
import com.example.hotline.ticket.NewTechnician;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit over a real PostgreSQL: the 60 % sample is drawn at random, topped up but never redrawn,
 * marks are stored; the days' sign-off status; and the inspection form judges what it can and says
 * {@code unknown} where the recordings side has no index yet.
 */
class JdbcAuditStoreTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static TestDatabase db;
    private JdbcTicketStore tickets;
    private JdbcLifecycleStore life;
    private JdbcAuditStore audit;
    private int phones;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void desk() {
        db.clear();
        tickets = new JdbcTicketStore(db.dataSource(), Deadlines.DEFAULTS);
        life = new JdbcLifecycleStore(db.dataSource(), Deadlines.DEFAULTS);
        audit = new JdbcAuditStore(db.dataSource());
        life.putDepartment("eng", "Engineering");
        life.addTechnician(new NewTechnician("Zhang", "eng", List.of("plumbing"), null, null, null));
    }

    private String dispatched(int minute) {
        String phone = "1380013" + String.format("%04d", ++phones);
        Instant at = T0.plus(Duration.ofMinutes(minute));
        String no = tickets.openForCall(new Arrival("call-" + phones, at, phone, phone, CallerIdStatus.IDENTIFIED,
                "Wang", "3", "301"), Duration.ofMinutes(1), ZONE).ticket().ticketNo();
        life.dispatch(no, new DispatchRequest("eng", null, null, null, null, null, null, false), "amy", at.plusSeconds(30));
        return no;
    }

    private Instant start() {
        return DAY.atStartOfDay(ZONE).toInstant();
    }

    private Instant end() {
        return DAY.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    @Test
    void sixtyPercentAreDrawnAtRandomAndTopUpKeepsEarlierDraws() {
        for (int i = 0; i < 10; i++) {
            dispatched(i);
        }
        assertEquals(10, audit.orders(start(), end()));
        List<SampledOrder> first = audit.draw(start(), end(), 0.6, "head", T0.plusSeconds(3600));
        assertEquals(6, first.size(), "60 % of 10 orders");
        assertEquals(first, audit.draw(start(), end(), 0.6, "head", T0.plusSeconds(3700)),
                "drawing again without new orders changes nothing");
        for (int i = 10; i < 15; i++) {
            dispatched(i);
        }
        List<SampledOrder> second = audit.draw(start(), end(), 0.6, "head", T0.plusSeconds(3800));
        assertEquals(9, second.size(), "topped up to 60 % of 15");
        Set<Long> kept = second.stream().map(SampledOrder::orderId).collect(Collectors.toSet());
        assertTrue(kept.containsAll(first.stream().map(SampledOrder::orderId).toList()), "earlier draws stay");

        // random: over a few independent ranges the drawn set is not always the first orders
        Set<Set<Long>> draws = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            db.clear();
            desk();
            for (int k = 0; k < 10; k++) {
                dispatched(k);
            }
            draws.add(audit.draw(start(), end(), 0.6, "head", T0).stream().map(SampledOrder::orderId)
                    .collect(Collectors.toSet()));
        }
        assertTrue(draws.size() > 1, "five draws of 6 out of 10 were all the same set: " + draws);
    }

    @Test
    void marksAreStoredOnlyForSampledOrders() {
        dispatched(0);
        SampledOrder s = audit.draw(start(), end(), 0.6, "head", T0).get(0);
        assertTrue(audit.mark(s.orderId(), "fail", "no recording of the call", "head", T0.plusSeconds(60)));
        SampledOrder marked = audit.sample(start(), end()).get(0);
        assertEquals("fail", marked.result());
        assertEquals("head", marked.markedBy());
        assertFalse(audit.mark(999_999, "pass", null, "head", T0), "not in the sample");
    }

    @Test
    void daysTellTicketsAndSignOff() {
        dispatched(0);
        List<DayStatus> days = audit.days(DAY.minusDays(1), DAY, ZONE);
        assertEquals(2, days.size());
        assertEquals(0, days.get(0).tickets());
        assertEquals(1, days.get(1).tickets());
        assertFalse(days.get(1).signed());
    }

    @Test
    void theInspectionFormJudgesWhatItCanAndSaysUnknownForTheRest() {
        dispatched(0);
        Clock clock = Clock.fixed(T0.plus(Duration.ofDays(2)), ZONE);
        Inspection form = new Inspection(new JdbcReportStore(db.dataSource()), new JdbcLedgerStore(db.dataSource()),
                audit, new JdbcCallRecordingCheck(db.dataSource()), ZONE, clock);
        Map<String, InspectionItem> items = form.form(DAY, DAY).stream()
                .collect(Collectors.toMap(InspectionItem::id, i -> i));
        assertEquals(13, items.size());
        for (String id : List.of("C2", "C3", "C5", "C6", "C7", "C13")) {
            assertEquals(InspectionItem.UNKNOWN, items.get(id).status(), id + " has no data source yet");
        }
        assertEquals(InspectionItem.NO_DATA, items.get("C1").status(), "no calls stored");
        assertEquals(InspectionItem.FAIL, items.get("C11").status(), "the day with a ticket is not signed");
        assertEquals(InspectionItem.FAIL, items.get("C12").status(), "the sample is not drawn");
        assertEquals(InspectionItem.FAIL, items.get("C10").status(), "nobody arrived: overdue two days later");
        audit.draw(start(), end(), 0.6, "head", T0);
        audit.mark(audit.sample(start(), end()).get(0).orderId(), "pass", null, "head", T0);
        assertEquals(InspectionItem.UNKNOWN, form.form(DAY, DAY).get(11).status(),
                "C12 with the sample passed: still unknown while recordings are not indexed");
    }
}
