package com.example.hotline.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waveform pictures of recordings, drawn once and kept on disk: {@code cacheDir/<id>-<version>.png},
 * where the version tells the audio file it was drawn from (the archived copy, or the raw file at a
 * given size while the recording is not archived), so a picture is redrawn when its audio changes and
 * the older one is deleted. Drawing decodes at most {@link #MAX_SECONDS} of audio at 8 kHz
 * ({@link PcmDecoder}) on the bounded {@code waveform} pool ({@code threads} at once, a few waiting,
 * else {@link BusyException}); a request for a picture being drawn waits for that drawing, and a
 * drawing that takes longer than {@code timeout} is aborted. Thread-safe; {@link #close} stops the pool.
 */
public final class Waveforms implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Waveforms.class);
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 120;
    public static final int MAX_SECONDS = 3 * 3600;

    /** The pool is full or the drawing took too long: try again later. */
    public static final class BusyException extends RuntimeException {
        BusyException(String message) {
            super(message);
        }
    }

    private final PcmDecoder decoder;
    private final Path cacheDir;
    private final Duration timeout;
    private final ThreadPoolExecutor pool;
    private final Map<String, Job> drawing = new ConcurrentHashMap<>();

    private static final class Job {
        final CompletableFuture<Path> result = new CompletableFuture<>();
        volatile PcmDecoder.Decoding decoding;
        volatile boolean abandoned;

        void abort() {
            abandoned = true;
            PcmDecoder.Decoding d = decoding;
            if (d != null) {
                d.abort();
            }
        }
    }

    public Waveforms(PcmDecoder decoder, Path cacheDir, Duration timeout, int threads) {
        this.decoder = decoder;
        this.cacheDir = cacheDir;
        this.timeout = timeout;
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the waveform folder " + cacheDir, e);
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(8),
                r -> new Thread(r, "waveform-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * The PNG of recording {@code id} drawn from {@code audio}; {@code version} names that audio file
     * (letters, digits, {@code -}). Draws it when not on disk yet.
     *
     * @throws IOException the audio could not be decoded (the message says why)
     * @throws BusyException too many pictures being drawn, or this one took longer than the timeout
     */
    public Path picture(long id, Path audio, String version) throws IOException {
        if (!version.matches("[A-Za-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("waveform version: " + version);
        }
        String name = id + "-" + version + ".png";
        Path file = cacheDir.resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Job mine = new Job();
        Job job = drawing.putIfAbsent(name, mine);
        if (job == null) {
            if (Files.isRegularFile(file)) {
                // drawn by another request between the look at the disk and now
                drawing.remove(name, mine);
                return file;
            }
            job = mine;
            Job j = mine;
            try {
                pool.execute(() -> draw(id, audio, name, j));
            } catch (RejectedExecutionException e) {
                drawing.remove(name, mine);
                throw new BusyException("too many waveforms being drawn; try again in a moment");
            }
        }
        try {
            return job.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            job.abort();
            throw new BusyException("the waveform of recording " + id + " took longer than " + timeout.toSeconds()
                    + " s; try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the waveform of recording " + id, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("waveform of recording " + id + ": " + e.getCause(), e.getCause());
        }
    }

    private void draw(long id, Path audio, String name, Job job) {
        long started = System.nanoTime();
        try (PcmDecoder.Decoding d = decoder.start(audio, Waveform.SAMPLE_RATE, MAX_SECONDS)) {
            job.decoding = d;
            if (job.abandoned) {
                d.abort();
            }
            Waveform w;
            try (InputStream pcm = d.pcm()) {
                w = new Waveform().read(pcm);
            }
            d.finish();
            byte[] png = w.png(WIDTH, HEIGHT);
            Path part = cacheDir.resolve(name + ".part");
            Files.write(part, png);
            Path file = cacheDir.resolve(name);
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
            deleteOthers(id, name);
            log.info("recording {}: waveform drawn from {} ms of audio in {} ms", id, w.millis(),
                    (System.nanoTime() - started) / 1_000_000);
            job.result.complete(file);
        } catch (IOException | RuntimeException e) {
            log.warn("recording {}: waveform not drawn from {}: {}", id, audio.getFileName(), e.toString());
            job.result.completeExceptionally(e instanceof IOException ? e
                    : new IOException("recording " + id + ": " + e.getMessage(), e));
        } finally {
            drawing.remove(name, job);
        }
    }

    /** Deletes the pictures of recording {@code id} (its audio is gone). */
    public void forget(long id) {
        deleteOthers(id, null);
    }

    private void deleteOthers(long id, String keep) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(cacheDir, id + "-*.png")) {
            for (Path p : s) {
                if (!p.getFileName().toString().equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            log.warn("recording {}: old waveforms not deleted: {}", id, e.toString());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        drawing.values().forEach(Job::abort);
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("waveform pool did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
