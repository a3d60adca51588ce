package com.example.hotline.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads SIPp's statistics file ({@code -trace_stat -stf FILE}: a header line, one line per period, {@code ;}). */
final class SippStats {

    private SippStats() {
    }

    /** The last line by column name; empty before SIPp wrote one. */
    static Map<String, String> last(Path file) {
        Map<String, String> m = new HashMap<>();
        List<String> lines = lines(file);
        if (lines.size() < 2) {
            return m;
        }
        String[] head = lines.get(0).split(";");
        String[] row = lines.get(lines.size() - 1).split(";");
        for (int i = 0; i < head.length && i < row.length; i++) {
            m.put(head[i], row[i]);
        }
        return m;
    }

    /** The largest value of a column over all lines (e.g. CurrentCall: peak concurrency). */
    static long max(Path file, String column) {
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            return -1;
        }
        String[] head = lines.get(0).split(";");
        int col = List.of(head).indexOf(column);
        long max = -1;
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(";");
            if (col >= 0 && col < row.length) {
                try {
                    max = Math.max(max, Long.parseLong(row[col].trim()));
                } catch (NumberFormatException e) {
                    // a partly written line
                }
            }
        }
        return max;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
