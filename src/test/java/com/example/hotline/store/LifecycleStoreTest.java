package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.alert.Alert;
import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.ConflictException;
import com.example.hotline.ticket.Deadlines;
import com.example.hotline.ticket.DispatchOrder;
import com.example.hotline.ticket.DispatchRequest;
import com.example.hotline.ticket.EscalationMonitor;
import com.example.hotline.ticket.Lifecycle.Action;
import com.example.hotline.ticket.NewTechnician;
import com.example.hotline.ticket.NotFoundException;
import com.example.hotline.ticket.Overdue;
import com.example.hotline.ticket.StepInput;
import com.example.hotline.ticket.Technician;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketFields;
import com.example.hotline.ticket.TicketFile;
import com.example.hotline.ticket.TicketStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The life of tickets against a real PostgreSQL with the real migrations. */
class LifecycleStoreTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static TestDatabase db;
    private JdbcTicketStore tickets;
    private JdbcLifecycleStore life;
    private Technician plumber;
    private Technician electrician;
    private Technician both;
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
        life.putDepartment("eng", "Engineering");
        plumber = life.addTechnician(new NewTechnician("Zhang", "eng", List.of("Plumbing"), null, null, null));
        electrician = life.addTechnician(new NewTechnician("Li", "eng", List.of("electric"), null, null, null));
        both = life.addTechnician(new NewTechnician("Zhao", "eng", List.of("electric", "plumbing"), null, null, null));
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** A new phone ticket registered at {@code at}, each from its own number. */
    private String register(Instant at) {
        String phone = "1380013" + String.format("%04d", ++phones);
        return tickets.openForCall(new Arrival("call-" + phones, at, phone, phone, CallerIdStatus.IDENTIFIED, "Wang",
                "3", "301"), Duration.ofMinutes(1), ZONE).ticket().ticketNo();
    }

    private static DispatchRequest to(String department, String skill) {
        return new DispatchRequest(department, skill, null, null, null, null, null, false);
    }

    private TicketFile step(String no, Action a, String by, Instant when) {
        return life.advance(no, a, StepInput.NONE, by, when);
    }

    @Test
    void aWholeLifeFromRegistrationToSatisfiedFollowUpIsRecordedStepByStep() {
        String no = register(T0);
        tickets.fill(no, new TicketFields("kitchen pipe leaks", "repair", null, "important", null, null, null), "amy",
                at(1));
        assertEquals(T0.plus(Duration.ofDays(3)), tickets.byNumber(no).orElseThrow().dueAt(),
                "due: registration + the important deadline");

        TicketFile f = life.dispatch(no, new DispatchRequest("eng", "plumbing", null, null, "after 6 pm please", "in",
                null, false), "amy", at(2));
        Ticket t = f.ticket();
        assertEquals("dispatched", t.status());
        assertEquals("Zhang", t.receiver(), "ledger receiver: the technician of the first dispatch");
        assertEquals("eng", t.department(), "ledger department");
        assertEquals(at(2), t.receivedAt(), "ledger receiving time");
        DispatchOrder o = f.openOrder();
        assertEquals(plumber.id(), o.technicianId(), "first in turn with the skill");
        assertEquals("rotation", o.how());
        assertEquals("kitchen pipe leaks", o.content(), "content defaults to the matter");
        assertEquals("after 6 pm please", o.ownerRequest());
        assertEquals("Wang", o.ownerName());
        assertEquals("13800130001", o.ownerPhone());
        assertEquals("3", o.building());
        assertEquals("301", o.room());
        assertEquals("in", o.warranty());
        assertEquals(at(2).plus(Duration.ofMinutes(5)), o.arriveDue(), "on site within 5 minutes");

        f = step(no, Action.ARRIVE, "zhang", at(6));
        assertEquals(at(6).plus(Duration.ofMinutes(30)), f.openOrder().startDue(), "work starts within 30 minutes");
        step(no, Action.START, "zhang", at(10));
        step(no, Action.FINISH, "zhang", at(50));
        f = step(no, Action.CONFIRM, "amy", at(55));
        assertEquals("confirmed", f.ticket().status());
        assertNull(f.openOrder(), "a confirmed order is no longer open");

        f = life.advance(no, Action.UNSATISFIED, new StepInput(null, null, "still drips", null), "bob", at(60));
        assertEquals("reopened", f.ticket().status(), "unsatisfied reopens");
        assertNull(f.ticket().closedAt());

        ConflictException wrong = assertThrows(ConflictException.class, () -> step(no, Action.ARRIVE, "zhang", at(61)));
        assertTrue(wrong.getMessage().contains("is reopened"), wrong.getMessage());

        f = life.dispatch(no, to("eng", "plumbing"), "amy", at(62));
        o = f.openOrder();
        assertEquals(both.id(), o.technicianId(), "next in turn after Zhang with the skill: Li lacks it");
        assertEquals("Zhang", f.ticket().receiver(), "the ledger keeps the first dispatch");
        assertEquals(at(2), f.ticket().receivedAt());
        step(no, Action.ARRIVE, "zhao", at(64));
        step(no, Action.START, "zhao", at(65));
        step(no, Action.FINISH, "zhao", at(80));
        step(no, Action.CONFIRM, "amy", at(81));
        f = life.advance(no, Action.SATISFIED, new StepInput(null, null, "dry now", null), "bob", at(90));
        assertEquals("closed", f.ticket().status(), "satisfied closes");
        assertEquals(at(90), f.ticket().closedAt());
        assertFalse(f.ticket().open());

        List<String> steps = f.steps().stream().map(s -> s.step() + "/" + s.byUser()).toList();
        assertEquals(List.of("registered/null", "filled/amy", "dispatched/amy", "arrived/zhang", "started/zhang",
                "finished/zhang", "confirmed/amy", "followed-up/bob", "reopened/bob", "dispatched/amy", "arrived/zhao",
                "started/zhao", "finished/zhao", "confirmed/amy", "followed-up/bob", "closed/bob"), steps);
        TicketStep second = f.steps().get(9);
        assertEquals(at(62), second.at(), "each step has its time");
        assertEquals("rotation", second.detail().get("how"));
        assertEquals(((Number) second.detail().get("orderId")).longValue(), o.id());
        assertEquals("lacks skill plumbing",
                ((Map<?, ?>) ((List<?>) second.detail().get("skipped")).get(0)).get("reason"));
        assertEquals(false, f.steps().get(7).detail().get("satisfied"));
        assertEquals("still drips", f.steps().get(7).detail().get("note"));

        assertEquals(2, f.orders().size());
        assertTrue(f.orders().stream().allMatch(x -> "confirmed".equals(x.status())), "both orders confirmed");
        DispatchOrder first = f.orders().get(0);
        assertEquals("zhang", first.arrivedBy());
        assertEquals(at(10), first.startedAt());
        assertEquals(at(50), first.finishedAt());
        assertEquals("amy", first.confirmedBy());
        assertThrows(ConflictException.class, () -> life.dispatch(no, to("eng", null), "amy", at(91)),
                "a closed ticket is done with");
    }

    @Test
    void aRescheduleNotesTheOwnersConsentAndMovesTheArrivalDeadline() {
        String no = register(T0);
        life.dispatch(no, to("eng", null), "amy", at(1));
        step(no, Action.ARRIVE, "zhang", at(4));
        Instant tomorrow = Instant.parse("2026-11-24T01:00:00Z");
        assertThrows(IllegalArgumentException.class,
                () -> life.advance(no, Action.RESCHEDULE, new StepInput(tomorrow, null, null, null), "zhang", at(5)),
                "consent required");
        TicketFile f = life.advance(no, Action.RESCHEDULE, new StepInput(tomorrow, "owner agreed by phone", null, null),
                "zhang", at(5));
        assertEquals("rescheduled", f.ticket().status());
        DispatchOrder o = f.openOrder();
        assertEquals(tomorrow, o.rescheduledTo());
        assertEquals("owner agreed by phone", o.ownerConsent());
        assertEquals(tomorrow.plus(Duration.ofMinutes(5)), o.arriveDue(), "due on site at the new time");
        assertNull(o.startDue());
        assertEquals("owner agreed by phone", f.steps().get(f.steps().size() - 1).detail().get("ownerConsent"));
        f = step(no, Action.ARRIVE, "zhang", tomorrow);
        assertEquals("arrived", f.ticket().status(), "back on site at the new time");
    }

    @Test
    void aSecondDispatchNeedsReplaceAndReplacesTheOpenOrder() {
        String no = register(T0);
        life.dispatch(no, to("eng", null), "amy", at(1));
        ConflictException e = assertThrows(ConflictException.class,
                () -> life.dispatch(no, to("eng", null), "amy", at(2)));
        assertTrue(e.getMessage().contains("replace: true"), e.getMessage());
        TicketFile f = life.dispatch(no, new DispatchRequest("eng", null, null, null, null, null, null, true), "amy",
                at(10));
        assertEquals(List.of("replaced", "dispatched"), f.orders().stream().map(DispatchOrder::status).toList());
        assertEquals(electrician.id(), f.openOrder().technicianId(), "next in turn");
        assertEquals(((Number) f.orders().get(0).id()).longValue(),
                ((Number) f.steps().get(f.steps().size() - 1).detail().get("replacedOrderId")).longValue());
    }

    @Test
    void aNamedTechnicianIsOutOfTurnAndMustBeFree() {
        String a = register(T0);
        String b = register(T0);
        String c = register(T0);
        TicketFile f = life.dispatch(a, new DispatchRequest("eng", null, both.id(), null, null, null, null, false),
                "amy", at(1));
        assertEquals("explicit", f.openOrder().how());
        assertEquals(plumber.id(), life.dispatch(b, to("eng", null), "amy", at(2)).openOrder().technicianId(),
                "the rotation is where it was");
        life.updateTechnician(electrician.id(), new NewTechnician(null, null, null, true, at(60), null));
        ConflictException e = assertThrows(ConflictException.class, () -> life.dispatch(c,
                new DispatchRequest("eng", null, electrician.id(), null, null, null, null, false), "amy", at(3)));
        assertTrue(e.getMessage().contains("is out until"), e.getMessage());
        assertEquals(both.id(), life.dispatch(c, to("eng", null), "amy", at(3)).openOrder().technicianId(),
                "Li is out: skipped");
        assertThrows(NotFoundException.class, () -> life.dispatch(register(T0),
                new DispatchRequest("eng", null, 999L, null, null, null, null, false), "amy", at(4)));
        assertThrows(NotFoundException.class, () -> life.dispatch(register(T0), to("gas", null), "amy", at(4)));
        assertThrows(NotFoundException.class, () -> life.dispatch("2611-9999", to("eng", null), "amy", at(4)));
        ConflictException none = assertThrows(ConflictException.class,
                () -> life.dispatch(register(T0), to("eng", "gas"), "amy", at(4)));
        assertTrue(none.getMessage().startsWith("no technician of department eng can go now"), none.getMessage());
        Technician back = life.updateTechnician(electrician.id(), new NewTechnician(null, null, null, false, null, null))
                .orElseThrow();
        assertFalse(back.out());
        assertNull(back.outUntil(), "in again: no return time");
    }

    @Test
    void cancelEndsTheOpenOrderAndCloseIsOnlyForInvalidComplaints() {
        String no = register(T0);
        life.dispatch(no, to("eng", null), "amy", at(1));
        assertThrows(IllegalArgumentException.class, () -> step(no, Action.CANCEL, "amy", at(2)), "reason required");
        TicketFile f = life.advance(no, Action.CANCEL, new StepInput(null, null, null, "owner sold the flat"), "amy",
                at(2));
        assertEquals("cancelled", f.ticket().status());
        assertEquals(at(2), f.ticket().closedAt());
        assertEquals("cancelled", f.orders().get(0).status());
        assertEquals("owner sold the flat", f.orders().get(0).endReason());

        String complaint = register(T0);
        tickets.fill(complaint, new TicketFields("noise", "complaint", true, null, null, null, null), "amy", at(1));
        StepInput why = new StepInput(null, null, null, "explained: the works are permitted");
        assertThrows(ConflictException.class, () -> life.advance(complaint, Action.CLOSE, why, "amy", at(2)),
                "a valid complaint is not closed unhandled");
        tickets.fill(complaint, new TicketFields(null, null, false, null, null, null, null), "amy", at(3));
        f = life.advance(complaint, Action.CLOSE, why, "amy", at(4));
        assertEquals("closed", f.ticket().status());
        assertEquals("explained: the works are permitted", f.steps().get(f.steps().size() - 1).detail().get("reason"));
    }

    @Test
    void missedDeadlinesAreListedAndEscalatedOnceEachWithOneAlert() {
        String late = register(T0); // minor: handled within 2 days
        tickets.fill(late, new TicketFields("lamp", "repair", null, "minor", null, null, null), "amy", at(0));
        Instant now = T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(1));
        String notThere = register(now.minus(Duration.ofMinutes(30)));
        life.dispatch(notThere, to("eng", null), "amy", now.minus(Duration.ofMinutes(20))); // due on site 15 min ago
        String notStarted = register(now.minus(Duration.ofHours(2)));
        life.dispatch(notStarted, to("eng", null), "amy", now.minus(Duration.ofMinutes(60)));
        step(notStarted, Action.ARRIVE, "li", now.minus(Duration.ofMinutes(58))); // start due 28 min ago
        String fine = register(now.minus(Duration.ofMinutes(3)));
        life.dispatch(fine, to("eng", null), "amy", now.minus(Duration.ofMinutes(2)));

        List<Overdue> overdue = life.overdue(now, false, 100);
        Map<String, Overdue> byTicket = new HashMap<>();
        overdue.forEach(o -> byTicket.put(o.ticketNo(), o));
        assertEquals(3, overdue.size(), "three missed deadlines: " + overdue);
        assertEquals("due", byTicket.get(late).deadline());
        assertEquals(Duration.ofHours(1), byTicket.get(late).late(now));
        assertEquals("arrive", byTicket.get(notThere).deadline());
        assertEquals(Duration.ofMinutes(15), byTicket.get(notThere).late(now));
        assertEquals("start", byTicket.get(notStarted).deadline());
        assertEquals(Duration.ofMinutes(28), byTicket.get(notStarted).late(now));
        assertEquals(late, overdue.get(0).ticketNo(), "most late first");

        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        EscalationMonitor monitor = new EscalationMonitor(life, alerts::add, Clock.fixed(now, ZoneOffset.UTC), 100);
        assertEquals(3, monitor.check());
        assertEquals(0, monitor.check(), "escalated once");
        assertEquals(0, new EscalationMonitor(life, alerts::add, Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC), 100)
                .check(), "a server restart does not escalate again");
        assertEquals(3, alerts.size());
        assertEquals(3, life.overdue(now, false, 100).size(), "still listed as overdue");
        assertEquals(0, life.overdue(now, true, 100).size(), "none left to escalate");
        long escalatedSteps = life.file(notThere).orElseThrow().steps().stream()
                .filter(s -> s.step().equals("escalated")).count();
        assertEquals(1, escalatedSteps);
        TicketStep s = life.file(notStarted).orElseThrow().steps().stream()
                .filter(x -> x.step().equals("escalated")).findFirst().orElseThrow();
        assertEquals("start", s.detail().get("deadline"));
        assertNull(s.byUser(), "escalated by the server");

        step(notThere, Action.ARRIVE, "zhang", now.plusSeconds(60));
        life.advance(notThere, Action.RESCHEDULE, new StepInput(now.plus(Duration.ofHours(1)), "agreed", null, null),
                "zhang", now.plusSeconds(120));
        step(fine, Action.ARRIVE, "li", now);
        step(fine, Action.START, "li", now.plusSeconds(60));
        Instant later = now.plus(Duration.ofHours(2));
        assertEquals(1, new EscalationMonitor(life, alerts::add, Clock.fixed(later, ZoneOffset.UTC), 100).check(),
                "the rescheduled visit is a new deadline, missed again: escalated again");
        assertEquals(notThere, alerts.get(3).details().get("ticketNo"));
        assertEquals(2, life.file(notThere).orElseThrow().steps().stream()
                .filter(x -> x.step().equals("escalated")).count());
    }

    @Test
    void concurrentDispatchesInOneDepartmentTakeTurns() throws Exception {
        int n = 30;
        List<String> nos = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nos.add(register(T0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<TicketFile>> jobs = new ArrayList<>();
            for (String no : nos) {
                jobs.add(() -> life.dispatch(no, to("eng", null), "amy", at(1)));
            }
            for (Future<TicketFile> f : pool.invokeAll(jobs)) {
                assertNotNull(f.get().openOrder());
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        List<Long> byOrder = new ArrayList<>();
        try (var c = db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT technician_id FROM dispatch_orders ORDER BY id")) {
            while (rs.next()) {
                byOrder.add(rs.getLong(1));
            }
        }
        assertEquals(n, byOrder.size());
        List<Long> turn = List.of(plumber.id(), electrician.id(), both.id());
        for (int i = 0; i < n; i++) {
            assertEquals(turn.get(i % 3), byOrder.get(i), "order " + i + " in " + byOrder);
        }
    }

    @Test
    void techniciansAndDepartmentsAreValidated() {
        assertThrows(NotFoundException.class,
                () -> life.addTechnician(new NewTechnician("Qian", "gas", List.of(), null, null, null)));
        assertThrows(IllegalArgumentException.class,
                () -> life.addTechnician(new NewTechnician(null, "eng", List.of(), null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> life.putDepartment("Not a code!", "x"));
        assertNull(life.departments().get(0).lastTechnicianId(), "nobody dispatched yet");
        assertEquals("Engineering & Repairs", life.putDepartment("eng", "Engineering & Repairs").name(), "renamed");
        life.dispatch(register(T0), to("eng", null), "amy", at(1));
        assertEquals(plumber.id(), life.departments().get(0).lastTechnicianId(), "the rotation's pointer");
        assertEquals(List.of("plumbing"), plumber.skills(), "skills in lower case");
        assertTrue(life.updateTechnician(999, new NewTechnician(null, null, null, true, null, null)).isEmpty());
        Technician retired = life.updateTechnician(plumber.id(), new NewTechnician(null, null, List.of("gas"), null,
                null, false)).orElseThrow();
        assertFalse(retired.active());
        assertEquals(List.of("gas"), retired.skills());
        assertEquals(3, life.technicians("eng").size());
        assertEquals(0, life.technicians("none").size());
    }
}
