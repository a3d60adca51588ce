package com.example.hotline.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server that the hotline server reaches only through {@code db.url} ("external
 * database mode"), run from the PostgreSQL binaries the project already ships (zonky) as a separate
 * server on a fixed loopback port with its own data directory, durable like a production one. A test
 * can stop it with a fast shutdown and start it again on the same data and port, or freeze it
 * (SIGSTOP on the postmaster and every backend: connections stay open, nothing answers).
 */
final class ExternalPostgres implements AutoCloseable {

    private final Path dataDir;
    private final Path log;
    private final int port;
    private EmbeddedPostgres running;
    private List<Long> frozen = List.of();

    private ExternalPostgres(Path dataDir, Path log, int port) {
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
    }

    static ExternalPostgres start(Path dataDir, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ExternalPostgres pg = new ExternalPostgres(dataDir, log, ServerProcess.freePort());
        pg.startAgain();
        return pg;
    }

    /** The JDBC URL of database {@code postgres} (trust authentication on loopback). */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server on the same data directory and port. */
    void startAgain() throws IOException {
        if (running != null) {
            throw new IllegalStateException("PostgreSQL already running on port " + port);
        }
        running = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}): every session is terminated, the port closed. */
    void stopFast() throws IOException {
        if (running == null) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is not running");
        }
        running.close();
        running = null;
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            throw new AssertionError("PostgreSQL " + dataDir + " still has a postmaster.pid after its fast shutdown");
        }
    }

    /** SIGSTOP to the postmaster and all its children: a hang, not an error. */
    void freeze() throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid())
                .orElseThrow(() -> new AssertionError("PostgreSQL postmaster of " + dataDir + " is not running"));
        pids.add(postmaster.pid());
        postmaster.descendants().forEach(h -> pids.add(h.pid()));
        signal("STOP", pids);
        frozen = pids;
    }

    /** SIGCONT to what {@link #freeze} stopped. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT", frozen);
        frozen = List.of();
    }

    private long postmasterPid() throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        return Long.parseLong(lines.get(0).trim());
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        for (long pid : pids) {
            Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!k.waitFor(5, TimeUnit.SECONDS)) {
                k.destroyForcibly();
                throw new AssertionError("kill -" + signal + " " + pid + " did not finish");
            }
            // a backend may have ended between listing and signalling: only the postmaster must be there
        }
    }

    @Override
    public void close() throws Exception {
        if (!frozen.isEmpty()) {
            thaw();
        }
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
