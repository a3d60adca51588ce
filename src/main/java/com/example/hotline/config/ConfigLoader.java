package com.example.hotline.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Builds a {@link HotlineConfig} from defaults, an optional properties file and the environment
 * (highest precedence). Every failure is a {@link ConfigException} naming the key and where the bad
 * value came from. Stateless; safe to call from any thread.
 */
public final class ConfigLoader {

    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,10}");
    /** Chinese area codes with their trunk 0, as directory.PhoneNumbers accepts them. */
    private static final Pattern AREA_CODE = Pattern.compile("010|02[0-9]|0[3-9][0-9]{2}");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})([smhd])");
    private static final Pattern DIALPLAN_NAME = Pattern.compile("[A-Za-z0-9_.+*#-]{1,40}");

    private ConfigLoader() {}

    /** Loads from {@code file} (may be null) and {@code env} (usually {@link System#getenv()}). */
    public static HotlineConfig load(Path file, Map<String, String> env) {
        Map<ConfigKey, String> raw = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, String> origin = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            raw.put(k, k.defaultValue());
            origin.put(k, "default");
        }
        if (file != null) {
            Properties props = readFile(file);
            for (String name : props.stringPropertyNames()) {
                ConfigKey k = ConfigKey.byKey(name.trim());
                if (k == null) {
                    throw new ConfigException("unknown config key '" + name + "' in " + file
                            + " (known keys are listed in the README)");
                }
                raw.put(k, props.getProperty(name).trim());
                origin.put(k, file.toString());
            }
        }
        for (ConfigKey k : ConfigKey.values()) {
            String v = env.get(k.envName());
            if (v != null) {
                raw.put(k, v.trim());
                origin.put(k, "environment " + k.envName());
            }
        }
        return new Parser(raw, origin).parse();
    }

    private static Properties readFile(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return props;
    }

    /** Typed access to the raw strings; each accessor names the key in its error. */
    private static final class Parser {
        private final Map<ConfigKey, String> raw;
        private final Map<ConfigKey, String> origin;

        Parser(Map<ConfigKey, String> raw, Map<ConfigKey, String> origin) {
            this.raw = raw;
            this.origin = origin;
        }

        HotlineConfig parse() {
            Path dataDir = path(ConfigKey.DATA_DIR);
            String archive = raw.get(ConfigKey.ARCHIVE_DIR);
            Path archiveDir = archive.isEmpty() ? dataDir.resolve("archive") : path(ConfigKey.ARCHIVE_DIR);
            Duration ringOn = millis(ConfigKey.RING_ON_MS, 100, 60_000);
            Duration ringOff = millis(ConfigKey.RING_OFF_MS, 0, 60_000);
            Duration ping = millis(ConfigKey.AMI_PING_MS, 500, 600_000);
            Duration readTimeout = millis(ConfigKey.AMI_READ_TIMEOUT_MS, 1000, 3_600_000);
            if (readTimeout.compareTo(ping) <= 0) {
                throw bad(ConfigKey.AMI_READ_TIMEOUT_MS, "must be longer than ami.ping.ms (" + ping.toMillis()
                        + "), or the pings themselves could not keep the connection alive");
            }
            String dbUrl = raw.get(ConfigKey.DB_URL);
            if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:postgresql:")) {
                throw bad(ConfigKey.DB_URL, "must be a jdbc:postgresql: URL");
            }
            return new HotlineConfig(
                    new HotlineConfig.Http(address(ConfigKey.HTTP_HOST), port(ConfigKey.HTTP_PORT),
                            bool(ConfigKey.HTTP_COOKIE_SECURE)),
                    new HotlineConfig.Agi(address(ConfigKey.AGI_HOST), port(ConfigKey.AGI_PORT),
                            addresses(ConfigKey.AGI_ALLOW)),
                    new HotlineConfig.Ami(nonEmpty(ConfigKey.AMI_HOST), port(ConfigKey.AMI_PORT),
                            nonEmpty(ConfigKey.AMI_USER), new Secret(raw.get(ConfigKey.AMI_SECRET)), ping,
                            readTimeout),
                    new HotlineConfig.Db(dbUrl, nonEmpty(ConfigKey.DB_USER),
                            new Secret(raw.get(ConfigKey.DB_PASSWORD)), integer(ConfigKey.DB_POOL_SIZE, 2, 200)),
                    new HotlineConfig.Paths(dataDir, archiveDir, path(ConfigKey.RECORDINGS_DIR),
                            raw.get(ConfigKey.CDR_FILE).isEmpty() ? null : path(ConfigKey.CDR_FILE)),
                    new HotlineConfig.Ring(ringOn, ringOff, integer(ConfigKey.RING_LIMIT, 1, 20)),
                    new HotlineConfig.Hotline(dialplanName(ConfigKey.HOTLINE_CONTEXT),
                            dialplanName(ConfigKey.HOTLINE_EXTEN), extensions(ConfigKey.FRONTDESK_EXTENSIONS),
                            Duration.ofSeconds(integer(ConfigKey.DIAL_TIMEOUT_SECONDS, 20, 3600)),
                            oneOf(ConfigKey.ROUTING_STRATEGY, "ringall", "hunt"), optionalExtension(ConfigKey.ROUTING_SUPERVISOR),
                            millis(ConfigKey.ROUTING_HUNT_PER_PHONE_MS, 1000, 60_000)),
                    new HotlineConfig.Tickets(Duration.ofHours(integer(ConfigKey.TICKET_REPEAT_WINDOW_HOURS, 0, 24 * 31))),
                    new Secret(raw.get(ConfigKey.ADMIN_PASSWORD)),
                    zone(ConfigKey.TIME_ZONE),
                    areaCode(ConfigKey.DIRECTORY_AREA_CODE),
                    new HotlineConfig.Deadlines(
                            duration(ConfigKey.DEADLINE_MAJOR, Duration.ofHours(1), Duration.ofDays(366)),
                            duration(ConfigKey.DEADLINE_IMPORTANT, Duration.ofMinutes(10), Duration.ofDays(366)),
                            duration(ConfigKey.DEADLINE_MINOR, Duration.ofMinutes(10), Duration.ofDays(366)),
                            duration(ConfigKey.DEADLINE_ARRIVE, Duration.ofMinutes(1), Duration.ofDays(7)),
                            duration(ConfigKey.DEADLINE_START, Duration.ofMinutes(1), Duration.ofDays(7))),
                    recordings());
        }

        private HotlineConfig.Recordings recordings() {
            java.time.LocalTime at;
            try {
                at = java.time.LocalTime.parse(nonEmpty(ConfigKey.ARCHIVE_TIME),
                        java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
            } catch (java.time.format.DateTimeParseException e) {
                throw bad(ConfigKey.ARCHIVE_TIME, "is not a time of day HH:MM such as 00:30");
            }
            int months = integer(ConfigKey.RETENTION_MONTHS, Integer.MIN_VALUE, 1200);
            if (months < 3) {
                throw bad(ConfigKey.RETENTION_MONTHS, "must be at least 3: recordings are kept at least three "
                        + "months (check C7); a longer period is allowed, a shorter one never");
            }
            int threads = integer(ConfigKey.ARCHIVE_THREADS, 0, 64);
            return new HotlineConfig.Recordings(at, oneOf(ConfigKey.ARCHIVE_FORMAT, "opus", "mp3", "wav"),
                    integer(ConfigKey.ARCHIVE_BITRATE_KBPS, 6, 320),
                    threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, months,
                    new HotlineConfig.Grading(decimal(ConfigKey.GRADE_SILENCE_DB, -90, 0),
                            decimal(ConfigKey.GRADE_SILENT_PERCENT, 0, 100),
                            decimal(ConfigKey.GRADE_CLEAR_PERCENT, 0, 100),
                            decimal(ConfigKey.GRADE_CLEAR_MEAN_DB, -90, 0),
                            decimal(ConfigKey.GRADE_FAIR_PERCENT, 0, 100),
                            decimal(ConfigKey.GRADE_FAIR_MEAN_DB, -90, 0),
                            decimal(ConfigKey.GRADE_ONE_SIDED_PERCENT, 0, 100)));
        }

        private double decimal(ConfigKey k, double min, double max) {
            try {
                double v = Double.parseDouble(raw.get(k));
                if (!(v >= min && v <= max)) {
                    throw bad(k, "must be between " + min + " and " + max);
                }
                return v;
            } catch (NumberFormatException e) {
                throw bad(k, "is not a number");
            }
        }

        private ConfigException bad(ConfigKey k, String why) {
            String value = k.secret() ? "****" : "'" + raw.get(k) + "'";
            return new ConfigException("config key '" + k.key() + "' (from " + origin.get(k) + ") = " + value
                    + ": " + why);
        }

        private boolean bool(ConfigKey k) {
            String v = raw.get(k).trim().toLowerCase(java.util.Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw bad(k, "must be true or false");
            }
            return v.equals("true");
        }

        private String nonEmpty(ConfigKey k) {
            String v = raw.get(k);
            if (v.isEmpty()) {
                throw bad(k, "must not be empty");
            }
            return v;
        }

        private int integer(ConfigKey k, int min, int max) {
            try {
                int v = Integer.parseInt(raw.get(k));
                if (v < min || v > max) {
                    throw bad(k, "must be between " + min + " and " + max);
                }
                return v;
            } catch (NumberFormatException e) {
                throw bad(k, "is not a whole number");
            }
        }

        private int port(ConfigKey k) {
            try {
                int v = Integer.parseInt(raw.get(k));
                if (v < 1 || v > 65535) {
                    throw bad(k, "is not a port number (1-65535)");
                }
                return v;
            } catch (NumberFormatException e) {
                throw bad(k, "is not a port number (1-65535)");
            }
        }

        private Duration millis(ConfigKey k, int min, int max) {
            return Duration.ofMillis(integer(k, min, max));
        }

        /** A duration written as a whole number and a unit: {@code 90s}, {@code 5m}, {@code 1h}, {@code 10d}. */
        private Duration duration(ConfigKey k, Duration min, Duration max) {
            var m = DURATION.matcher(raw.get(k));
            if (!m.matches()) {
                throw bad(k, "is not a duration: a whole number and a unit s, m, h or d, such as 30m or 10d");
            }
            Duration d;
            try {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                throw bad(k, "is too long");
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw bad(k, "must be between " + text(min) + " and " + text(max));
            }
            return d;
        }

        private static String text(Duration d) {
            if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
                return d.toDays() + "d";
            }
            if (d.toMinutes() % 60 == 0) {
                return d.toHours() + "h";
            }
            return d.toMinutes() + "m";
        }

        private InetAddress address(ConfigKey k) {
            return parseAddress(k, nonEmpty(k));
        }

        private InetAddress parseAddress(ConfigKey k, String v) {
            // only literal addresses: a listener must not depend on name resolution at start
            if (!v.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw bad(k, "'" + v + "' is not an IP address");
            }
            try {
                return InetAddress.getByName(v);
            } catch (UnknownHostException e) {
                throw bad(k, "'" + v + "' is not an IP address");
            }
        }

        private List<InetAddress> addresses(ConfigKey k) {
            List<InetAddress> out = new ArrayList<>();
            for (String part : nonEmpty(k).split(",")) {
                if (!part.isBlank()) {
                    out.add(parseAddress(k, part.trim()));
                }
            }
            if (out.isEmpty()) {
                throw bad(k, "must list at least one address");
            }
            return List.copyOf(out);
        }

        private List<String> extensions(ConfigKey k) {
            List<String> out = new ArrayList<>();
            for (String part : nonEmpty(k).split(",")) {
                String ext = part.trim();
                if (!EXTENSION.matcher(ext).matches()) {
                    throw bad(k, "'" + ext + "' is not an extension (2-10 digits)");
                }
                out.add(ext);
            }
            return List.copyOf(out);
        }

        private String oneOf(ConfigKey k, String... allowed) {
            String v = nonEmpty(k);
            for (String a : allowed) {
                if (a.equals(v)) {
                    return v;
                }
            }
            throw bad(k, "must be one of " + String.join(", ", allowed));
        }

        private String optionalExtension(ConfigKey k) {
            String v = raw.get(k);
            if (v.isEmpty()) {
                return null;
            }
            if (!EXTENSION.matcher(v).matches()) {
                throw bad(k, "'" + v + "' is not an extension (2-10 digits)");
            }
            return v;
        }

        private String dialplanName(ConfigKey k) {
            String v = nonEmpty(k);
            if (!DIALPLAN_NAME.matcher(v).matches()) {
                throw bad(k, "is not a valid dialplan name");
            }
            return v;
        }

        private Path path(ConfigKey k) {
            try {
                return Path.of(nonEmpty(k)).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw bad(k, "is not a valid path");
            }
        }

        private String areaCode(ConfigKey k) {
            String v = raw.get(k);
            if (!v.isEmpty() && !AREA_CODE.matcher(v).matches()) {
                throw bad(k, "is not an area code: 0 and 2-3 digits, like 010, 021 or 0755 (or empty for none)");
            }
            return v;
        }

        private ZoneId zone(ConfigKey k) {
            String v = raw.get(k);
            if (v.isEmpty()) {
                return ZoneId.systemDefault();
            }
            try {
                return ZoneId.of(v);
            } catch (DateTimeException e) {
                throw bad(k, "is not a time zone id such as Asia/Shanghai");
            }
        }
    }
}
