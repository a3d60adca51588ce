package com.example.hotline.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desk's office hours: a weekly schedule of opening windows in {@code zone}, holidays (dates
 * closed all day whatever the weekday) and make-up working days (dates worked although the weekly
 * schedule has them closed, typically a weekend day before or after a public holiday; they follow
 * {@code makeUpHours}). A holiday that is also listed as a make-up day is closed: a holiday wins.
 * Pure and immutable; {@link #openAt} answers for any instant, so tests inject any clock.
 */
public record OfficeHours(ZoneId zone, Map<DayOfWeek, List<Window>> weekly, Set<LocalDate> holidays,
                          Set<LocalDate> makeUpDays, List<Window> makeUpHours) {

    /**
     * Open from {@code open} (included) to {@code close} (excluded), local time of the desk; a close of
     * {@link LocalTime#MAX}, written {@code 24:00}, is the end of the day.
     */
    public record Window(LocalTime open, LocalTime close) {
        public Window {
            if (open == null || close == null || !open.isBefore(close)) {
                throw new IllegalArgumentException("an opening window must open before it closes: " + open + "-"
                        + close);
            }
        }

        /** {@code 08:30-17:30}; a bad value is an IllegalArgumentException naming it. */
        public static Window parse(String s) {
            String[] p = s == null ? new String[0] : s.strip().split("-", -1);
            if (p.length != 2) {
                throw new IllegalArgumentException("opening window: HH:MM-HH:MM, not " + s);
            }
            try {
                String close = p[1].strip();
                return new Window(LocalTime.parse(p[0].strip()),
                        "24:00".equals(close) ? LocalTime.MAX : LocalTime.parse(close));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("opening window: HH:MM-HH:MM, not " + s);
            }
        }

        boolean contains(LocalTime t) {
            return !t.isBefore(open) && t.isBefore(close);
        }

        @Override
        public String toString() {
            return open + "-" + (close.equals(LocalTime.MAX) ? "24:00" : close.toString());
        }
    }

    public OfficeHours {
        if (zone == null) {
            throw new IllegalArgumentException("office hours need a time zone");
        }
        EnumMap<DayOfWeek, List<Window>> w = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            List<Window> list = weekly == null ? null : weekly.get(d);
            w.put(d, sorted(list));
        }
        weekly = Collections.unmodifiableMap(w);
        holidays = Collections.unmodifiableSet(new TreeSet<>(holidays == null ? Set.of() : holidays));
        makeUpDays = Collections.unmodifiableSet(new TreeSet<>(makeUpDays == null ? Set.of() : makeUpDays));
        makeUpHours = sorted(makeUpHours);
    }

    private static List<Window> sorted(List<Window> list) {
        List<Window> out = new ArrayList<>(list == null ? List.of() : list);
        out.sort((a, b) -> a.open().compareTo(b.open()));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).open().isBefore(out.get(i - 1).close())) {
                throw new IllegalArgumentException("opening windows overlap: " + out.get(i - 1) + " and "
                        + out.get(i));
            }
        }
        return List.copyOf(out);
    }

    /** A desk open Monday to Friday 08:30-17:30 in {@code zone}, make-up days the same; no holidays yet. */
    public static OfficeHours weekdays(ZoneId zone) {
        List<Window> day = List.of(new Window(LocalTime.of(8, 30), LocalTime.of(17, 30)));
        Map<DayOfWeek, List<Window>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(d, day);
        }
        return new OfficeHours(zone, weekly, Set.of(), Set.of(), day);
    }

    /**
     * Open around the clock every day: what a desk has until an administrator sets its office hours, so
     * that a new installation routes every call to the front desk as before.
     */
    public static OfficeHours always(ZoneId zone) {
        List<Window> day = List.of(new Window(LocalTime.MIDNIGHT, LocalTime.MAX));
        Map<DayOfWeek, List<Window>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            weekly.put(d, day);
        }
        return new OfficeHours(zone, weekly, Set.of(), Set.of(), day);
    }

    /** The opening windows of one calendar date of the desk. */
    public List<Window> windowsOn(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        if (makeUpDays.contains(date)) {
            return makeUpHours;
        }
        return weekly.get(date.getDayOfWeek());
    }

    /** Whether the desk is open by its schedule at {@code at}. */
    public boolean openAt(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        for (Window w : windowsOn(local.toLocalDate())) {
            if (w.contains(local.toLocalTime())) {
                return true;
            }
        }
        return false;
    }

    /** Why the schedule says what it says at {@code at}, for the call's stored decision. */
    public String explain(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate date = local.toLocalDate();
        String when = date + " " + local.toLocalTime().withNano(0) + " " + zone.getId();
        if (holidays.contains(date)) {
            return when + ": holiday";
        }
        List<Window> windows = windowsOn(date);
        String day = makeUpDays.contains(date) ? "make-up working day" : date.getDayOfWeek().toString().toLowerCase();
        if (windows.isEmpty()) {
            return when + ": " + day + ", closed all day";
        }
        return when + ": " + day + " " + windows + (openAt(at) ? ", open" : ", outside the opening hours");
    }
}
