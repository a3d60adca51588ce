package com.example.hotline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.PhoneNumbers;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The desk's directory lookup, done by the ticket writer for a whole batch, with a store that only records. */
class TicketDeskTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private final List<Arrival> written = new CopyOnWriteArrayList<>();
    private final List<Collection<String>> lookedUp = new CopyOnWriteArrayList<>();
    /** The directory's database is down while set. */
    private final java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();

    /** A store that opens a ticket from each arrival as it is and remembers the arrivals. */
    private TicketStore recordingStore() {
        return (TicketStore) Proxy.newProxyInstance(TicketStore.class.getClassLoader(),
                new Class<?>[] {TicketStore.class}, (p, m, args) -> {
                    List<Arrival> arrivals = new ArrayList<>();
                    if (m.getName().equals("openForCall")) {
                        arrivals.add((Arrival) args[0]);
                    } else if (m.getName().equals("openForCalls")) {
                        @SuppressWarnings("unchecked")
                        List<Arrival> batch = (List<Arrival>) args[0];
                        arrivals.addAll(batch);
                    } else {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    written.addAll(arrivals);
                    batches.add(arrivals.stream().map(Arrival::linkedId).toList());
                    List<TicketStore.Opened> out = arrivals.stream().map(a -> new TicketStore.Opened(new Ticket(1,
                            "2611-0001", a.at(), "phone", a.callerId(), a.phoneNorm(), a.callerIdStatus(), a.name(),
                            a.building(), a.room(), null, null, null, null, null, null, null, null, "registered", null,
                            null, List.of(a.linkedId())), "created")).toList();
                    return m.getName().equals("openForCall") ? out.get(0) : out;
                });
    }

    private Directory directory(boolean failing) {
        return new Directory() {
            @Override
            public Optional<DirectoryEntry> lookup(String callerId) {
                return Optional.ofNullable(lookupAll(List.of(callerId)).get(callerId));
            }

            @Override
            public Map<String, DirectoryEntry> lookupAll(Collection<String> callerIds) {
                lookedUp.add(List.copyOf(callerIds));
                if (failing || down.get()) {
                    throw new IllegalStateException("directory down");
                }
                Map<String, DirectoryEntry> out = new HashMap<>();
                for (String id : callerIds) {
                    if (id.replaceAll("\\D", "").endsWith("13800138000")) {
                        out.put(id, new DirectoryEntry("13800138000", id, "王芳", "3栋", "1201", Map.of()));
                    }
                }
                return out;
            }

            @Override
            public List<DirectoryEntry> household(String building, String room) {
                return List.of();
            }
        };
    }

    private TicketDesk desk(boolean failingDirectory) {
        return new TicketDesk(recordingStore(), directory(failingDirectory), new PhoneNumbers(""),
                Duration.ofHours(24), ZoneId.of("Asia/Shanghai"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The batches the store was given, by linkedId, in order. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();

    private Arrival writtenFor(String linkedId) {
        return written.stream().filter(a -> a.linkedId().equals(linkedId)).findFirst()
                .orElseThrow(() -> new AssertionError("no arrival written for " + linkedId));
    }

    @Test
    void theWriterLooksTheCallerUpAndFlagsWhatTheDirectoryDoesNotKnow() {
        try (TicketDesk desk = desk(false)) {
            assertTrue(desk.arrive("k1", "+86 138 0013 8000").isPresent(), "known caller: ticket");
            assertTrue(desk.arrive("u1", "13900139000").isPresent(), "unknown caller: ticket");
            assertTrue(desk.arrive("w1", "anonymous").isPresent(), "withheld: ticket");
        }
        Arrival known = writtenFor("k1");
        assertEquals(CallerIdStatus.IDENTIFIED, known.callerIdStatus(), "known");
        assertEquals("王芳", known.name(), "name from the directory");
        assertEquals("3栋", known.building(), "building");
        assertEquals("1201", known.room(), "room");
        assertEquals("+86 138 0013 8000", known.callerId(), "caller ID kept as received");
        assertEquals(NOW, known.at(), "arrival time from the clock");
        Arrival unknown = writtenFor("u1");
        assertEquals(CallerIdStatus.UNIDENTIFIED, unknown.callerIdStatus(), "unknown");
        assertEquals("13900139000", unknown.phoneNorm(), "normal form kept for repeat calls");
        assertNull(unknown.name(), "no name");
        assertEquals(CallerIdStatus.WITHHELD, writtenFor("w1").callerIdStatus(), "withheld");
        assertTrue(lookedUp.stream().flatMap(Collection::stream).noneMatch("anonymous"::equals),
                "a withheld caller is never looked up: " + lookedUp);
    }

    @Test
    void aCallOnItsWayIsWaitedForAndWrittenWithTheFirst() throws Exception {
        try (TicketDesk desk = new TicketDesk(recordingStore(), directory(false), new PhoneNumbers(""),
                Duration.ofHours(24), ZoneId.of("Asia/Shanghai"), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofSeconds(30))) {
            desk.expect();
            desk.expect();
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> desk.arrive("a1", "13900000001"));
            Thread.sleep(300);
            assertTrue(desk.arrive("a2", "13900000002").isPresent(), "second: ticket");
            assertTrue(first.get(5, java.util.concurrent.TimeUnit.SECONDS).isPresent(), "first: ticket");
            assertEquals(1, batches.size(), "one batch, the writer waited for the second: " + batches);
            assertEquals(java.util.Set.of("a1", "a2"), java.util.Set.copyOf(batches.get(0)), "both in it");

            desk.expect();
            desk.notComing();
            assertTrue(desk.arrive("b1", "13900000003").isPresent(),
                    "a lone call is not held (the test's 30 s gather would exceed the desk's 2 s wait)");
            assertTrue(desk.arrive("c1", "13900000004").isPresent(), "an unannounced call neither");
            assertEquals(List.of(List.of("b1"), List.of("c1")), batches.subList(1, 3), "each alone");
        }
    }

    @Test
    void aFailingDirectoryKeepsTheCallForTheRetryWhichLooksTheCallerUpAgain() {
        down.set(true);
        try (TicketDesk desk = desk(false)) {
            assertTrue(desk.arrive("k1", "13800138000").isEmpty(), "no ticket while the directory is down");
            assertEquals(1, desk.pending(), "kept for the retry, not filed unidentified");
            assertEquals(1, desk.retryPending(), "still down: still kept");
            down.set(false);
            assertEquals(0, desk.retryPending(), "opened on the retry");
        }
        Arrival written = writtenFor("k1");
        assertEquals(CallerIdStatus.IDENTIFIED, written.callerIdStatus(), "the caller is known after all");
        assertEquals("王芳", written.name());
        assertEquals(3, lookedUp.size(), "the batch lookup, then one per retry: " + lookedUp);
    }
}
