package com.example.hotline.recording;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PBX's raw recordings as this host sees them under {@code recordings.dir} (the PBX's
 * {@code /var/spool/asterisk/monitor}). The dialplan names each one
 * {@code hotline/<UTC start yyyyMMdd'T'HHmmss'Z'>-<UNIQUEID>.wav} and writes the two directions beside
 * it as {@code hotline/sides/<same>-caller.wav} (heard from the caller) and {@code -desk.wav} (sent to
 * the caller). Stateless apart from the folder; thread-safe.
 */
public final class RawFiles {

    public static final String FOLDER = "hotline";
    private static final Pattern NAME = Pattern.compile("([0-9]{8}T[0-9]{6}Z)-([A-Za-z0-9._-]{1,80})\\.wav");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Path dir;

    public RawFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The start time and uniqueid a raw file's name carries. */
    public record Parsed(Instant startedAt, String uniqueId) {}

    /**
     * The index's name of a file MixMonitor reported with its path inside the PBX
     * ({@code /var/spool/asterisk/monitor/hotline/x.wav}) or relative to the monitor folder; empty when
     * it is not one of ours (outside the folder, or {@code ..}).
     */
    public static Optional<String> relative(String pbxPath) {
        if (pbxPath == null || pbxPath.isBlank()) {
            return Optional.empty();
        }
        String p = pbxPath.trim();
        int monitor = p.lastIndexOf("/monitor/");
        if (monitor >= 0) {
            p = p.substring(monitor + "/monitor/".length());
        } else if (p.startsWith("/")) {
            return Optional.empty();
        }
        if (p.contains("..") || p.contains("\\") || !p.startsWith(FOLDER + "/") || p.indexOf('/', FOLDER.length() + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** The start and uniqueid of a raw file named by the dialplan, if it is so named. */
    public static Optional<Parsed> parse(String rawFile) {
        String name = rawFile.substring(rawFile.lastIndexOf('/') + 1);
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Instant at = LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC);
            return Optional.of(new Parsed(at, m.group(2)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public Path resolve(String rawFile) {
        return dir.resolve(rawFile);
    }

    /** The side files of a raw file (caller, desk); they may not exist. */
    public List<Path> sides(String rawFile) {
        String name = rawFile.substring(rawFile.lastIndexOf('/') + 1);
        String base = name.endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
        Path sides = dir.resolve(FOLDER).resolve("sides");
        return List.of(sides.resolve(base + "-caller.wav"), sides.resolve(base + "-desk.wav"));
    }

    /** Every raw recording in the folder (relative names), side files excluded; empty when there is no folder. */
    public List<String> list() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.resolve(FOLDER), "*.wav")) {
            for (Path p : s) {
                if (Files.isRegularFile(p)) {
                    out.add(FOLDER + "/" + p.getFileName());
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return out;
    }

    /** The raw file the dialplan made for this channel, found by the uniqueid in its name. */
    public Optional<String> findByUniqueId(String uniqueId) throws IOException {
        if (uniqueId == null || !uniqueId.matches("[A-Za-z0-9._-]{1,80}")) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.resolve(FOLDER), "*-" + uniqueId + ".wav")) {
            for (Path p : s) {
                return Optional.of(FOLDER + "/" + p.getFileName());
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
