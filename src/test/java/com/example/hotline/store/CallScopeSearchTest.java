package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.hotline.call.CallFilter;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallScope;
import com.example.hotline.call.LegRecord;
import com.example.hotline.call.StoredCall;
import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.Deadlines;
import com.example.hotline.ticket.DispatchRequest;
import com.example.hotline.ticket.NewTechnician;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whose calls a search returns on PostgreSQL: an agent's extension (answered or joined there, not
 * merely rung), and a limited quality user's departments or buildings (through the call's ticket).
 */
class CallScopeSearchTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static TestDatabase db;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    private static void call(JdbcCallStore store, String linkedId, String answeredBy, Instant start) {
        Instant answer = start.plusSeconds(5);
        List<LegRecord> legs = List.of(new LegRecord(linkedId + "-b", "PJSIP/" + answeredBy + "-1", answeredBy,
                LegRecord.Role.DIALED, start, start, answer, answer.plusSeconds(30), "ANSWER", 16));
        store.save(new CallRecord(linkedId, linkedId, "1380013800" + linkedId.length(), null, true, start, start,
                answer, answer.plusSeconds(30), true, answeredBy, 5000L, 2, true, 16, null, "ringall",
                List.of("8001", "8002"), null, false, legs), List.of());
    }

    private static List<String> linkedIds(JdbcCallStore store, CallScope scope) {
        return store.search(new CallFilter(null, null, null, true, 100, 0, scope)).stream()
                .map(StoredCall::call).map(CallRecord::linkedId).sorted().toList();
    }

    @Test
    void searchesKeepToTheAskersReach() {
        db.clear();
        JdbcCallStore calls = new JdbcCallStore(db.dataSource());
        call(calls, "a.1", "8001", T0);
        call(calls, "b.1", "8002", T0.plusSeconds(60));
        JdbcLifecycleStore life = new JdbcLifecycleStore(db.dataSource(), Deadlines.DEFAULTS);
        life.putDepartment("eng", "Engineering");
        life.addTechnician(new NewTechnician("Zhang", "eng", List.of(), null, null, null));
        JdbcTicketStore tickets = new JdbcTicketStore(db.dataSource(), Deadlines.DEFAULTS);
        String no = tickets.openForCall(new Arrival("b.1", T0.plusSeconds(60), "13800138001", "13800138001",
                CallerIdStatus.IDENTIFIED, "Wang", "3", "301"), Duration.ofMinutes(1), ZoneId.of("Asia/Shanghai"))
                .ticket().ticketNo();
        life.dispatch(no, new DispatchRequest("eng", null, null, null, null, null, null, false), "amy",
                T0.plusSeconds(120));

        assertEquals(List.of("a.1", "b.1"), linkedIds(calls, CallScope.ALL));
        assertEquals(List.of("a.1"), linkedIds(calls, CallScope.extension("8001")),
                "8001 rang for both but answered only a.1");
        assertEquals(List.of(), linkedIds(calls, CallScope.NONE));
        assertEquals(List.of("b.1"), linkedIds(calls, CallScope.places(List.of("eng"), List.of())),
                "the engineering ticket's call");
        assertEquals(List.of("b.1"), linkedIds(calls, CallScope.places(List.of(), List.of("3"))), "building 3");
        assertEquals(List.of(), linkedIds(calls, CallScope.places(List.of("security"), List.of("9"))));
    }
}
