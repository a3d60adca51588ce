package com.example.hotline.store;

import static com.example.hotline.store.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketCallListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a call does to its ticket, as the tracker hands the saved calls over: recorder, callback ticket. */
class TicketCallListenerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:10:00Z");
    private static TestDatabase db;
    private JdbcTicketStore tickets;
    private TicketCallListener listener;

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
        tickets = new JdbcTicketStore(db.dataSource());
        listener = new TicketCallListener(tickets, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Ticket arrived(String linkedId) {
        return tickets.openForCall(new Arrival(linkedId, NOW, "13800138000", "13800138000",
                CallerIdStatus.UNIDENTIFIED, null, null, null), Duration.ZERO, ZoneId.of("Asia/Shanghai")).ticket();
    }

    @Test
    void theAgentWhoAnswersIsTheRecorderAndStaysSo() {
        Ticket t = arrived("a1");
        listener.accept(call("a1", "2026-11-23T02:09:00Z").open().build());
        assertNull(tickets.byNumber(t.ticketNo()).orElseThrow().recorder(), "ringing: no recorder yet");
        listener.accept(call("a1", "2026-11-23T02:09:00Z").answeredBy("8003", 4000).build());
        listener.accept(call("a1", "2026-11-23T02:09:00Z").answeredBy("8004", 4000).build());
        Ticket after = tickets.byNumber(t.ticketNo()).orElseThrow();
        assertEquals("8003", after.recorder(), "first answer");
        assertNull(after.kind(), "an answered call's kind is the agent's to fill");
    }

    @Test
    void anUnansweredCallLeavesACallbackTicket() {
        Ticket t = arrived("m1");
        listener.accept(call("m1", "2026-11-23T02:09:00Z").rangUnanswered("8001").build());
        assertEquals("callback", tickets.byNumber(t.ticketNo()).orElseThrow().kind(), "callback ticket");
    }

    @Test
    void internalCallsAndCallsWithoutTicketsAreLeftAlone() {
        listener.accept(call("x1", "2026-11-23T02:09:00Z").internal().rangUnanswered("8001").build());
        listener.accept(call("x2", "2026-11-23T02:09:00Z").rangUnanswered("8001").build());
        assertEquals(0, tickets.search(new com.example.hotline.ticket.TicketFilter(null, null, null, null, 10, 0))
                .size(), "nothing created");
    }
    @Test
    void aTicketOpenedAfterTheDatabaseOutageCatchesUpWithItsStoredCall() {
        // the outage: the call was answered and stored (the listener found no ticket), the ticket came later
        JdbcCallStore calls = new JdbcCallStore(db.dataSource());
        calls.save(call("late1", "2026-11-23T02:09:00Z").answeredBy("8002", 3000).build(), java.util.List.of());
        listener.accept(call("late1", "2026-11-23T02:09:00Z").answeredBy("8002", 3000).build());
        assertEquals("8002", arrived("late1").recorder(), "the late ticket has the agent who answered");
        calls.save(call("late2", "2026-11-23T02:09:00Z").rangUnanswered("8001").build(), java.util.List.of());
        listener.accept(call("late2", "2026-11-23T02:09:00Z").rangUnanswered("8001").build());
        assertEquals("callback", arrived("late2").kind(), "the late ticket of a missed call is a callback ticket");
    }
}
