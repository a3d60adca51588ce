package com.example.hotline.bench;

import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallStore;
import com.example.hotline.call.PbxEvent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link CallStore} that times the store it wraps: how many calls of each kind the tracker and its
 * writer made and how long they waited for them. Saves come from the writer ({@code call-store}, or
 * the tracker thread when draining), lookups from the tracker thread: thread-safe by synchronisation,
 * taken after the call so that it never serialises the store.
 */
final class TimedCallStore implements CallStore {

    private final CallStore delegate;
    private long saves;
    private long savedCalls;
    private long saveNanos;
    private long finds;
    private long findNanos;

    TimedCallStore(CallStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void save(CallRecord call, List<PbxEvent> newEvents) {
        long t = System.nanoTime();
        try {
            delegate.save(call, newEvents);
        } finally {
            saved(System.nanoTime() - t, 1);
        }
    }

    @Override
    public void saveAll(List<Change> changes) {
        long t = System.nanoTime();
        try {
            delegate.saveAll(changes);
        } finally {
            saved(System.nanoTime() - t, changes.size());
        }
    }

    @Override
    public Optional<CallRecord> find(String linkedId) {
        return timedFind(() -> delegate.find(linkedId));
    }

    @Override
    public List<CallRecord> findOpen() {
        return timedFind(delegate::findOpen);
    }

    private <T> T timedFind(Supplier<T> f) {
        long t = System.nanoTime();
        try {
            return f.get();
        } finally {
            found(System.nanoTime() - t);
        }
    }

    private synchronized void saved(long nanos, int calls) {
        saveNanos += nanos;
        saves++;
        savedCalls += calls;
    }

    private synchronized void found(long nanos) {
        findNanos += nanos;
        finds++;
    }

    synchronized String summary(double wallSeconds) {
        return String.format(Locale.ROOT, "%d save transactions (%d call rows) %.1f s = %.0f%% of the run, %.2f ms "
                        + "each; %d lookups %.1f s", saves, savedCalls, saveNanos / 1e9,
                100 * saveNanos / 1e9 / wallSeconds, saves == 0 ? 0 : saveNanos / 1e6 / saves, finds, findNanos / 1e9);
    }
}
