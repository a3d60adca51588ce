package com.example.hotline.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the tracker's changes to the {@link CallStore} so that the tracker never waits for the
 * database. Changes handed over by {@link #submit} wait per call: the newest snapshot, every event
 * not yet written, in order, and the legs that changed. A write takes everything waiting at that
 * moment (in transactions of at most {@value #MAX_BATCH} calls, oldest first), so under load the
 * batches grow by themselves and when the PBX is quiet each change is written as soon as it arrives.
 * A write that fails puts its changes back, merged with newer ones, and is retried after the retry
 * delay; nothing is written twice and nothing is lost.
 *
 * <p>After a successful write the listeners are told of each written call: one at a time, in write
 * order, on the thread that wrote ({@code call-store}, started by {@link #start}, or whoever calls
 * {@link #flush}). A listener therefore only ever sees a snapshot that is stored, and never an older
 * snapshot of a call after a newer one. Thread-safe.
 */
final class CallWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallWriter.class);
    /**
     * Most calls per transaction; a larger backlog is written as several transactions back to back.
     * On the benchmark, runs whose transactions held thousands of calls cost PostgreSQL about twice
     * the CPU per call of runs with a few hundred (the cause is not established; a cap costs nothing).
     */
    static final int MAX_BATCH = 500;

    private final CallStore store;
    private final List<Consumer<CallRecord>> listeners = new CopyOnWriteArrayList<>();
    /** Held for a whole write, listeners included: writes happen one after the other, in order. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Guards the fields below; never held while the database is waited for. */
    private final Object lock = new Object();
    private Map<String, Pending> pending = new LinkedHashMap<>();
    /** Snapshots being written right now, so that {@link #latest} still finds them. */
    private final Map<String, CallRecord> inFlight = new HashMap<>();
    private Thread thread;
    private boolean closed;

    /** One call's changes not written yet. */
    private static final class Pending {
        CallRecord call;
        final List<PbxEvent> events = new ArrayList<>();
        /** Every leg changed since the last stored change, newest version, by uniqueid. */
        final Map<String, LegRecord> legs = new LinkedHashMap<>();

        Pending(CallRecord call) {
            this.call = call;
        }
    }

    CallWriter(CallStore store) {
        this.store = store;
    }

    void addListener(Consumer<CallRecord> listener) {
        listeners.add(listener);
    }

    /**
     * Starts the {@code call-store} thread, which writes whatever is pending; a failed write is
     * retried after {@code retryDelay}.
     */
    void start(Duration retryDelay) {
        synchronized (lock) {
            if (thread != null || closed) {
                throw new IllegalStateException("call writer already started or closed");
            }
            thread = new Thread(() -> loop(retryDelay.toNanos()), "call-store");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Queues a call's new state, its legs that changed and the events that led to it; returns at once. */
    void submit(CallRecord call, List<LegRecord> changedLegs, List<PbxEvent> events) {
        synchronized (lock) {
            Pending p = pending.get(call.linkedId());
            if (p == null) {
                p = new Pending(call);
                pending.put(call.linkedId(), p);
            } else {
                p.call = call;
            }
            p.events.addAll(events);
            for (LegRecord leg : changedLegs) {
                p.legs.put(leg.uniqueId(), leg);
            }
            lock.notifyAll();
        }
    }

    /** The newest snapshot of this call handed over but not stored yet, or null. */
    CallRecord latest(String linkedId) {
        synchronized (lock) {
            Pending p = pending.get(linkedId);
            return p != null ? p.call : inFlight.get(linkedId);
        }
    }

    /** Calls with changes not stored yet. */
    int unsaved() {
        synchronized (lock) {
            return pending.size() + inFlight.size();
        }
    }

    /**
     * Writes everything submitted so far on the calling thread (after any write in progress) and
     * returns whether it is all stored.
     */
    boolean flush() {
        writing.lock();
        try {
            boolean more = true;
            while (more) {
                if (!writeBatch()) {
                    return false;
                }
                synchronized (lock) {
                    more = !pending.isEmpty();
                }
            }
            return true;
        } finally {
            writing.unlock();
        }
    }

    /**
     * Under {@code writing}: writes the oldest pending changes, at most {@value #MAX_BATCH} calls, in
     * one transaction; returns false when they could not be stored.
     */
    private boolean writeBatch() {
        List<Pending> batch = new ArrayList<>();
        synchronized (lock) {
            for (var it = pending.values().iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
                Pending p = it.next();
                it.remove();
                batch.add(p);
                inFlight.put(p.call.linkedId(), p.call);
            }
            if (batch.isEmpty()) {
                return true;
            }
        }
        List<Pending> failed = write(batch);
        synchronized (lock) {
            inFlight.clear();
            putBack(failed);
        }
        Set<Pending> notStored = Collections.newSetFromMap(new IdentityHashMap<>());
        notStored.addAll(failed);
        for (Pending p : batch) {
            if (!notStored.contains(p)) {
                tell(p.call);
            }
        }
        return failed.isEmpty();
    }

    /** Stores the batch in one transaction; returns what could not be stored. */
    private List<Pending> write(List<Pending> batch) {
        if (batch.size() == 1) {
            return writeOne(batch.get(0)) ? List.of() : batch;
        }
        List<CallStore.Change> changes = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            changes.add(new CallStore.Change(p.call, List.copyOf(p.events), List.copyOf(p.legs.values())));
        }
        try {
            store.saveAll(changes);
            return List.of();
        } catch (CallStore.StoreUnavailableException e) {
            log.warn("{} calls: not saved yet, will retry: {}", batch.size(), e.getMessage());
            return batch;
        } catch (RuntimeException e) {
            // one bad call must not hold back the others: save each on its own, each logs its failure
            log.warn("{} calls: saving together failed, saving one by one: {}", batch.size(), e.getMessage());
            List<Pending> failed = new ArrayList<>();
            for (Pending p : batch) {
                if (!writeOne(p)) {
                    failed.add(p);
                }
            }
            return failed;
        }
    }

    private boolean writeOne(Pending p) {
        try {
            store.save(p.call, List.copyOf(p.events));
            return true;
        } catch (RuntimeException e) {
            log.warn("call {}: not saved yet ({} events pending), will retry: {}", p.call.linkedId(),
                    p.events.size(), e.getMessage());
            return false;
        }
    }

    /** Under {@code lock}: failed changes go back in front of what arrived meanwhile, their events first. */
    private void putBack(List<Pending> failed) {
        if (failed.isEmpty()) {
            return;
        }
        Map<String, Pending> merged = new LinkedHashMap<>();
        for (Pending p : failed) {
            Pending newer = pending.remove(p.call.linkedId());
            if (newer != null) {
                p.call = newer.call;
                p.events.addAll(newer.events);
                p.legs.putAll(newer.legs);
            }
            merged.put(p.call.linkedId(), p);
        }
        merged.putAll(pending);
        pending = merged;
    }

    private void tell(CallRecord call) {
        for (Consumer<CallRecord> l : listeners) {
            try {
                l.accept(call);
            } catch (RuntimeException e) {
                log.warn("call {}: listener failed: {}", call.linkedId(), e.toString());
            }
        }
    }

    private void loop(long retryDelayNanos) {
        try {
            while (true) {
                synchronized (lock) {
                    while (pending.isEmpty() && !closed) {
                        lock.wait();
                    }
                    if (closed) {
                        return; // close() writes what is left
                    }
                }
                if (!flush()) {
                    pause(retryDelayNanos);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("call-store: writer stopped: {}", e.toString(), e);
        }
    }

    /** After a failed write: new changes keep arriving (and waking us) but wait for the retry. */
    private void pause(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        synchronized (lock) {
            long left;
            while (!closed && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Stops the {@code call-store} thread after its current write, then writes what is left on the calling thread. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            t = thread;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!flush()) {
            log.warn("call-store: {} calls could not be saved before stopping", unsaved());
        }
    }
}
