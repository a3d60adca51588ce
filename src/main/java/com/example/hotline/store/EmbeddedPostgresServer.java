package com.example.hotline.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-config database: a PostgreSQL from a Maven package (zonky's bundled binaries) with its
 * data under {@code data.dir/pg}, kept across restarts, durable (fsync, synchronous commit and full
 * page writes on, overriding the library's test-friendly defaults). A postmaster left behind by a
 * killed server is shut down before starting, so a restart after SIGKILL works. Not thread-safe;
 * started and closed by the composition root.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            stopOrphan(dataDir);
            Path logFile = dataDir.resolveSibling("pg.log");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            log.info("embedded PostgreSQL {}: running on 127.0.0.1:{}", dataDir, pg.getPort());
            return new EmbeddedPostgresServer(pg, dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL " + dataDir + ": cannot start: " + e.getMessage()
                    + " (see " + dataDir.resolveSibling("pg.log") + ")", e);
        }
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    /**
     * A server killed with SIGKILL leaves its postmaster running (pg_ctl detaches it) and holding the
     * data directory; stop it (SIGINT = fast shutdown, then crash recovery is not even needed).
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !isPostgres(pid)) {
            return; // stale pid file: postgres removes or ignores it by itself
        }
        log.warn("embedded PostgreSQL {}: a postmaster (pid {}) from a previous run is still running; "
                + "shutting it down", dataDir, pid);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            handle.get().onExit().get(ORPHAN_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the old postmaster", e);
        } catch (Exception e) {
            throw new IOException("old postmaster pid " + pid + " did not stop within " + ORPHAN_STOP_WAIT, e);
        }
    }

    private static boolean isPostgres(long pid) {
        try {
            String comm = Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
            return comm.startsWith("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
            log.info("embedded PostgreSQL {}: stopped", dataDir);
        } catch (IOException e) {
            log.error("embedded PostgreSQL {}: stop failed: {}", dataDir, e.toString());
        }
    }
}
