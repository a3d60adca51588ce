package com.example.hotline.ticket;

import static com.example.hotline.ticket.LedgerField.DEPARTMENT;
import static com.example.hotline.ticket.LedgerField.MATTER;
import static com.example.hotline.ticket.LedgerField.NAME;
import static com.example.hotline.ticket.LedgerField.PHONE;
import static com.example.hotline.ticket.LedgerField.RECEIVED_AT;
import static com.example.hotline.ticket.LedgerField.RECEIVER;
import static com.example.hotline.ticket.LedgerField.RECORDER;
import static com.example.hotline.ticket.LedgerField.ROOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule for a missing ledger field (C8, C11), the ledger's room value and its days. */
class LedgerRowTest {

    private static final List<LedgerField> DISPATCH = List.of(RECEIVER, DEPARTMENT, RECEIVED_AT);

    private static List<LedgerField> missing(Tickets t) {
        return LedgerRow.missing(t.ticket());
    }

    @Test
    void aDispatchedRepairWithEveryFieldIsComplete() {
        LedgerRow row = LedgerRow.of(Tickets.complete().ticket());
        assertEquals(List.of(), row.missing());
        assertEquals(List.of(), row.notApplicable());
        assertTrue(row.complete());
        assertEquals("3栋 1201", row.room(), "building and room make the room value");
    }

    @Test
    void blankTextIsMissingLikeNoText() {
        assertEquals(List.of(NAME), missing(Tickets.complete().name("  ")));
        assertEquals(List.of(NAME), missing(Tickets.complete().name(null)));
        assertEquals(List.of(MATTER), missing(Tickets.complete().matter("\t\n")));
        assertEquals(List.of(RECORDER), missing(Tickets.complete().recorder("")));
        assertEquals(List.of(NAME, MATTER, RECORDER),
                missing(Tickets.complete().name(null).matter(null).recorder(null)), "in ledger order");
    }

    @Test
    void aBuildingWithoutARoomDoesNotSayWhere() {
        assertEquals(List.of(ROOM), missing(Tickets.complete().place("3栋", null)));
        assertEquals("3栋", LedgerRow.of(Tickets.complete().place("3栋", " ").ticket()).room());
        assertEquals(List.of(), missing(Tickets.complete().place(null, "1201")), "a room alone is enough");
        assertEquals("1201", LedgerRow.of(Tickets.complete().place(null, "1201").ticket()).room());
    }

    @Test
    void aWithheldNumberIsAMissingPhoneWhateverTextCame() {
        assertEquals(List.of(PHONE), missing(Tickets.complete().phone("anonymous", CallerIdStatus.WITHHELD)));
        assertEquals(List.of(PHONE), missing(Tickets.complete().phone(null, CallerIdStatus.WITHHELD)));
        assertEquals(List.of(), missing(Tickets.complete().phone("0755-1234", CallerIdStatus.UNIDENTIFIED)),
                "an unknown number is still a number");
        assertEquals(List.of(PHONE), missing(Tickets.complete().phone(" ", CallerIdStatus.NONE)));
    }

    @Test
    void complaintsRepairsAndUnclassifiedTicketsNeedTheDispatchFields() {
        for (String kind : new String[] {"repair", "complaint", null}) {
            Tickets t = Tickets.complete().kind(kind).undispatched();
            assertEquals(DISPATCH, missing(t), kind + ": not yet dispatched, so the three are missing");
            assertTrue(LedgerRow.needsDispatch(t.ticket()), kind);
        }
        assertEquals(List.of(DEPARTMENT),
                missing(Tickets.complete().dispatch("李师傅", " ", Instant.parse("2026-11-23T01:10:00Z"))));
    }

    @Test
    void aConsultationAnsweredAtTheDeskNeedsNoDispatchFields() {
        for (String kind : new String[] {"consultation", "callback"}) {
            for (String status : new String[] {"registered", "confirmed", "closed"}) {
                Tickets t = Tickets.complete().kind(kind).undispatched().status(status);
                LedgerRow row = LedgerRow.of(t.ticket());
                assertEquals(List.of(), row.missing(), kind + " " + status + ": nothing missing");
                assertEquals(DISPATCH, row.notApplicable(), kind + " " + status + ": the three do not apply");
                assertTrue(row.complete());
            }
        }
        // the other seven fields are still required
        assertEquals(List.of(NAME), missing(Tickets.complete().kind("consultation").undispatched().name(null)));
    }

    @Test
    void aConsultationThatWasDispatchedAfterAllNeedsAllThree() {
        Tickets c = Tickets.complete().kind("consultation").undispatched();
        assertEquals(List.of(DEPARTMENT, RECEIVED_AT), missing(c.dispatch("李师傅", null, null)));
        assertEquals(List.of(RECEIVER, RECEIVED_AT), missing(c.dispatch(null, "工程部", null)));
        assertEquals(DISPATCH, missing(c.status("dispatched")), "dispatched without the fields filled");
        assertEquals(DISPATCH, missing(c.status("finished")));
        assertEquals(List.of(), LedgerRow.notApplicable(c.status("arrived").ticket()));
    }

    @Test
    void aCancelledTicketIsAVoidLineWithNothingMissing() {
        Tickets t = Tickets.complete().undispatched().name(null).matter(null).status("cancelled");
        LedgerRow row = LedgerRow.of(t.ticket());
        assertEquals(List.of(), row.missing());
        assertTrue(row.complete());
    }

    @Test
    void daysAreCalendarDatesOfTheDesksZone() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        LocalDate d = LocalDate.parse("2026-11-23");
        assertEquals(Instant.parse("2026-11-22T16:00:00Z"), LedgerDays.start(d, shanghai));
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), LedgerDays.end(d, shanghai));
        assertEquals(d, LedgerDays.dayOf(Instant.parse("2026-11-22T16:00:00Z"), shanghai));
        assertEquals(d.minusDays(1), LedgerDays.dayOf(Instant.parse("2026-11-22T15:59:59Z"), shanghai));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDate autumn = LocalDate.parse("2026-10-25");
        assertEquals(25, java.time.Duration.between(LedgerDays.start(autumn, berlin),
                LedgerDays.end(autumn, berlin)).toHours(), "the day clocks go back has 25 hours");
    }

    @Test
    void rangesAreBoundedToAYear() {
        LedgerDays.checkRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-01"));
        LedgerDays.checkRange(LocalDate.parse("2028-01-01"), LocalDate.parse("2028-12-31"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LedgerDays.checkRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-02")));
        assertTrue(e.getMessage().contains("367 days"), e.getMessage());
        assertFalse(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LedgerDays.checkRange(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-01")))
                .getMessage().isEmpty());
    }
}
