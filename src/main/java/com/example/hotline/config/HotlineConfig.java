package com.example.hotline.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The whole validated configuration, one record per subsystem. Each subsystem receives only its
 * own record through its constructor. {@code directoryAreaCode} is the desk's area code ({@code 010}) or
 * empty. Immutable and thread-safe.
 */
public record HotlineConfig(
        Http http,
        Agi agi,
        Ami ami,
        Db db,
        Paths paths,
        Ring ring,
        Hotline hotline,
        Tickets tickets,
        Secret adminPassword,
        ZoneId zone,
        String directoryAreaCode,
        Deadlines deadlines,
        Recordings recordings) {

    /**
     * The recordings' jobs: when the archive runs, in which format with how many transcodes at once,
     * how long archived files are kept, and the quality grade's thresholds.
     */
    public record Recordings(java.time.LocalTime archiveTime, String format, int bitrateKbps, int threads,
                             int retentionMonths, Grading grading) {}

    /** Grade thresholds: levels in dBFS, shares in percent of the recording's duration. */
    public record Grading(double silenceDb, double silentPercent, double clearPercent, double clearMeanDb,
                          double fairPercent, double fairMeanDb, double oneSidedPercent) {}

    /** Tickets: how long an open ticket takes further calls from the same number. */
    public record Tickets(Duration repeatWindow) {}

    /** The HTTP API and web UI listener; {@code secureCookie} marks the session cookie Secure. */
    public record Http(InetAddress host, int port, boolean secureCookie) {
        public Http(InetAddress host, int port) {
            this(host, port, false);
        }
    }

    /** The FastAGI listener; {@code allow} lists the peers (PBX hosts) that may connect. */
    public record Agi(InetAddress host, int port, List<InetAddress> allow) {}

    /** The AMI connection: where, who, and how a dead connection is noticed. */
    public record Ami(String host, int port, String user, Secret secret, Duration pingInterval,
                      Duration readTimeout) {}

    /** The database: an external PostgreSQL when {@code url} is set, else the embedded one. */
    public record Db(String url, String user, Secret password, int poolSize) {
        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    /**
     * Where files live: server data, the recording archive, the PBX's raw recordings and its CDR file
     * ({@code cdrFile} null: no reconciliation from it).
     */
    public record Paths(Path dataDir, Path archiveDir, Path recordingsDir, Path cdrFile) {
        public Path embeddedDbDir() {
            return dataDir.resolve("pg");
        }
    }

    /** The ringback cadence and the ring limit of check C1 (answer within three rings). */
    public record Ring(Duration on, Duration off, int limit) {}

    /**
     * How the hotline is reached on the PBX and where its calls ring: {@code strategy} is
     * {@code ringall} or {@code hunt}; {@code supervisor} may be null.
     */
    public record Hotline(String context, String exten, List<String> frontDesk, Duration dialTimeout,
                          String strategy, String supervisor, Duration huntPerPhone) {}

    /**
     * The desk's deadlines: handling by severity from registration; a technician on site within
     * {@code arrive} of the order, at work within {@code start} of arriving.
     */
    public record Deadlines(Duration major, Duration important, Duration minor, Duration arrive, Duration start) {}
}
