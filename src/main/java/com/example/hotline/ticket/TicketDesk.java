package com.example.hotline.ticket;

import com.example.hotline.call.CallStore;
import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the ticket of a hotline call from its caller ID while the call waits in FastAGI, before any
 * phone rings: looks the number up in the directory, then asks the store for the call's ticket (new,
 * or the open one of a repeat caller). When the database fails the arrival is kept and retried by
 * {@link #retryPending} (idempotent: a call has one ticket) on its own {@code ticket-retry} thread,
 * so a call never waits long on a broken database and no ticket is lost while the server runs.
 * Thread-safe (FastAGI threads, the ticket-lookup, ticket-writer and ticket-retry threads).
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
    private static final int LOOKUP_THREADS = 8;

    private final ConcurrentLinkedQueue<Late> pending = new ConcurrentLinkedQueue<>();
    /** Directory lookups, off the FastAGI threads so that their wait is bounded; bounded queue, aborts when full. */
    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30,
            TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), r -> {
                Thread t = new Thread(r, "ticket-lookup");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
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
        this.store = store;
        this.directory = directory;
        this.numbers = numbers;
        this.repeatWindow = repeatWindow;
        this.zone = zone;
        this.clock = clock;
        lookups.allowCoreThreadTimeOut(true);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * The ticket of a call entering the hotline; empty when the database could not be reached in
     * time (the arrival is then retried later and the call goes on ringing). The directory lookup and
     * the ticket together take at most {@link #WAIT}: the lookup runs on the bounded
     * {@code ticket-lookup} pool, so a database that hangs (no answer, no error) never holds the
     * caller. Arrivals from all FastAGI threads are written together by the {@code ticket-writer}
     * thread: one transaction and one commit for everything that arrived while the previous one was
     * being written, instead of every call queueing for the month's serial behind the others' commits.
     */
    public Optional<TicketStore.Opened> arrive(String linkedId, String callerId) {
        Instant at = clock.instant();
        CompletableFuture<Optional<TicketStore.Opened>> done = new CompletableFuture<>();
        try {
            lookups.execute(() -> identifyAndQueue(linkedId, callerId, at, done));
        } catch (RejectedExecutionException e) {
            keep(new Late(new Arrival(linkedId, at, callerId, null, CallerIdStatus.UNIDENTIFIED, null, null, null),
                    false), closed ? "ticket desk stopped" : "ticket lookups full");
            return Optional.empty();
        }
        try {
            Optional<TicketStore.Opened> opened = done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            opened.ifPresent(o -> log.info("call {}: ticket {} {} for caller {} ({})", linkedId,
                    o.ticket().ticketNo(), o.how(), printable(callerId), o.ticket().callerIdStatus().dbName()));
            return opened;
        } catch (TimeoutException e) {
            // the lookup or the writer still owns the arrival: it opens the ticket or hands it to the retries
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
     * On {@code ticket-lookup}: the directory lookup, then the arrival to the writer. A lookup that
     * fails (database down) sends the arrival straight to the retries, which look the caller up again,
     * so a caller in the directory is never filed as unidentified because of an outage.
     */
    private void identifyAndQueue(String linkedId, String callerId, Instant at,
            CompletableFuture<Optional<TicketStore.Opened>> done) {
        Late identified;
        try {
            identified = identify(linkedId, callerId, at);
        } catch (RuntimeException e) {
            identified = new Late(new Arrival(linkedId, at, callerId, null, CallerIdStatus.UNIDENTIFIED, null, null,
                    null), false);
            log.error("call {}: caller not identified: {}", linkedId, e.toString(), e);
        }
        if (!identified.lookedUp()) {
            keep(identified, "directory unavailable");
            done.complete(Optional.empty());
            return;
        }
        Request request = new Request(identified.arrival(), done);
        if (closed || !queue.offer(request)) {
            keep(identified, closed ? "ticket writer stopped" : "ticket writer full");
            done.complete(Optional.empty());
        }
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
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("ticket writer: {}", e.toString(), e);
                for (Request r : batch) {
                    pending.add(new Late(r.arrival(), true));
                    r.done().complete(Optional.empty());
                }
            } finally {
                batch.clear();
            }
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
                l = identify(l.arrival().linkedId(), l.arrival().callerId(), l.arrival().at());
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
        lookups.shutdown();
        try {
            if (!lookups.awaitTermination(10, TimeUnit.SECONDS)) {
                lookups.shutdownNow();
            }
        } catch (InterruptedException e) {
            lookups.shutdownNow();
            Thread.currentThread().interrupt();
        }
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
     * What the caller ID and the directory tell about the caller: unidentified when the number is not
     * in the directory, or when the lookup failed ({@code lookedUp} false).
     */
    private Late identify(String linkedId, String callerId, Instant at) {
        if (CallerIdStatus.withheld(callerId)) {
            return new Late(new Arrival(linkedId, at, callerId, null, CallerIdStatus.WITHHELD, null, null, null), true);
        }
        Optional<String> norm = numbers.normalise(callerId);
        Optional<DirectoryEntry> entry = Optional.empty();
        boolean lookedUp = true;
        if (norm.isPresent()) {
            try {
                entry = directory.lookup(callerId);
            } catch (RuntimeException e) {
                lookedUp = false;
                log.warn("call {}: directory lookup failed: {}", linkedId, e.getMessage());
            }
        }
        Arrival a = entry.map(d -> new Arrival(linkedId, at, callerId, norm.get(), CallerIdStatus.IDENTIFIED,
                        d.name(), d.building(), d.room()))
                .orElseGet(() -> new Arrival(linkedId, at, callerId, norm.orElse(null),
                        CallerIdStatus.UNIDENTIFIED, null, null, null));
        return new Late(a, lookedUp);
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
