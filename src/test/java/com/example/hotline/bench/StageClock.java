package com.example.hotline.bench;

import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the time of one ticket goes on the FastAGI path, stage by stage, all on {@link System#nanoTime}
 * of the one JVM. The client side marks when it sent the request and when each AGI command arrived;
 * the server side is observed without touching it: the desk's {@link Clock} is one whose instants
 * carry the nanosecond they were read (so {@link Arrival#at()} says when the arrival was queued), and
 * the directory and the ticket store are wrapped to time each lookup and each batch. Thread-safe.
 */
final class StageClock {

    /** Client marks, per linkedId: request sent, the one question (linkedid, states, file), ticket set. */
    private static final int SENT = 0;
    private static final int LINKED = 2;
    private static final int TICKET = 3;
    /** Server marks: arrival queued, directory lookup start/end, batch start/end. */
    private static final int QUEUED = 4;
    private static final int LOOKUP_START = 5;
    private static final int LOOKUP_END = 6;
    private static final int BATCH_START = 7;
    private static final int BATCH_END = 8;

    private final long nanoBase = System.nanoTime();
    private final Instant instantBase = Instant.now();
    private final Map<String, long[]> marks = new ConcurrentHashMap<>();
    /** Caller ID → linkedId of the session that is using it (for the directory, which sees only numbers). */
    private final Map<String, String> callers = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> batchSizes = new ConcurrentHashMap<>();

    /** Forgets everything: the next mode starts from nothing. */
    void reset() {
        marks.clear();
        callers.clear();
        batchSizes.clear();
    }

    void caller(String callerId, String linkedId) {
        callers.put(callerId, linkedId);
    }

    void sent(String linkedId, long nanos) {
        mark(linkedId, SENT, nanos);
    }

    void linkedIdCommand(String linkedId, long nanos) {
        mark(linkedId, LINKED, nanos);
    }

    void ticketCommand(String linkedId, long nanos) {
        mark(linkedId, TICKET, nanos);
    }

    private void mark(String linkedId, int what, long nanos) {
        marks.computeIfAbsent(linkedId, k -> new long[9])[what] = nanos;
    }

    /** The desk's clock: its instants are {@code System.nanoTime()} in disguise. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return instantBase.plusNanos(System.nanoTime() - nanoBase);
            }
        };
    }

    private long nanos(Instant at) {
        return nanoBase + Duration.between(instantBase, at).toNanos();
    }

    /** The directory, timed per caller. */
    Directory directory(Directory delegate) {
        return new Directory() {
            @Override
            public Optional<DirectoryEntry> lookup(String callerId) {
                long t = System.nanoTime();
                try {
                    return delegate.lookup(callerId);
                } finally {
                    looked(List.of(callerId), t, System.nanoTime());
                }
            }

            @Override
            public Map<String, DirectoryEntry> lookupAll(Collection<String> callerIds) {
                long t = System.nanoTime();
                try {
                    return delegate.lookupAll(callerIds);
                } finally {
                    looked(callerIds, t, System.nanoTime());
                }
            }

            @Override
            public List<DirectoryEntry> household(String building, String room) {
                return delegate.household(building, room);
            }
        };
    }

    private void looked(Collection<String> callerIds, long start, long end) {
        for (String callerId : callerIds) {
            String linkedId = callers.get(callerId);
            if (linkedId != null) {
                mark(linkedId, LOOKUP_START, start);
                mark(linkedId, LOOKUP_END, end);
            }
        }
    }

    /** The ticket store, timed per batch: when each arrival was queued, when its batch began and ended. */
    TicketStore store(TicketStore delegate) {
        return new ForwardingTicketStore(delegate) {
            @Override
            public Opened openForCall(Arrival arrival, Duration repeatWindow, ZoneId zone) {
                long t = System.nanoTime();
                try {
                    return delegate.openForCall(arrival, repeatWindow, zone);
                } finally {
                    batch(List.of(arrival), t, System.nanoTime());
                }
            }

            @Override
            public List<Opened> openForCalls(List<Arrival> arrivals, Duration repeatWindow, ZoneId zone) {
                long t = System.nanoTime();
                try {
                    return delegate.openForCalls(arrivals, repeatWindow, zone);
                } finally {
                    batch(arrivals, t, System.nanoTime());
                }
            }
        };
    }

    private void batch(List<Arrival> arrivals, long start, long end) {
        batchSizes.merge(arrivals.size(), 1, Integer::sum);
        for (Arrival a : arrivals) {
            mark(a.linkedId(), QUEUED, nanos(a.at()));
            mark(a.linkedId(), BATCH_START, start);
            mark(a.linkedId(), BATCH_END, end);
        }
    }

    /** p50/p99 of each stage over the sessions that have every mark, and the batch sizes; one line each. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        List<long[]> done = new ArrayList<>();
        for (long[] m : marks.values()) {
            if (m[SENT] != 0 && m[TICKET] != 0 && m[BATCH_START] != 0) {
                done.add(m);
            }
        }
        if (done.isEmpty()) {
            return out;
        }
        stage(out, "request → question to the PBX", done, SENT, LINKED);
        stage(out, "question → arrival queued", done, LINKED, QUEUED);
        stage(out, "queued → batch starts", done, QUEUED, BATCH_START);
        stage(out, "batch written (transaction)", done, BATCH_START, BATCH_END);
        stage(out, "batch end → ticket command", done, BATCH_END, TICKET);
        List<long[]> looked = done.stream().filter(m -> m[LOOKUP_START] != 0).toList();
        if (!looked.isEmpty()) {
            stage(out, "(directory lookup, where done)", looked, LOOKUP_START, LOOKUP_END);
        }
        stage(out, "total", done, SENT, TICKET);
        Map<Integer, Integer> sizes = new TreeMap<>(batchSizes);
        int batches = sizes.values().stream().mapToInt(Integer::intValue).sum();
        int arrivals = sizes.entrySet().stream().mapToInt(e -> e.getKey() * e.getValue()).sum();
        StringBuilder b = new StringBuilder();
        sizes.forEach((size, count) -> b.append(b.length() == 0 ? "" : ", ").append(size).append("×").append(count));
        out.add(String.format(Locale.ROOT, "%d batches, %.1f arrivals per batch; size×count: %s", batches,
                batches == 0 ? 0.0 : (double) arrivals / batches, b));
        return out;
    }

    private static void stage(List<String> out, String name, List<long[]> done, int from, int to) {
        long[] micros = new long[done.size()];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = (done.get(i)[to] - done.get(i)[from]) / 1000;
        }
        Arrays.sort(micros);
        out.add(String.format(Locale.ROOT, "%-36s p50 %6.1f ms   p99 %6.1f ms", name,
                micros[(int) Math.ceil(0.5 * micros.length) - 1] / 1000.0,
                micros[(int) Math.ceil(0.99 * micros.length) - 1] / 1000.0));
    }
}
