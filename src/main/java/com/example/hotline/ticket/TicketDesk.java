package com.example.hotline.ticket;

import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * so a call never waits on a broken database and no ticket is lost while the server runs.
 * Thread-safe (FastAGI threads, the retry thread).
 */
public final class TicketDesk implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TicketDesk.class);

    private final TicketStore store;
    private final Directory directory;
    private final PhoneNumbers numbers;
    private final Duration repeatWindow;
    private final ZoneId zone;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Arrival> pending = new ConcurrentLinkedQueue<>();
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
    }

    /**
     * The ticket of a call entering the hotline; empty when the database could not be reached (the
     * arrival is then retried later and the call goes on ringing).
     */
    public Optional<TicketStore.Opened> arrive(String linkedId, String callerId) {
        Arrival arrival = arrival(linkedId, callerId);
        try {
            TicketStore.Opened opened = store.openForCall(arrival, repeatWindow, zone);
            log.info("call {}: ticket {} {} for caller {} ({})", linkedId, opened.ticket().ticketNo(), opened.how(),
                    printable(callerId), arrival.callerIdStatus().dbName());
            return Optional.of(opened);
        } catch (RuntimeException e) {
            pending.add(arrival);
            log.error("call {}: ticket not opened yet, will retry ({} pending): {}", linkedId, pending.size(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Opens the tickets whose first attempt failed; returns how many are still pending. */
    public int retryPending() {
        List<Arrival> failed = new ArrayList<>();
        Arrival a;
        while ((a = pending.poll()) != null) {
            try {
                TicketStore.Opened opened = store.openForCall(a, repeatWindow, zone);
                log.info("call {}: ticket {} {} on retry", a.linkedId(), opened.ticket().ticketNo(), opened.how());
            } catch (RuntimeException e) {
                failed.add(a);
                log.warn("call {}: ticket still not opened: {}", a.linkedId(), e.getMessage());
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
                    pending.stream().map(Arrival::linkedId).toList());
        }
    }

    public int pending() {
        return pending.size();
    }

    /** What the caller ID and the directory tell about the caller. */
    Arrival arrival(String linkedId, String callerId) {
        if (CallerIdStatus.withheld(callerId)) {
            return new Arrival(linkedId, clock.instant(), callerId, null, CallerIdStatus.WITHHELD, null, null, null);
        }
        Optional<String> norm = numbers.normalise(callerId);
        Optional<DirectoryEntry> entry = Optional.empty();
        if (norm.isPresent()) {
            try {
                entry = directory.lookup(callerId);
            } catch (RuntimeException e) {
                log.warn("call {}: directory lookup failed, ticket left unidentified: {}", linkedId, e.getMessage());
            }
        }
        return entry.map(d -> new Arrival(linkedId, clock.instant(), callerId, norm.get(), CallerIdStatus.IDENTIFIED,
                        d.name(), d.building(), d.room()))
                .orElseGet(() -> new Arrival(linkedId, clock.instant(), callerId, norm.orElse(null),
                        CallerIdStatus.UNIDENTIFIED, null, null, null));
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
