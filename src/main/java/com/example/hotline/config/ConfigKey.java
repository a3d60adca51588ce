package com.example.hotline.config;

import java.util.List;
import java.util.Locale;

/**
 * Every configuration key the server knows, with its default and meaning. The README's table of
 * keys is this list; an unknown key in a config file is an error (a typo must not pass silently).
 */
public enum ConfigKey {
    HTTP_HOST("http.host", "127.0.0.1", "address the HTTP API and web UI listen on"),
    HTTP_PORT("http.port", "8080", "HTTP port"),
    HTTP_COOKIE_SECURE("http.cookie.secure", "false", "true: the session cookie is marked Secure (set it when "
            + "browsers reach the server over HTTPS, e.g. behind a TLS proxy)"),
    AGI_HOST("agi.host", "127.0.0.1", "address the FastAGI server listens on"),
    AGI_PORT("agi.port", "4573", "FastAGI port (the dialplan calls agi://127.0.0.1:4573/hotline)"),
    AGI_ALLOW("agi.allow", "127.0.0.1", "comma-separated addresses allowed to send AGI requests"),
    AMI_HOST("ami.host", "127.0.0.1", "Asterisk manager interface host"),
    AMI_PORT("ami.port", "5038", "Asterisk manager interface port"),
    AMI_USER("ami.user", "hotline", "AMI user (deploy/asterisk/manager.conf)"),
    AMI_SECRET("ami.secret", "hotline-ami-secret", "AMI secret (secret; default is the local PBX's)"),
    AMI_PING_MS("ami.ping.ms", "3000", "interval of AMI keep-alive pings"),
    AMI_READ_TIMEOUT_MS("ami.read.timeout.ms", "8000", "silence after which the AMI connection is declared dead"),
    DB_URL("db.url", "", "JDBC URL of an external PostgreSQL; empty = embedded PostgreSQL under data.dir/pg"),
    DB_USER("db.user", "hotline", "database user (external database)"),
    DB_PASSWORD("db.password", "", "database password (secret)"),
    DB_POOL_SIZE("db.pool.size", "8", "database connection pool size"),
    DATA_DIR("data.dir", "./data", "server data: embedded database, generated admin password"),
    ARCHIVE_DIR("archive.dir", "", "recording archive; empty = data.dir/archive"),
    RECORDINGS_DIR("recordings.dir", "/var/lib/hotline-pbx/root/var/spool/asterisk/monitor",
            "where the PBX's MixMonitor writes raw recordings, as seen from this host"),
    CDR_FILE("cdr.file", "/var/lib/hotline-pbx/root/var/log/asterisk/cdr-csv/Master.csv",
            "the PBX's cdr_csv file as seen from this host, read after an AMI gap to fill in calls whose events were "
            + "missed (empty = off)"),
    RING_ON_MS("ring.on.ms", "1000", "ringback cadence: tone on (China: 1 s)"),
    RING_OFF_MS("ring.off.ms", "4000", "ringback cadence: tone off (China: 4 s)"),
    RING_LIMIT("ring.limit", "3", "a call must be answered before this many rings have started plus one"),
    HOTLINE_CONTEXT("hotline.context", "from-carrier", "dialplan context where hotline calls arrive"),
    HOTLINE_EXTEN("hotline.exten", "400", "the hotline number"),
    FRONTDESK_EXTENSIONS("frontdesk.extensions", "8001,8002,8003,8004", "front-desk agent extensions"),
    DIAL_TIMEOUT_SECONDS("dial.timeout.seconds", "45", "maximum ring time of a hotline call before the recorded "
            + "fallback (message taking + callback task)"),
    ROUTING_STRATEGY("routing.strategy", "ringall", "ringall: every free front-desk agent at once; hunt: one after "
            + "another, all offered before the last allowed ring ends"),
    ROUTING_SUPERVISOR("routing.supervisor", "8005", "phone that joins a call still unanswered when the last allowed "
            + "ring ends (empty = none)"),
    ROUTING_HUNT_PER_PHONE_MS("routing.hunt.per.phone.ms", "4000", "hunt: longest time one agent rings before the "
            + "next (shortened so all free agents are offered in time)"),
    TICKET_REPEAT_WINDOW_HOURS("ticket.repeat.window.hours", "24", "a call from a number with an open ticket created "
            + "this many hours ago or less joins that ticket instead of opening a new one (0 = never)"),
    ADMIN_PASSWORD("admin.password", "", "password of user admin, set on first start (secret); "
            + "empty = a random one written to data.dir/admin-password"),
    TIME_ZONE("time.zone", "", "time zone of the desk for reports and API times; empty = system zone"),
    DIRECTORY_AREA_CODE("directory.area.code", "", "the desk's own area code with its 0 (010, 0755): a 7-8 digit "
            + "local number gets it, so 65529988 and 010-65529988 are the same phone; empty = none"),
    DEADLINE_MAJOR("deadline.major", "10d", "a major ticket is resolved within this of its registration "
            + "(a number and s, m, h or d)"),
    DEADLINE_IMPORTANT("deadline.important", "3d", "an important ticket is handled within this of its registration"),
    DEADLINE_MINOR("deadline.minor", "2d", "a minor ticket, and one with a kind but no severity, is handled within "
            + "this of its registration"),
    DEADLINE_ARRIVE("deadline.arrive", "5m", "the technician is on site within this of the dispatch order (or of "
            + "the rescheduled time)"),
    DEADLINE_START("deadline.start", "30m", "the technician starts work within this of arriving"),
    ARCHIVE_TIME("archive.time", "00:30", "daily time (HH:MM, time.zone) of the archive job for the previous day and "
            + "any earlier day not done; retention runs right after it"),
    ARCHIVE_FORMAT("archive.format", "opus", "archived audio: opus (mono speech Opus in Ogg, .opus), mp3 (mono, "
            + ".mp3) or wav (mono 16-bit PCM, .wav)"),
    ARCHIVE_BITRATE_KBPS("archive.bitrate.kbps", "24", "bit rate of opus and mp3 archives, kbit/s"),
    ARCHIVE_THREADS("archive.threads", "0", "transcodes the archive job runs at once; 0 = one per core"),
    RETENTION_MONTHS("retention.months", "3", "archived recordings are kept this many calendar months after their "
            + "day at least (C7: 3 or more; less is refused at start)"),
    GRADE_SILENCE_DB("grade.silence.db", "-45", "audio quieter than this (dBFS) counts as silence when grading"),
    GRADE_SILENT_PERCENT("grade.silent.percent", "2", "less speech (non-silence) than this share of the recording, "
            + "or a peak under grade.silence.db: silent"),
    GRADE_CLEAR_PERCENT("grade.clear.percent", "15", "clear needs at least this share of speech …"),
    GRADE_CLEAR_MEAN_DB("grade.clear.mean.db", "-35", "… and a mean volume of at least this (dBFS)"),
    GRADE_FAIR_PERCENT("grade.fair.percent", "5", "fair needs at least this share of speech …"),
    GRADE_FAIR_MEAN_DB("grade.fair.mean.db", "-45", "… and a mean volume of at least this; anything else is unclear"),
    GRADE_ONE_SIDED_PERCENT("grade.one.sided.percent", "2", "a direction (caller or desk side file) with less speech "
            + "than this while the other has at least grade.fair.percent: one-sided");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The environment variable that overrides this key: {@code http.port} → {@code HOTLINE_HTTP_PORT}. */
    public String envName() {
        return "HOTLINE_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public boolean secret() {
        return this == AMI_SECRET || this == DB_PASSWORD || this == ADMIN_PASSWORD;
    }

    public static ConfigKey byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    public static List<ConfigKey> all() {
        return List.of(values());
    }
}
