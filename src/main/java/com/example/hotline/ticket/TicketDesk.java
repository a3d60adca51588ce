package com.example.hotline.ticket;

import com.example.hotline.call.CallStore;
import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the ticket of a hotline call from its caller ID while the call waits in FastAGI, before any
 * phone rings: the {@code ticket-writer} thread looks the numbers of everything that arrived up in
 * the directory in one query, then asks the store for the calls' tickets (new, or the open one of a
 * repeat caller) in one transaction. When the database fails the arrival is kept and retried by
 * {@link #retryPending} (idempotent: a call has one ticket) on its own {@code ticket-retry} thread,
 * so a call never waits long on a broken database and no ticket is lost while the server runs.
 * Thread-safe (FastAGI threads, the ticket-writer and ticket-retry threads).
 */
public final class TicketDesk implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TicketDesk.class);

    private final TicketStore store;
    private final Directory directory;
    private final PhoneNumbers numbers;
    private final Duration repeatWindow;
    private final ZoneId zone;
    private final Clock clock;
    /** How long a call waits in FastAGI for its ticket before it rings without. */
    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final int MAX_BATCH = 200;
    /**
     * How long the writer may hold a batch open for calls already in FastAGI that have not asked for
     * their ticket yet (see {@link #expect}); never when none is on its way.
     */
    static final Duration GATHER = Duration.ofMillis(10);

    /** Calls in FastAGI that will ask for their ticket in a moment ({@link #expect} minus arrivals). */
    private final AtomicInteger coming = new AtomicInteger();
    private final Duration gather;

    private final ConcurrentLinkedQueue<Late> pending = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(10_000);
    private final Thread writer = new Thread(this::write, "ticket-writer");
    private volatile boolean closed;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ticket-retry");
        t.setDaemon(true);
        return t;
    });

    public TicketDesk(TicketStore store, Directory directory, PhoneNumbers numbers, Duration repeatWindow,
            ZoneId zone, Clock clock) {
        this(store, directory, numbers, repeatWindow, zone, clock, GATHER);
    }

    /** As the public constructor, waiting up to {@code gather} for calls on their way (tests). */
    TicketDesk(TicketStore store, Directory directory, PhoneNumbers numbers, Duration repeatWindow,
            ZoneId zone, Clock clock, Duration gather) {
        this.gather = gather;
        this.store = store;
        this.directory = directory;
        this.numbers = numbers;
        this.repeatWindow = repeatWindow;
        this.zone = zone;
        this.clock = clock;
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * The ticket of a call entering the hotline; empty when the database could not be reached in
     * time (the arrival is then retried later and the call goes on ringing). Arrivals from all FastAGI
     * threads are written together by the {@code ticket-writer} thread: one transaction and one commit
     * for everything that arrived while the previous one was being written, instead of every call
     * queueing for the month's serial behind the others' commits.
     */
    public Optional<TicketStore.Opened> arrive(String linkedId, String callerId) {
        coming.updateAndGet(n -> n > 0 ? n - 1 : 0);
        Arrival arrival = unlooked(linkedId, callerId);
        Request request = new Request(arrival, new CompletableFuture<>());
        if (closed || !queue.offer(request)) {
            keep(new Late(arrival, false), closed ? "ticket writer stopped" : "ticket writer full");
            return Optional.empty();
        }
        try {
            Optional<TicketStore.Opened> opened = request.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            opened.ifPresent(o -> log.info("call {}: ticket {} {} for caller {} ({})", linkedId,
                    o.ticket().ticketNo(), o.how(), printable(callerId), o.ticket().callerIdStatus().dbName()));
            return opened;
        } catch (TimeoutException e) {
            // the writer still owns the request: it opens the ticket or hands it to the retries
            log.error("call {}: ticket not opened within {} ms, the call rings without waiting for it", linkedId,
                    WAIT.toMillis());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            log.error("call {}: ticket writer failed: {}", linkedId, e.getCause().toString());
            return Optional.empty();
        }
    }

    /**
     * A call has entered FastAGI and will {@link #arrive} in a moment, after its exchanges with the
     * PBX: the writer, when it starts a batch while such calls are on their way, waits up to
     * {@link #GATHER} for them so that a burst of calls makes one transaction rather than a lone first
     * one and then the rest. Each call must be followed by {@link #arrive} or {@link #notComing}.
     */
    public void expect() {
        coming.incrementAndGet();
    }

    /** A call announced by {@link #expect} will not ask for a ticket after all (its script failed first). */
    public void notComing() {
        coming.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }

    private void keep(Late late, String why) {
        pending.add(late);
        log.error("call {}: {}, ticket will be opened on retry ({} pending)", late.arrival().linkedId(), why,
                pending.size());
    }

    /** An arrival whose ticket is not open yet; {@code lookedUp} false: the directory must be asked again. */
    private record Late(Arrival arrival, boolean lookedUp) {}

    /** One arrival waiting for the writer, and the FastAGI thread waiting for its ticket. */
    private record Request(Arrival arrival, CompletableFuture<Optional<TicketStore.Opened>> done) {}

    /** The ticket-writer thread: takes what has arrived, writes it in one transaction, answers each. */
    private void write() {
        List<Request> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Request first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                gather(batch);
                List<Request> identified = lookUp(batch);
                if (identified == null) {
                    // a caller in the directory is never filed as unidentified because of an outage
                    for (Request r : batch) {
                        keep(new Late(r.arrival(), false), "directory unavailable");
                        r.done().complete(Optional.empty());
                    }
                } else {
                    writeBatch(identified);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("ticket writer: {}", e.toString(), e);
                for (Request r : batch) {
                    // the batch as it arrived, before its lookup: the retry looks each caller up
                    pending.add(new Late(r.arrival(), false));
                    r.done().complete(Optional.empty());
                }
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds the arrivals of calls already on their way, waiting for them {@link #GATHER} at most. */
    private void gather(List<Request> batch) throws InterruptedException {
        long deadline = System.nanoTime() + gather.toNanos();
        while (coming.get() > 0 && batch.size() < MAX_BATCH) {
            long left = deadline - System.nanoTime();
            Request more = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (more == null) {
                return;
            }
            batch.add(more);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    private void writeBatch(List<Request> batch) {
        if (batch.size() > 1) {
            try {
                List<TicketStore.Opened> opened = store.openForCalls(
                        batch.stream().map(Request::arrival).toList(), repeatWindow, zone);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(Optional.of(opened.get(i)));
                }
                return;
            } catch (RuntimeException e) {
                // one bad arrival must not hold back the others: each on its own, each logs its failure
                log.warn("{} arrivals: writing together failed, one by one: {}", batch.size(), e.getMessage());
            }
        }
        for (Request r : batch) {
            try {
                r.done().complete(Optional.of(store.openForCall(r.arrival(), repeatWindow, zone)));
            } catch (RuntimeException e) {
                pending.add(new Late(r.arrival(), true));
                log.error("call {}: ticket not opened yet, will retry ({} pending): {}", r.arrival().linkedId(),
                        pending.size(), e.getMessage());
                r.done().complete(Optional.empty());
            }
        }
    }

    /**
     * Opens the tickets whose first attempt failed, in arrival order (looking the caller up again
     * where the directory could not be asked); stops when the database is unavailable, keeping the
     * rest for the next round. Returns how many are still pending.
     */
    public int retryPending() {
        List<Late> todo = new ArrayList<>();
        Late late;
        while ((late = pending.poll()) != null) {
            todo.add(late);
        }
        todo.sort(java.util.Comparator.comparing(l -> l.arrival().at()));
        List<Late> failed = new ArrayList<>();
        for (int i = 0; i < todo.size(); i++) {
            Late l = todo.get(i);
            if (!l.lookedUp()) {
                l = identify(l.arrival());
                if (!l.lookedUp()) {
                    failed.addAll(todo.subList(i, todo.size())); // the database is still down
                    break;
                }
            }
            try {
                TicketStore.Opened opened = store.openForCall(l.arrival(), repeatWindow, zone);
                log.info("call {}: ticket {} {} on retry", l.arrival().linkedId(), opened.ticket().ticketNo(),
                        opened.how());
            } catch (CallStore.StoreUnavailableException e) {
                log.warn("call {}: ticket still not opened, database unavailable ({} pending): {}",
                        l.arrival().linkedId(), todo.size() - i, e.getMessage());
                failed.add(l);
                failed.addAll(todo.subList(i + 1, todo.size()));
                break;
            } catch (RuntimeException e) {
                log.warn("call {}: ticket still not opened: {}", l.arrival().linkedId(), e.getMessage());
                failed.add(l);
            }
        }
        pending.addAll(failed);
        return failed.size();
    }

    /** Retries failed arrivals every {@code interval} until {@link #close}. */
    public void startRetries(Duration interval) {
        retries.scheduleWithFixedDelay(() -> {
            try {
                if (!pending.isEmpty()) {
                    retryPending();
                }
            } catch (RuntimeException e) {
                log.error("ticket retry failed: {}", e.toString(), e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        retries.shutdown();
        try {
            if (!retries.awaitTermination(10, TimeUnit.SECONDS)) {
                retries.shutdownNow();
            }
        } catch (InterruptedException e) {
            retries.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (!pending.isEmpty()) {
            log.error("{} calls still without a ticket at shutdown: {}", pending.size(),
                    pending.stream().map(l -> l.arrival().linkedId()).toList());
        }
    }

    public int pending() {
        return pending.size();
    }

    /**
     * What the caller ID alone tells, on the FastAGI thread: withheld, or a number (normal form when it
     * has one) still to be looked up, for now unidentified.
     */
    Arrival unlooked(String linkedId, String callerId) {
        if (CallerIdStatus.withheld(callerId)) {
            return new Arrival(linkedId, clock.instant(), callerId, null, CallerIdStatus.WITHHELD, null, null, null);
        }
        return new Arrival(linkedId, clock.instant(), callerId, numbers.normalise(callerId).orElse(null),
                CallerIdStatus.UNIDENTIFIED, null, null, null);
    }

    /**
     * What the directory tells about a batch's callers, in one lookup on the writer thread: the
     * arrivals it knows become identified with name, building and room; null when the directory could
     * not be asked (the arrivals then go to the retries, which ask again).
     */
    private List<Request> lookUp(List<Request> batch) {
        List<String> callerIds = batch.stream().map(Request::arrival).filter(a -> a.phoneNorm() != null
                && a.callerIdStatus() != CallerIdStatus.WITHHELD).map(Arrival::callerId).distinct().toList();
        if (callerIds.isEmpty()) {
            return batch;
        }
        Map<String, DirectoryEntry> found;
        try {
            found = directory.lookupAll(callerIds);
        } catch (RuntimeException e) {
            log.warn("call {}: directory lookup of {} callers failed: {}", batch.get(0).arrival().linkedId(),
                    callerIds.size(), e.getMessage());
            return null;
        }
        List<Request> out = new ArrayList<>(batch.size());
        for (Request r : batch) {
            Arrival a = r.arrival();
            DirectoryEntry d = a.callerIdStatus() == CallerIdStatus.WITHHELD ? null : found.get(a.callerId());
            out.add(d == null ? r : new Request(new Arrival(a.linkedId(), a.at(), a.callerId(), a.phoneNorm(),
                    CallerIdStatus.IDENTIFIED, d.name(), d.building(), d.room()), r.done()));
        }
        return out;
    }

    /** One arrival looked up alone (a retry): {@code lookedUp} false when the directory failed again. */
    private Late identify(Arrival a) {
        if (a.callerIdStatus() == CallerIdStatus.WITHHELD || a.phoneNorm() == null) {
            return new Late(a, true);
        }
        try {
            Optional<DirectoryEntry> d = directory.lookup(a.callerId());
            return new Late(d.map(e -> new Arrival(a.linkedId(), a.at(), a.callerId(), a.phoneNorm(),
                    CallerIdStatus.IDENTIFIED, e.name(), e.building(), e.room())).orElse(a), true);
        } catch (RuntimeException e) {
            log.warn("call {}: directory lookup failed: {}", a.linkedId(), e.getMessage());
            return new Late(a, false);
        }
    }

    /** A caller ID for a log line: untrusted, so control characters are shown as escapes and length capped. */
    static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.length() > 80 ? b + "…(" + s.length() + " chars)" : b.toString();
    }
}
