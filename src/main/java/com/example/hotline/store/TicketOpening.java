package com.example.hotline.store;

import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketNumber;
import com.example.hotline.ticket.TicketStore.Opened;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Opens the tickets of arriving calls inside one transaction with a fixed number of statements, however
 * many calls there are (each statement works on arrays): the calls that already have a ticket, one
 * advisory lock per phone that can repeat (taken in sorted order, so two openings cannot deadlock),
 * the newest open ticket of each of those phones, then the month's serial row advanced once by the
 * number of new tickets (still inside the transaction: a rollback gives the whole range back, so
 * numbers stay gapless), the new tickets, their calls, their steps and the tickets read back. Which
 * call joins which ticket is decided in Java between the reads and the writes, in the arrivals' order,
 * exactly as if they had been opened one after the other. Each call is locked first
 * ({@link CallLocks}), and a ticket opened for a call already stored catches up with its answer or miss.
 * Stateless.
 */
final class TicketOpening {

    /** Advisory lock namespace for "one number opens one ticket at a time" (first key of the pair). */
    private static final int PHONE_LOCK = 0x7469636b; // "tick"

    private TicketOpening() {}

    /** How one arrival ends up: on a ticket already stored ({@code ticketId}) or on the {@code fresh}-th new one. */
    private record Outcome(Arrival arrival, String how, long ticketId, int fresh) {}

    /** A ticket an arrival may join: stored ({@code id}) or new in this batch ({@code fresh} ≥ 0). */
    private record Candidate(Instant createdAt, long id, int fresh) {
        boolean newerThan(Candidate o) {
            int c = createdAt.compareTo(o.createdAt);
            return c != 0 ? c > 0 : fresh != o.fresh ? fresh > o.fresh : id > o.id;
        }
    }

    static List<Opened> open(Connection c, List<Arrival> arrivals, Duration repeatWindow, ZoneId zone)
            throws SQLException {
        // the calls first, then their phones: every opening takes its locks in that order
        CallLocks.lockCalls(c, arrivals.stream().map(Arrival::linkedId).collect(Collectors.toCollection(TreeSet::new)));
        Map<String, Long> existing = existing(c, arrivals);
        TreeSet<String> phones = new TreeSet<>();
        Instant since = null;
        for (Arrival a : arrivals) {
            if (canRepeat(a) && !existing.containsKey(a.linkedId())) {
                phones.add(a.phoneNorm());
                Instant from = a.at().minus(repeatWindow);
                since = since == null || from.isBefore(since) ? from : since;
            }
        }
        Map<String, Candidate> latest = phones.isEmpty() ? new HashMap<>() : lockAndFindOpen(c, phones, since);

        List<Outcome> outcomes = new ArrayList<>(arrivals.size());
        Map<String, Outcome> byCall = new HashMap<>();
        List<Arrival> fresh = new ArrayList<>();
        for (Arrival a : arrivals) {
            Outcome seen = byCall.get(a.linkedId());
            Long stored = existing.get(a.linkedId());
            Outcome o;
            if (seen != null) {
                o = new Outcome(a, "existing", seen.ticketId(), seen.fresh());
            } else if (stored != null) {
                o = new Outcome(a, "existing", stored, -1);
            } else {
                Candidate open = canRepeat(a) ? latest.get(a.phoneNorm()) : null;
                if (open != null && !open.createdAt().isBefore(a.at().minus(repeatWindow))) {
                    o = new Outcome(a, "repeat", open.id(), open.fresh());
                } else {
                    o = new Outcome(a, "created", -1, fresh.size());
                    if (canRepeat(a)) {
                        latest.merge(a.phoneNorm(), new Candidate(a.at(), -1, fresh.size()),
                                (old, now) -> now.newerThan(old) ? now : old);
                    }
                    fresh.add(a);
                }
            }
            byCall.put(a.linkedId(), o);
            outcomes.add(o);
        }

        long[] freshIds = insert(c, fresh, zone);
        List<Outcome> joining = outcomes.stream().filter(o -> !o.how().equals("existing")).toList();
        if (!joining.isEmpty()) {
            attachAndStep(c, joining, freshIds);
            Map<String, Long> joined = new HashMap<>();
            joining.forEach(o -> joined.put(o.arrival().linkedId(), id(o, freshIds)));
            CallLocks.catchUp(c, joined);
        }
        Map<Long, Ticket> tickets = read(c, outcomes, freshIds);
        List<Opened> out = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            out.add(new Opened(tickets.get(id(o, freshIds)), o.how()));
        }
        return out;
    }

    private static boolean canRepeat(Arrival a) {
        return a.phoneNorm() != null && a.callerIdStatus() != CallerIdStatus.WITHHELD;
    }

    private static long id(Outcome o, long[] freshIds) {
        return o.fresh() >= 0 ? freshIds[o.fresh()] : o.ticketId();
    }

    /** linkedId → ticket id of the arrivals whose call already has a ticket (the same arrival retried). */
    private static Map<String, Long> existing(Connection c, List<Arrival> arrivals) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT linked_id, ticket_id FROM ticket_calls WHERE linked_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", arrivals.stream().map(Arrival::linkedId).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /**
     * Locks every phone (sorted: the function scan runs in array order) and returns, for each, its
     * newest open phone ticket created since {@code since} (the earliest window start of the batch;
     * each arrival checks its own window).
     */
    private static Map<String, Candidate> lockAndFindOpen(Connection c, TreeSet<String> phones, Instant since)
            throws SQLException {
        Array sorted = c.createArrayOf("text", phones.toArray(String[]::new));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(pg_advisory_xact_lock(?, hashtext(p))) FROM unnest(?::text[]) AS u(p)")) {
            ps.setInt(1, PHONE_LOCK);
            ps.setArray(2, sorted);
            ps.execute();
        }
        Map<String, Candidate> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (t.phone_norm) t.phone_norm, t.id, "
                + "t.created_at FROM tickets t WHERE t.phone_norm = ANY(?) AND t.source = 'phone' "
                + "AND t.status NOT IN ('closed', 'cancelled') AND t.created_at >= ? "
                + "ORDER BY t.phone_norm, t.created_at DESC, t.id DESC")) {
            ps.setArray(1, sorted);
            ps.setTimestamp(2, Sql.ts(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Candidate(Sql.instant(rs, "created_at"), rs.getLong(2), -1));
                }
            }
        }
        return out;
    }

    /**
     * Inserts the new tickets, numbered in their order within each month (a month's serial row is
     * advanced once for all of them, months in order); returns their ids in the same order.
     */
    private static long[] insert(Connection c, List<Arrival> fresh, ZoneId zone) throws SQLException {
        if (fresh.isEmpty()) {
            return new long[0];
        }
        Map<String, Integer> perMonth = new TreeMap<>();
        for (Arrival a : fresh) {
            perMonth.merge(TicketNumber.month(a.at(), zone), 1, Integer::sum);
        }
        Map<String, Integer> next = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_serials (month, last) VALUES (?, ?) "
                + "ON CONFLICT (month) DO UPDATE SET last = ticket_serials.last + EXCLUDED.last RETURNING last")) {
            for (Map.Entry<String, Integer> m : perMonth.entrySet()) {
                ps.setString(1, m.getKey());
                ps.setInt(2, m.getValue());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    next.put(m.getKey(), rs.getInt(1) - m.getValue() + 1);
                }
            }
        }
        int n = fresh.size();
        String[] numbers = new String[n];
        String[][] cols = new String[8][n];
        for (int i = 0; i < n; i++) {
            Arrival a = fresh.get(i);
            String month = TicketNumber.month(a.at(), zone);
            numbers[i] = TicketNumber.format(month, next.merge(month, 1, Integer::sum) - 1);
            String[] row = {a.at().toString(), "phone", a.callerId(), a.phoneNorm(), a.callerIdStatus().dbName(),
                    a.name(), a.building(), a.room()};
            for (int k = 0; k < row.length; k++) {
                cols[k][i] = row[k];
            }
        }
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (ticket_no, created_at, source, phone, "
                + "phone_norm, caller_id_status, name, building, room) SELECT u.no, u.at::timestamptz, u.source, "
                + "u.phone, u.norm, u.status, u.name, u.building, u.room FROM unnest(?::text[], ?::text[], ?::text[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
                + "AS u(no, at, source, phone, norm, status, name, building, room) RETURNING id, ticket_no")) {
            ps.setArray(1, c.createArrayOf("text", numbers));
            for (int k = 0; k < cols.length; k++) {
                ps.setArray(k + 2, c.createArrayOf("text", cols[k]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = ids.get(numbers[i]);
        }
        return out;
    }

    /**
     * Attaches each joining call to its ticket and writes the ticket's step ({@code registered} or
     * {@code repeat-call}).
     */
    private static void attachAndStep(Connection c, List<Outcome> joining, long[] freshIds) throws SQLException {
        int n = joining.size();
        String[] linked = new String[n];
        Long[] tickets = new Long[n];
        String[] at = new String[n];
        String[] how = new String[n];
        String[] step = new String[n];
        String[] detail = new String[n];
        for (int i = 0; i < n; i++) {
            Outcome o = joining.get(i);
            linked[i] = o.arrival().linkedId();
            tickets[i] = id(o, freshIds);
            at[i] = o.arrival().at().toString();
            how[i] = o.how();
            step[i] = o.how().equals("created") ? "registered" : "repeat-call";
            detail[i] = JdbcTicketStore.detail("linkedId", linked[i]);
        }
        Array ticketIds = c.createArrayOf("bigint", tickets);
        Array ats = c.createArrayOf("text", at);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_calls (linked_id, ticket_id, attached_at, "
                + "how) SELECT u.l, u.t, u.a::timestamptz, u.h "
                + "FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[]) AS u(l, t, a, h) "
                + "ON CONFLICT (linked_id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id, "
                + "attached_at = EXCLUDED.attached_at, how = EXCLUDED.how")) {
            ps.setArray(1, c.createArrayOf("text", linked));
            ps.setArray(2, ticketIds);
            ps.setArray(3, ats);
            ps.setArray(4, c.createArrayOf("text", how));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_steps (ticket_id, step, at, detail) "
                + "SELECT u.t, u.s, u.a::timestamptz, u.d::jsonb FROM unnest(?::bigint[], ?::text[], ?::text[], "
                + "?::text[]) WITH ORDINALITY AS u(t, s, a, d, i) ORDER BY u.i")) {
            ps.setArray(1, ticketIds);
            ps.setArray(2, c.createArrayOf("text", step));
            ps.setArray(3, ats);
            ps.setArray(4, c.createArrayOf("text", detail));
            ps.executeUpdate();
        }
    }

    /** Every ticket the arrivals ended up on, as they are now (their calls included), by id. */
    private static Map<Long, Ticket> read(Connection c, List<Outcome> outcomes, long[] freshIds) throws SQLException {
        Long[] ids = outcomes.stream().map(o -> id(o, freshIds)).distinct().toArray(Long[]::new);
        Map<Long, Ticket> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + JdbcTicketStore.COLUMNS
                + " FROM tickets t WHERE t.id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Ticket t = JdbcTicketStore.ticket(rs);
                    out.put(t.id(), t);
                }
            }
        }
        return out;
    }
}
