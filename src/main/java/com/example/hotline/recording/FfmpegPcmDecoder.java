package com.example.hotline.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link PcmDecoder} with Debian's ffmpeg: one process per decoding writing raw PCM to its stdout
 * ({@code -f s16le -ac 1 -ar RATE}); its complaints go to a temporary file (a pipe nobody reads could
 * stall it) and are quoted when it fails. The input is named {@code file:/absolute/path}, so no file
 * name can be taken for another ffmpeg protocol or an option. Thread-safe.
 */
public final class FfmpegPcmDecoder implements PcmDecoder {

    private final String ffmpeg;

    public FfmpegPcmDecoder(String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    public FfmpegPcmDecoder() {
        this("ffmpeg");
    }

    @Override
    public Decoding start(Path file, int sampleRate, int maxSeconds) throws IOException {
        Path err = Files.createTempFile("hotline-pcm-", ".log");
        List<String> cmd = List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-t", Integer.toString(maxSeconds),
                "-i", "file:" + file.toAbsolutePath(), "-vn", "-ac", "1", "-ar", Integer.toString(sampleRate),
                "-acodec", "pcm_s16le", "-f", "s16le", "pipe:1");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(err.toFile()).start();
        } catch (IOException e) {
            Files.deleteIfExists(err);
            throw new IOException("cannot run " + ffmpeg + " (install Debian's ffmpeg): " + e.getMessage(), e);
        }
        return new Run(p, err, file);
    }

    private static final class Run implements Decoding {
        private final Process process;
        private final Path err;
        private final Path file;
        private volatile boolean aborted;

        Run(Process process, Path err, Path file) {
            this.process = process;
            this.err = err;
            this.file = file;
        }

        @Override
        public InputStream pcm() {
            return process.getInputStream();
        }

        @Override
        public void abort() {
            aborted = true;
            process.destroyForcibly();
        }

        @Override
        public void finish() throws IOException {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    abort();
                    throw new IOException(file.getFileName() + ": ffmpeg did not end after its output");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort();
                throw new IOException(file.getFileName() + ": interrupted while decoding", e);
            }
            if (aborted) {
                throw new IOException(file.getFileName() + ": decoding aborted");
            }
            if (process.exitValue() != 0) {
                String text = Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8).strip() : "";
                if (text.length() > 400) {
                    text = text.substring(text.length() - 400);
                }
                throw new IOException(file.getFileName() + ": ffmpeg exit " + process.exitValue() + ": " + text);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                abort();
            }
            try {
                process.getInputStream().close();
                Files.deleteIfExists(err);
            } catch (IOException e) {
                // a temporary file left in /tmp is harmless
            }
        }
    }
}
