package com.example.hotline.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.bramp.ffmpeg.FFmpeg;
import net.bramp.ffmpeg.FFprobe;
import net.bramp.ffmpeg.ProcessFunction;
import net.bramp.ffmpeg.builder.FFmpegBuilder;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;

/**
 * {@link AudioTool} with Debian's ffmpeg and ffprobe through ffmpeg-cli-wrapper. One transcode is one
 * ffmpeg process whose audio filters {@code silencedetect} and {@code volumedetect} pass the audio
 * through unchanged and print their figures, so grading costs no second decode. ffmpeg's stderr is
 * merged into its stdout (a full stderr pipe could otherwise stall it while the wrapper drains stdout).
 * Each worker thread gets its own wrapper instances, because the wrapper collects output per instance;
 * thread-safe that way.
 */
public final class FfmpegAudioTool implements AudioTool {

    private static final Pattern MEAN = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB");
    private static final Pattern MAX = Pattern.compile("max_volume: (-?[0-9.]+|-inf) dB");
    private static final Pattern SILENCE_START = Pattern.compile("silence_start: (-?[0-9.]+)");
    private static final Pattern SILENCE_END = Pattern.compile("silence_end: (-?[0-9.]+)");
    private static final Pattern DURATION = Pattern.compile("Duration: ([0-9]+):([0-9]{2}):([0-9]{2}(?:\\.[0-9]+)?)");
    private static final ProcessFunction MERGED = args -> new ProcessBuilder(args).redirectErrorStream(true).start();

    private final String ffmpegPath;
    private final String ffprobePath;
    private final ThreadLocal<Tools> tools;

    /** Checks at once that both programs run ({@code ffmpeg -version}); fails naming the missing one. */
    public FfmpegAudioTool(String ffmpegPath, String ffprobePath) {
        this.ffmpegPath = ffmpegPath;
        this.ffprobePath = ffprobePath;
        this.tools = ThreadLocal.withInitial(this::newTools);
        newTools();
    }

    public FfmpegAudioTool() {
        this("ffmpeg", "ffprobe");
    }

    private record Tools(FFmpeg ffmpeg, FFprobe ffprobe, StringBuilder out) {}

    private Tools newTools() {
        try {
            StringBuilder out = new StringBuilder();
            FFmpeg ffmpeg = new FFmpeg(ffmpegPath, MERGED);
            ffmpeg.setProcessOutputStream(out);
            FFprobe ffprobe = new FFprobe(ffprobePath);
            return new Tools(ffmpeg, ffprobe, out);
        } catch (IOException e) {
            throw new IllegalStateException("ffmpeg/ffprobe not usable (" + ffmpegPath + ", " + ffprobePath
                    + "): " + e.getMessage() + " - install Debian's ffmpeg", e);
        }
    }

    @Override
    public AudioStats transcode(Path source, Path target, ArchiveFormat format, double silenceDb) throws IOException {
        var out = new FFmpegBuilder().setVerbosity(FFmpegBuilder.Verbosity.INFO).addExtraArgs("-nostats")
                .overrideOutputFiles(true).setInput(source.toString()).done()
                .addOutput(target.toString()).setFormat(format.container()).disableVideo()
                .setAudioChannels(1).setAudioCodec(format.codec())
                .setAudioFilter(filters(silenceDb));
        if (format.bitrateKbps() > 0) {
            out.setAudioBitRate(format.bitrateKbps() * 1000L);
        }
        if ("libopus".equals(format.codec())) {
            out.addExtraArgs("-application", "voip");
        }
        String log = run(out.done(), source);
        java.util.Optional<String> failed = failedWrite(log);
        if (failed.isPresent()) {
            throw new IOException(source.getFileName() + ": ffmpeg could not write " + target + ": " + failed.get());
        }
        return stats(log);
    }

    /**
     * A write error ffmpeg only prints: with the disk full it says "Error writing trailer of …: No
     * space left on device" and still exits 0 (ffmpeg 5.1), leaving a truncated file.
     */
    static java.util.Optional<String> failedWrite(String log) {
        return log.lines().map(String::strip).filter(l -> l.startsWith("Error writing") || l.startsWith("Error closing")
                || l.contains("No space left on device") || l.startsWith("av_interleaved_write_frame()")).findFirst();
    }

    @Override
    public AudioStats analyse(Path file, double silenceDb) throws IOException {
        FFmpegBuilder b = new FFmpegBuilder().setVerbosity(FFmpegBuilder.Verbosity.INFO).addExtraArgs("-nostats")
                .setInput(file.toString()).done()
                .addOutput("-").setFormat("null").disableVideo().setAudioFilter(filters(silenceDb)).done();
        return stats(run(b, file));
    }

    @Override
    public long durationMillis(Path file) throws IOException {
        FFmpegProbeResult r;
        try {
            r = tools.get().ffprobe().probe(file.toString());
        } catch (IOException e) {
            // ffprobe fails on a file without a single audio packet: the copy of an empty recording (a
            // call abandoned while ringing, MixMonitor wrote only a header). Any other unreadable file
            // lasts 0 ms too and so fails the duration check against its recording.
            return 0;
        }
        return r.getFormat() != null && r.getFormat().duration > 0 ? Math.round(r.getFormat().duration * 1000) : 0;
    }

    private static String filters(double silenceDb) {
        return String.format(Locale.ROOT, "silencedetect=noise=%.1fdB:d=0.5,volumedetect", silenceDb);
    }

    private String run(FFmpegBuilder b, Path source) throws IOException {
        Tools t = tools.get();
        t.out().setLength(0);
        try {
            t.ffmpeg().run(b);
        } catch (IOException | RuntimeException e) {
            String tail = t.out().length() > 600 ? t.out().substring(t.out().length() - 600) : t.out().toString();
            throw new IOException(source + ": ffmpeg failed: " + e.getMessage() + ": " + tail.strip(), e);
        }
        return t.out().toString();
    }

    /** Parses volumedetect, silencedetect and the input's duration from ffmpeg's log. */
    static AudioStats stats(String log) throws IOException {
        Double mean = db(MEAN, log);
        Double max = db(MAX, log);
        if (mean == null && log.contains("n_samples: 0")) {
            return new AudioStats(-91, -91, 0, null, null); // no audio at all: digital silence
        }
        Matcher d = DURATION.matcher(log);
        if (mean == null || max == null || !d.find()) {
            throw new IOException("ffmpeg printed no volume or duration: " + log.strip());
        }
        double total = Integer.parseInt(d.group(1)) * 3600 + Integer.parseInt(d.group(2)) * 60
                + Double.parseDouble(d.group(3));
        double silent = 0;
        Double open = null;
        for (String line : log.split("\n")) {
            Matcher s = SILENCE_START.matcher(line);
            if (s.find()) {
                open = Math.max(0, Double.parseDouble(s.group(1)));
            }
            Matcher e = SILENCE_END.matcher(line);
            if (e.find() && open != null) {
                silent += Math.max(0, Double.parseDouble(e.group(1)) - open);
                open = null;
            }
        }
        if (open != null) {
            silent += Math.max(0, total - open); // silent until the end
        }
        double speech = total <= 0 ? 0 : Math.max(0, Math.min(1, 1 - silent / total));
        return new AudioStats(mean, max, speech, null, null);
    }

    private static Double db(Pattern p, String log) {
        Matcher m = p.matcher(log);
        if (!m.find()) {
            return null;
        }
        return "-inf".equals(m.group(1)) ? -91.0 : Double.parseDouble(m.group(1));
    }
}
