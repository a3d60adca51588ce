package com.example.hotline.ami;

import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.PbxEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills in calls whose AMI events were missed (PBX restart, AMI cut) from the PBX's own call detail
 * records: follows the cdr_csv file ({@code cdr.file}) from its end at start, and while an AMI gap is
 * open and for {@link #AFTER} after it closed hands every hotline record that ended in the gap
 * (from {@link #BEFORE} before the connection was seen down) to the tracker as a
 * {@link PbxEvent.CdrReported}. Records outside a gap are skipped without touching the tracker: the
 * AMI delivered those calls. Thread: one {@code cdr-reader}, every {@link #INTERVAL}.
 */
public final class CdrReconciler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CdrReconciler.class);
    static final Duration INTERVAL = Duration.ofSeconds(2);
    /** A dead connection is noticed up to ami.read.timeout.ms late: records this much older count too. */
    static final Duration BEFORE = Duration.ofSeconds(20);
    /** The PBX writes a call's record when it ends, which may be after the reconnect. */
    static final Duration AFTER = Duration.ofSeconds(60);
    private static final int MAX_READ = 4 << 20;

    private final Path file;
    private final CallEventQueue queue;
    private final BooleanSupplier amiUp;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cdr-reader");
        t.setDaemon(true);
        return t;
    });
    private long offset;
    /** No gap before the first login: the server was not listening, there is nothing it missed. */
    private boolean seenUp;
    private Instant gapFrom;
    private Instant gapUntil;
    private volatile long reported;

    public CdrReconciler(Path file, CallEventQueue queue, BooleanSupplier amiUp, Clock clock) {
        this.file = file;
        this.queue = queue;
        this.amiUp = amiUp;
        this.clock = clock;
    }

    /** Skips what the file holds now and starts following it. */
    public void start() {
        try {
            offset = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            offset = 0;
        }
        log.info("cdr {}: following from byte {}", file, offset);
        thread.scheduleWithFixedDelay(this::poll, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records handed to the tracker so far. */
    public long reported() {
        return reported;
    }

    private void poll() {
        try {
            Instant now = clock.instant();
            boolean up = amiUp.getAsBoolean();
            seenUp |= up;
            if (!up && seenUp) {
                if (gapFrom == null || gapUntil != null && now.isAfter(gapUntil)) {
                    gapFrom = now.minus(BEFORE);
                    log.info("cdr {}: AMI down, records that end from {} on will be reconciled", file, gapFrom);
                }
                gapUntil = null;
            } else if (up && gapFrom != null && gapUntil == null) {
                gapUntil = now.plus(AFTER);
            }
            read();
            if (gapFrom != null && gapUntil != null && now.isAfter(gapUntil)) {
                log.info("cdr {}: gap closed, {} records reconciled so far", file, reported);
                gapFrom = null;
                gapUntil = null;
            }
        } catch (RuntimeException e) {
            log.error("cdr {}: reading failed: {}", file, e.toString(), e);
        }
    }

    private void read() {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            if (size < offset) {
                log.warn("cdr {}: file shrank ({} < {}): rotated, reading it from the start", file, size, offset);
                offset = 0;
            }
            if (size == offset) {
                return;
            }
            byte[] buf = new byte[(int) Math.min(MAX_READ, size - offset)];
            f.seek(offset);
            f.readFully(buf);
            int end = lastNewline(buf);
            if (end < 0) {
                return; // a record still being written
            }
            offset += end + 1;
            for (String line : new String(buf, 0, end, StandardCharsets.UTF_8).split("\n")) {
                handle(line);
            }
        } catch (IOException e) {
            log.warn("cdr {}: cannot read: {}", file, e.getMessage());
        }
    }

    private void handle(String line) {
        if (gapFrom == null) {
            return;
        }
        Optional<PbxEvent.CdrReported> e = CdrCsv.event(line);
        if (e.isPresent() && !e.get().at().isBefore(gapFrom)) {
            reported++;
            log.info("call {}: CDR of the AMI gap: caller {}, {} by '{}', ended {}", e.get().linkedId(),
                    e.get().callerNum(), e.get().disposition(), e.get().answeredBy(), e.get().at());
            queue.submit(e.get());
        }
    }

    private static int lastNewline(byte[] buf) {
        for (int i = buf.length - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("cdr {}: reader did not stop within 5 s", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
