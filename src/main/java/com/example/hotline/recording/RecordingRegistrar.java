package com.example.hotline.recording;

import com.example.hotline.alert.Alert;
import com.example.hotline.alert.AlertSink;
import com.example.hotline.call.CallRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
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
            log.error("call {}: recording not registered: {}", call.linkedId(), e.toString());
        }
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
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("recording-index: {} registrations not done at stop; the archive sweep registers their files",
                        executor.getQueue().size());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
