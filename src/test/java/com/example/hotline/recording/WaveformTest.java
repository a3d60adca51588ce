package com.example.hotline.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waveform picture: peaks of 16-bit PCM drawn as a PNG that a standard decoder (ImageIO) reads,
 * silence flat, loud audio to the edges; and {@link Waveforms}: drawn from a real WAV by Debian's
 * ffmpeg once and kept, one drawing for simultaneous requests, a clear error for a file that is no
 * audio, a stuck decoder aborted at the timeout.
 */
class WaveformTest {

    private static final int WAVE = 0x3a5a99;

    @TempDir
    Path dir;

    private static byte[] pcm(int samples, java.util.function.IntUnaryOperator sample) {
        byte[] b = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            int s = sample.applyAsInt(i);
            b[2 * i] = (byte) s;
            b[2 * i + 1] = (byte) (s >> 8);
        }
        return b;
    }

    private static BufferedImage image(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(img != null, "a PNG ImageIO can read");
        return img;
    }

    private static int waveRows(BufferedImage img, int x) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            if ((img.getRGB(x, y) & 0xffffff) == WAVE) {
                n++;
            }
        }
        return n;
    }

    @Test
    void silenceIsAFlatLineAndFullScaleFillsTheHeight() throws IOException {
        // one second of silence, then one second of a full-scale square wave
        byte[] audio = pcm(16000, i -> i < 8000 ? 0 : (i % 40 < 20 ? 32767 : -32768));
        Waveform w = new Waveform().read(new ByteArrayInputStream(audio));
        assertEquals(2000, w.millis());
        BufferedImage img = image(w.png(200, 61));
        assertEquals(200, img.getWidth());
        assertEquals(61, img.getHeight());
        assertTrue(waveRows(img, 10) <= 1, "silence: the centre line only");
        assertEquals(61, waveRows(img, 150), "full scale: top to bottom");
    }

    @Test
    void quietNoiseStaysSmallWhileQuietSpeechIsScaledUp() throws IOException {
        // -48 dBFS noise (peak 130): amplified at most 8 times, it stays near the centre line
        BufferedImage hiss = image(new Waveform().read(new ByteArrayInputStream(
                pcm(8000, i -> i % 2 == 0 ? 130 : -130))).png(100, 101));
        assertTrue(waveRows(hiss, 50) <= 5, "quiet noise stays within a few pixels of 101: " + waveRows(hiss, 50));
        // speech peaking at a quarter of full scale fills the picture
        BufferedImage speech = image(new Waveform().read(new ByteArrayInputStream(
                pcm(8000, i -> i % 2 == 0 ? 8192 : -8192))).png(100, 101));
        assertEquals(101, waveRows(speech, 50));
    }

    @Test
    void oddChunksAndEmptyAudio() throws IOException {
        byte[] audio = pcm(801, i -> 16000);
        // delivered one byte at a time: samples split across reads are put back together
        InputStream slow = new InputStream() {
            int at;

            @Override
            public int read() {
                return at < audio.length ? audio[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= audio.length) {
                    return -1;
                }
                b[off] = audio[at++];
                return 1;
            }
        };
        Waveform w = new Waveform().read(slow);
        assertEquals(100, w.millis());
        assertTrue(waveRows(image(w.png(10, 21)), 5) > 10, "16000 is half of full scale, scaled to the peak");
        BufferedImage empty = image(new Waveform().png(10, 21));
        assertEquals(0, waveRows(empty, 5), "no audio: no wave");
        assertEquals(0xc9ced6, empty.getRGB(5, 10) & 0xffffff, "only the centre line");
        assertThrows(IllegalArgumentException.class, () -> new Waveform().png(0, 10));
    }

    @Test
    void drawnFromARealRecordingOnceAndKept() throws Exception {
        Path wav = dir.resolve("speech.wav");
        SpeechWav.speech(wav, 4);
        AtomicInteger decodings = new AtomicInteger();
        FfmpegPcmDecoder ffmpeg = new FfmpegPcmDecoder();
        PcmDecoder counting = (file, rate, max) -> {
            decodings.incrementAndGet();
            return ffmpeg.start(file, rate, max);
        };
        try (Waveforms w = new Waveforms(counting, dir.resolve("cache"), Duration.ofSeconds(30), 2)) {
            ExecutorService askers = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Path>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(askers.submit(() -> {
                    go.await();
                    return w.picture(5, wav, "r1");
                }));
            }
            go.countDown();
            Path png = answers.get(0).get();
            for (Future<Path> f : answers) {
                assertEquals(png, f.get(), "every asker gets the same picture");
            }
            askers.shutdown();
            assertEquals(dir.resolve("cache/5-r1.png"), png);
            BufferedImage img = image(Files.readAllBytes(png));
            assertEquals(Waveforms.WIDTH, img.getWidth());
            assertTrue(waveRows(img, Waveforms.WIDTH / 2) > Waveforms.HEIGHT / 3, "speech is drawn");
            assertEquals(png, w.picture(5, wav, "r1"));
            assertEquals(1, decodings.get(), "drawn once for five requests");
            w.picture(5, wav, "a");
            assertEquals(List.of("5-a.png"), names(dir.resolve("cache")), "a new version replaces the old picture");
            w.forget(5);
            assertEquals(List.of(), names(dir.resolve("cache")));
        }
    }

    @Test
    void aFileThatIsNoAudioGivesAClearError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.opus"), "this is not audio");
        try (Waveforms w = new Waveforms(new FfmpegPcmDecoder(), dir.resolve("cache"), Duration.ofSeconds(30), 1)) {
            IOException e = assertThrows(IOException.class, () -> w.picture(9, junk, "a"));
            assertTrue(e.getMessage().contains("junk.opus") && e.getMessage().contains("ffmpeg"), e.getMessage());
            assertEquals(List.of(), names(dir.resolve("cache")), "nothing kept");
        }
    }

    @Test
    void aStuckDecoderIsAbortedAtTheTimeout() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        PcmDecoder stuck = (file, rate, max) -> new PcmDecoder.Decoding() {
            final java.io.PipedInputStream in = new java.io.PipedInputStream();
            final java.io.PipedOutputStream out = new java.io.PipedOutputStream(in);

            @Override
            public InputStream pcm() {
                return in;
            }

            @Override
            public void abort() {
                aborted.countDown();
                try {
                    out.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void finish() throws IOException {
                throw new IOException("aborted");
            }

            @Override
            public void close() {
                abort();
            }
        };
        try (Waveforms w = new Waveforms(stuck, dir.resolve("cache"), Duration.ofMillis(300), 1)) {
            Waveforms.BusyException e = assertThrows(Waveforms.BusyException.class,
                    () -> w.picture(3, dir.resolve("x.wav"), "a"));
            assertTrue(e.getMessage().contains("took longer"), e.getMessage());
            assertTrue(aborted.await(5, java.util.concurrent.TimeUnit.SECONDS), "the decoder was stopped");
        }
    }

    private static List<String> names(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
