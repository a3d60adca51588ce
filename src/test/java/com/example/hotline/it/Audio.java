package com.example.hotline.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Measures a recording with Debian's ffmpeg (volumedetect), as an auditor's ear would. */
final class Audio {

    private static final Pattern MEAN = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB");

    private Audio() {}

    /** Mean volume in dB (-91 for digital silence). */
    static double meanVolumeDb(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(), "-af",
                "volumedetect", "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("ffmpeg could not read " + file + ":\n" + out);
        }
        Matcher m = MEAN.matcher(out);
        if (!m.find()) {
            throw new AssertionError("ffmpeg printed no mean_volume for " + file + ":\n" + out);
        }
        return m.group(1).equals("-inf") ? -91 : Double.parseDouble(m.group(1));
    }
}
