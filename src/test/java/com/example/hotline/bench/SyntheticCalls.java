package com.example.hotline.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many distinct calls made from the AMI transcripts captured on the real PBX: copy {@code g} of a
 * transcript gets its own Uniqueid/Linkedid (and Dest*), channel suffixes, bridge id and a Timestamp
 * shifted by {@code g × spacing}; all copies are then merged in PBX timestamp order, so calls overlap
 * like on a busy hotline. The result is pre-encoded AMI bytes (CRLF, blank line after each event) cut
 * into chunks on event boundaries, so the streamer spends no CPU on text. Immutable once built.
 */
final class SyntheticCalls {

    static final List<String> TRANSCRIPTS = List.of("answered-8001.ami", "reject-then-answer.ami", "abandoned.ami");

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final Pattern CHANNEL = Pattern.compile("^(.+-)([0-9a-f]{8})$");
    private static final List<String> ID_KEYS = List.of("Uniqueid", "Linkedid", "DestUniqueid", "DestLinkedid",
            "UniqueID");
    private static final List<String> CHANNEL_KEYS = List.of("Channel", "DestChannel", "DestinationChannel");

    final List<byte[]> chunks;
    final int calls;
    final int events;
    final long bytes;
    /** PBX timestamp (seconds) of the last event: the end marker both benchmark listeners look for. */
    final double lastTimestamp;
    /** Number of events per transcript after FullyBooted was removed, to explain the event count. */
    final Map<String, Integer> eventsPerTranscript;

    private SyntheticCalls(List<byte[]> chunks, int calls, int events, long bytes, double lastTimestamp,
                           Map<String, Integer> eventsPerTranscript) {
        this.chunks = chunks;
        this.calls = calls;
        this.events = events;
        this.bytes = bytes;
        this.lastTimestamp = lastTimestamp;
        this.eventsPerTranscript = eventsPerTranscript;
    }

    private record Line(String key, String value) {}

    private record Encoded(long micros, int copy, int index, byte[] bytes) {}

    /** {@code calls} copies, round-robin over the transcripts, one call starting every {@code spacingMicros}. */
    static SyntheticCalls generate(Path amiDir, int calls, long spacingMicros) {
        List<List<List<Line>>> templates = new ArrayList<>();
        Map<String, Integer> perTranscript = new LinkedHashMap<>();
        for (String name : TRANSCRIPTS) {
            List<List<Line>> blocks = parse(amiDir.resolve(name));
            templates.add(blocks);
            perTranscript.put(name, blocks.size());
        }
        List<Encoded> all = new ArrayList<>();
        for (int g = 0; g < calls; g++) {
            List<List<Line>> template = templates.get(g % templates.size());
            rewrite(template, g, spacingMicros, all);
        }
        all.sort(Comparator.comparingLong(Encoded::micros).thenComparingInt(Encoded::copy)
                .thenComparingInt(Encoded::index));
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK_BYTES + 4096);
        long bytes = 0;
        for (Encoded e : all) {
            chunk.writeBytes(e.bytes());
            bytes += e.bytes().length;
            if (chunk.size() >= CHUNK_BYTES) {
                chunks.add(chunk.toByteArray());
                chunk.reset();
            }
        }
        if (chunk.size() > 0) {
            chunks.add(chunk.toByteArray());
        }
        double last = all.get(all.size() - 1).micros() / 1_000_000d;
        return new SyntheticCalls(List.copyOf(chunks), calls, all.size(), bytes, last, perTranscript);
    }

    /** Event blocks of a capture, without FullyBooted (sent once per connection, not per call). */
    private static List<List<Line>> parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("transcript " + file, e);
        }
        List<List<Line>> blocks = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            if (block.isBlank() || block.startsWith("Event: FullyBooted")) {
                continue;
            }
            List<Line> lines = new ArrayList<>();
            for (String l : block.strip().split("\n")) {
                int colon = l.indexOf(':');
                lines.add(new Line(l.substring(0, colon), l.substring(colon + 1).strip()));
            }
            blocks.add(lines);
        }
        return blocks;
    }

    private static void rewrite(List<List<Line>> template, int g, long spacingMicros, List<Encoded> out) {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> channels = new LinkedHashMap<>();
        Map<String, String> bridges = new LinkedHashMap<>();
        long shift = g * spacingMicros;
        for (int i = 0; i < template.size(); i++) {
            StringBuilder sb = new StringBuilder(640);
            long micros = 0;
            for (Line line : template.get(i)) {
                String key = line.key();
                String value = line.value();
                if (key.equals("Timestamp")) {
                    micros = parseMicros(value) + shift;
                    value = formatMicros(micros);
                } else if (ID_KEYS.contains(key) && !value.isEmpty()) {
                    value = ids.computeIfAbsent(value, v -> newId(v, g, ids.size(), shift));
                } else if (CHANNEL_KEYS.contains(key)) {
                    Matcher m = CHANNEL.matcher(value);
                    if (m.matches()) {
                        value = channels.computeIfAbsent(value,
                                v -> m.group(1) + String.format("%08x", g * 8L + channels.size()));
                    }
                } else if (key.equals("BridgeUniqueid")) {
                    value = bridges.computeIfAbsent(value,
                            v -> v.substring(0, v.length() - 12) + String.format("%012x", g * 4L + bridges.size()));
                }
                sb.append(key).append(": ").append(value).append("\r\n");
            }
            sb.append("\r\n");
            out.add(new Encoded(micros, g, i, sb.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Asterisk's "epoch.counter": the epoch moves with the time shift, the counter is unique per copy. */
    private static String newId(String original, int g, int ordinal, long shiftMicros) {
        long epoch = Long.parseLong(original.substring(0, original.indexOf('.'))) + shiftMicros / 1_000_000;
        return epoch + "." + (g * 8L + ordinal);
    }

    private static long parseMicros(String ts) {
        int dot = ts.indexOf('.');
        String frac = (ts.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(ts.substring(0, dot)) * 1_000_000 + Long.parseLong(frac);
    }

    private static String formatMicros(long micros) {
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    @Override
    public String toString() {
        return calls + " calls, " + events + " events, " + (bytes >> 20) + " MiB of AMI text (" + eventsPerTranscript
                + " events per transcript copy)";
    }
}
