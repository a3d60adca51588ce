package com.example.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schedule on chosen days and minutes, each read through an injected clock standing on that moment. */
class OfficeHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // 2026: 1 October (Thursday) is National Day, Sunday 27 September and Saturday 10 October are make-up days
    private static final OfficeHours DESK = new OfficeHours(SHANGHAI, OfficeHours.weekdays(SHANGHAI).weekly(),
            Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2)),
            Set.of(LocalDate.of(2026, 9, 27), LocalDate.of(2026, 10, 10)),
            List.of(new OfficeHours.Window(LocalTime.of(9, 0), LocalTime.of(17, 0))));

    private static Clock at(String localDateTime, ZoneId zone) {
        return Clock.fixed(LocalDateTime.parse(localDateTime).atZone(zone).toInstant(), ZoneId.of("UTC"));
    }

    private static boolean open(OfficeHours hours, String local) {
        return hours.openAt(at(local, hours.zone()).instant());
    }

    @Test
    void aWeekdayEveningIsAfterHours() {
        assertTrue(open(DESK, "2026-11-24T10:00:00"), "Tuesday 10:00 is office hours");
        assertFalse(open(DESK, "2026-11-24T19:30:00"), "Tuesday 19:30 is after hours");
        assertFalse(open(DESK, "2026-11-25T03:00:00"), "Wednesday 03:00 is after hours");
        assertTrue(DESK.explain(at("2026-11-24T19:30:00", SHANGHAI).instant()).contains("outside"),
                DESK.explain(at("2026-11-24T19:30:00", SHANGHAI).instant()));
    }

    @Test
    void aPublicHolidayIsClosedAllDay() {
        assertFalse(open(DESK, "2026-10-01T10:00:00"), "National Day, a Thursday, 10:00");
        assertFalse(open(DESK, "2026-10-02T10:00:00"), "Friday 2 October, holiday");
        assertTrue(open(DESK, "2026-10-05T10:00:00"), "Monday 5 October, not a holiday here, is open");
        assertTrue(DESK.explain(at("2026-10-01T10:00:00", SHANGHAI).instant()).endsWith("holiday"));
    }

    @Test
    void aMakeUpSaturdayIsWorkedWithTheMakeUpHours() {
        assertTrue(open(DESK, "2026-10-10T09:00:00"), "make-up Saturday opens at 09:00");
        assertTrue(open(DESK, "2026-10-10T16:59:00"), "make-up Saturday, 16:59");
        assertFalse(open(DESK, "2026-10-10T17:00:00"), "make-up Saturday closes at 17:00");
        assertFalse(open(DESK, "2026-10-17T10:00:00"), "an ordinary Saturday stays closed");
        assertTrue(open(DESK, "2026-09-27T10:00:00"), "make-up Sunday");
    }

    @Test
    void theMinuteAroundOpeningAndClosing() {
        assertFalse(open(DESK, "2026-11-24T08:29:00"), "08:29 still closed");
        assertFalse(open(DESK, "2026-11-24T08:29:59.999"), "a millisecond before opening");
        assertTrue(open(DESK, "2026-11-24T08:30:00"), "08:30:00 open");
        assertTrue(open(DESK, "2026-11-24T08:31:00"), "08:31 open");
        assertTrue(open(DESK, "2026-11-24T17:29:59.999"), "a millisecond before closing");
        assertFalse(open(DESK, "2026-11-24T17:30:00"), "17:30:00 closed");
        assertFalse(open(DESK, "2026-11-24T17:31:00"), "17:31 closed");
    }

    @Test
    void aTimeZoneChange() {
        // daylight saving: Berlin springs forward on 29 March 2026, 02:00 → 03:00; a desk opening 08:30
        // local opens at 07:30 UTC before and at 06:30 UTC after the change
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        OfficeHours desk = OfficeHours.weekdays(berlin);
        Instant fridayBefore = ZonedDateTime.parse("2026-03-27T07:30:00Z").toInstant();
        Instant mondayAfter = ZonedDateTime.parse("2026-03-30T06:30:00Z").toInstant();
        assertTrue(desk.openAt(fridayBefore), "Friday 08:30 CET = 07:30 UTC");
        assertFalse(desk.openAt(fridayBefore.minusSeconds(60)), "Friday 08:29 CET");
        assertTrue(desk.openAt(mondayAfter), "Monday 08:30 CEST = 06:30 UTC");
        assertFalse(desk.openAt(mondayAfter.minusSeconds(60)), "Monday 08:29 CEST");

        // the desk's configured zone changes: the same instant is read in the new zone
        Instant utcMorning = ZonedDateTime.parse("2026-11-24T02:00:00Z").toInstant(); // Shanghai 10:00, Berlin 03:00
        assertTrue(OfficeHours.weekdays(SHANGHAI).openAt(utcMorning), "10:00 in Shanghai");
        assertFalse(OfficeHours.weekdays(berlin).openAt(utcMorning), "03:00 in Berlin");
    }

    @Test
    void aHolidayWinsOverAMakeUpDayAndWindowsMustNotOverlap() {
        OfficeHours both = new OfficeHours(SHANGHAI, OfficeHours.weekdays(SHANGHAI).weekly(),
                Set.of(LocalDate.of(2026, 10, 10)), Set.of(LocalDate.of(2026, 10, 10)), DESK.makeUpHours());
        assertFalse(open(both, "2026-10-10T10:00:00"));
        assertThrows(IllegalArgumentException.class, () -> new OfficeHours.Window(LocalTime.of(9, 0),
                LocalTime.of(9, 0)));
        assertThrows(IllegalArgumentException.class, () -> new OfficeHours(SHANGHAI, java.util.Map.of(
                java.time.DayOfWeek.MONDAY, List.of(new OfficeHours.Window(LocalTime.of(8, 0), LocalTime.of(12, 0)),
                        new OfficeHours.Window(LocalTime.of(11, 0), LocalTime.of(14, 0)))), Set.of(), Set.of(), List.of()));
    }

    @Test
    void theOverrideForcesOpenOrClosedAndAutoFollowsTheSchedule() {
        Instant evening = at("2026-11-24T19:30:00", SHANGHAI).instant();
        Instant morning = at("2026-11-24T10:00:00", SHANGHAI).instant();
        assertFalse(HoursState.of(DESK, HoursMode.AUTO, evening).open());
        assertTrue(HoursState.of(DESK, HoursMode.OPEN, evening).open());
        assertTrue(HoursState.of(DESK, HoursMode.OPEN, evening).overridden());
        assertFalse(HoursState.of(DESK, HoursMode.CLOSED, morning).open());
        assertTrue(HoursState.of(DESK, HoursMode.CLOSED, morning).scheduledOpen());
        assertEquals(HoursMode.CLOSED, HoursMode.parse(" Closed "));
        assertThrows(IllegalArgumentException.class, () -> HoursMode.parse("night"));
    }

    @Test
    void aNewDeskIsOpenAroundTheClockUntilHoursAreSet() {
        OfficeHours always = OfficeHours.always(SHANGHAI);
        assertTrue(open(always, "2026-11-28T03:00:00"), "Saturday night");
        assertTrue(open(always, "2026-11-24T23:59:59"), "the last second of the day");
        assertEquals("00:00-24:00", always.weekly().get(java.time.DayOfWeek.SUNDAY).get(0).toString());
        assertEquals(always.weekly().get(java.time.DayOfWeek.SUNDAY).get(0), OfficeHours.Window.parse("00:00-24:00"));
        assertThrows(IllegalArgumentException.class, () -> OfficeHours.Window.parse("8-17"));
    }
}
