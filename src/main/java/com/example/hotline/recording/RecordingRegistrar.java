package com.example.hotline.recording;

import com.example.hotline.alert.Alert;
import com.example.hotline.alert.AlertSink;
import com.example.hotline.call.CallRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers every hotline call's recording in the index while the call runs, and again when it ends
 * (MixMonitor stops with the caller's channel; Asterisk 22 sends no MixMonitorStop then, and its
 * MixMonitorStart carries no file name, so the file comes from the FastAGI script's
 * {@code MIXMONITOR_FILENAME} or, when the script did not run, from the uniqueid in the dialplan's
 * file name). A hotline call that ends without any recording raises a {@code recording-missing} alert.
 *
 * <p>A tracker listener: {@link #accept} is called on the {@code call-store} thread and only hands the
 * call to the single {@code recording-index} thread, so the call writer never waits for this work. A
 * full queue drops the registration (logged, counted): the archive job's sweep of the raw folder
 * registers any file the index missed.
 */
public final class RecordingRegistrar implements Consumer<CallRecord>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingRegistrar.class);
    private static final int REMEMBERED = 10_000;

    private final RecordingIndex index;
    private final RawFiles raw;
    private final AlertSink alerts;
    private final ZoneId zone;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    /** Calls whose running recording is registered, and calls already alarmed: each happens once. */
    private final Set<String> registeredRunning = lru();
    private final Set<String> finished = lru();
    /** Calls whose registration failed, newest snapshot each, oldest first; guarded by itself. */
    private final Map<String, CallRecord> failed = new LinkedHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recording-index-retry");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();

    public RecordingRegistrar(RecordingIndex index, RawFiles raw, AlertSink alerts, ZoneId zone, Clock clock) {
        this.index = index;
        this.raw = raw;
        this.alerts = alerts;
        this.zone = zone;
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(20_000),
                r -> new Thread(r, "recording-index"), new ThreadPoolExecutor.AbortPolicy());
    }

    private static Set<String> lru() {
        return Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        });
    }

    @Override
    public void accept(CallRecord call) {
        if (!call.hotline()) {
            return;
        }
        try {
            executor.execute(() -> handle(call));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            log.warn("call {}: recording registration dropped (queue full); the archive sweep will find the file",
                    call.linkedId());
        }
    }

    /** Registrations dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Hotline calls that ended without a recording since start. */
    public long missing() {
        return missing.get();
    }

    /** Runs on the recording-index thread; package-private for tests, which call it directly. */
    void handle(CallRecord call) {
        try {
            if (!call.ended()) {
                if (call.recordingFile() != null && !registeredRunning.contains(call.linkedId())) {
                    Optional<String> file = RawFiles.relative(call.recordingFile());
                    if (file.isPresent()) {
                        register(call, file.get());
                        registeredRunning.add(call.linkedId());
                    }
                }
                return;
            }
            if (finished.contains(call.linkedId())) {
                return;
            }
            Optional<String> file = RawFiles.relative(call.recordingFile());
            if (file.isEmpty()) {
                file = raw.findByUniqueId(call.uniqueId());
            }
            if (file.isPresent()) {
                register(call, file.get());
            } else {
                alarm(call);
            }
            finished.add(call.linkedId());
            registeredRunning.remove(call.linkedId());
        } catch (IOException | RuntimeException e) {
            int waiting = keepForRetry(call);
            log.error("call {}: recording not registered yet, will retry ({} waiting): {}", call.linkedId(), waiting,
                    e.toString());
        }
    }

    private int keepForRetry(CallRecord call) {
        synchronized (failed) {
            failed.remove(call.linkedId());
            failed.put(call.linkedId(), call);
            if (failed.size() > REMEMBERED) {
                var eldest = failed.keySet().iterator();
                String gone = eldest.next();
                eldest.remove();
                dropped.incrementAndGet();
                log.warn("call {}: recording registration dropped (too many waiting); the archive sweep will find "
                        + "the file", gone);
            }
            return failed.size();
        }
    }

    /** Calls whose registration failed and waits for a retry. */
    public int failedPending() {
        synchronized (failed) {
            return failed.size();
        }
    }

    /**
     * Hands every failed registration back to the {@code recording-index} thread (a newer snapshot of
     * the same call that arrived meanwhile has been handled already, so the retry changes nothing).
     */
    public void retryFailed() {
        List<CallRecord> again;
        synchronized (failed) {
            again = new ArrayList<>(failed.values());
            failed.clear();
        }
        for (CallRecord call : again) {
            try {
                executor.execute(() -> handle(call));
            } catch (RejectedExecutionException e) {
                keepForRetry(call);
            }
        }
    }

    /** Runs {@code task} on the recording-index thread after what is queued (tests wait for it). */
    void afterQueued(Runnable task) {
        executor.execute(task);
    }

    /** Retries failed registrations every {@code interval} until {@link #close}. */
    public void startRetries(Duration interval) {
        retries.scheduleWithFixedDelay(() -> {
            try {
                retryFailed();
            } catch (RuntimeException e) {
                log.error("recording-index-retry: {}", e.toString(), e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void register(CallRecord call, String rawFile) {
        Instant started = call.startedAt();
        if (started == null) {
            started = RawFiles.parse(rawFile).map(RawFiles.Parsed::startedAt).orElse(clock.instant());
        }
        String uniqueId = RawFiles.parse(rawFile).map(RawFiles.Parsed::uniqueId).orElse(call.uniqueId());
        index.register(new RecordingIndex.NewRecording(rawFile, call.linkedId(), uniqueId, call.caller(),
                call.answeredBy(), started, call.endedAt(), started.atZone(zone).toLocalDate(), "call"));
        log.info("call {}: recording {} {}", call.linkedId(), rawFile, call.ended() ? "registered, call ended"
                : "registered, recording");
    }

    private void alarm(CallRecord call) {
        missing.incrementAndGet();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("startedAt", call.startedAt() == null ? null : call.startedAt().toString());
        details.put("endedAt", call.endedAt().toString());
        details.put("route", call.route());
        details.put("answeredBy", call.answeredBy());
        alerts.raise(new Alert("recording-missing", clock.instant(), call.linkedId(), call.uniqueId(),
                call.caller(), "hotline call without a recording (C4)", details));
    }

    @Override
    public void close() {
        retries.shutdown();
        executor.shutdown();
        try {
            if (!retries.awaitTermination(5, TimeUnit.SECONDS)) {
                retries.shutdownNow();
            }
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("recording-index: {} registrations not done at stop; the archive sweep registers their files",
                        executor.getQueue().size());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            retries.shutdownNow();
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (failedPending() > 0) {
            log.warn("recording-index: {} failed registrations not retried at stop; the archive sweep registers "
                    + "their files", failedPending());
        }
    }
}
