package com.example.hotline.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test audio made by Debian's ffmpeg, shaped like MixMonitor's files (8 kHz mono 16-bit WAV):
 * speech-like (a voiced tone with pink noise, in 2.2 s talk spurts and 0.8 s pauses) or silence.
 */
public final class SpeechWav {

    private SpeechWav() {}

    public static void speech(Path out, int seconds) throws IOException, InterruptedException {
        run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=180:sample_rate=8000:duration=" + seconds, "-f", "lavfi", "-i",
                "anoisesrc=color=pink:sample_rate=8000:amplitude=0.25:duration=" + seconds, "-filter_complex",
                "[0][1]amix=inputs=2,volume='0.9*gt(mod(t,3),0.8)':eval=frame", "-ac", "1", "-ar", "8000",
                "-c:a", "pcm_s16le", out.toString()));
    }

    public static void silence(Path out, int seconds) throws IOException, InterruptedException {
        run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t",
                Integer.toString(seconds), "-c:a", "pcm_s16le", out.toString()));
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("ffmpeg could not make test audio (Debian package ffmpeg): " + out);
        }
    }
}
