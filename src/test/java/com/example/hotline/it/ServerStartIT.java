package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Start-up: bad configuration is refused by name; no configuration runs on embedded defaults. */
class ServerStartIT {

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Process run(Path dir, Map<String, String> env, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(ServerProcess.javaBin(), "-jar",
                ServerProcess.JAR.toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HOTLINE_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    @Test
    void aBadValueStopsTheServerWithAMessageNamingTheKey(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        Process p = run(f.work, Map.of("HOTLINE_HTTP_PORT", "eighty"), "serve");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits by itself");
        String out = Files.readString(f.work.resolve("out.log"));
        assertEquals(2, p.exitValue(), "configuration error exit code; output:\n" + out);
        assertTrue(out.contains("'http.port'"), "names the key:\n" + out);
        assertFalse(Files.exists(f.work.resolve("data")), "nothing was started or created");

        Path file = f.work.resolve("bad.properties");
        Files.writeString(file, "ring.limit=zero\n");
        p = run(f.work, Map.of(), "serve", "--config", file.toString());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits by itself");
        out = Files.readString(f.work.resolve("out.log"));
        assertEquals(2, p.exitValue(), "configuration error exit code; output:\n" + out);
        assertTrue(out.contains("'ring.limit'") && out.contains(file.toString()), "names key and file:\n" + out);

        // values valid alone but not together: 10 rings end after the 45 s maximum ring time
        p = run(f.work, Map.of("HOTLINE_RING_LIMIT", "10"), "serve");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits by itself");
        out = Files.readString(f.work.resolve("out.log"));
        assertEquals(2, p.exitValue(), "configuration error exit code; output:\n" + out);
        assertTrue(out.contains("'dial.timeout.seconds'"), "names the key to change:\n" + out);
        assertFalse(Files.exists(f.work.resolve("data")), "checked before anything was started");
    }

    @Test
    void withDbUrlItUsesThatPostgresqlAndMigratesIt(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        // an "external" PostgreSQL started by the test, reached only through HOTLINE_DB_* like a real one
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                .setDataDirectory(f.work.resolve("external-pg")).setCleanDataDirectory(true).start()) {
            String url = external.getJdbcUrl("postgres", "postgres");
            Map<String, String> env = Map.of("HOTLINE_DB_URL", url, "HOTLINE_DB_USER", "postgres",
                    "HOTLINE_DB_PASSWORD", "unused-with-trust-auth");
            try (ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "ext-admin", env)) {
                var health = server.awaitHealth("database up",
                        h -> "up".equals(h.path("database").path("status").asText()), Duration.ofSeconds(90));
                assertEquals("external", health.path("database").path("mode").asText(), "external database");
                assertFalse(Files.exists(f.work.resolve("data/pg")), "no embedded database was started");
                assertFalse(Files.readString(server.log).contains("unused-with-trust-auth"),
                        "the database password is not logged");
            }
            try (Connection c = DriverManager.getConnection(url);
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT count(*) FROM flyway_schema_history WHERE success")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 2, "the migrations of recordings-schema/ were applied there");
            }
        }
    }

    @Test
    void withNoConfigItRunsOnEmbeddedDefaultsAndSurvivesSigkill(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        Path log = f.logs.resolve("server.log");
        // no --config, no HOTLINE_* but the admin password: ./data, 8080, 4573, embedded PostgreSQL
        try (ServerProcess first = ServerProcess.startDefaults(f.work, log, "first-password")) {
            var health = first.awaitHealth("database up", h -> "up".equals(h.path("database").path("status").asText()),
                    Duration.ofSeconds(90));
            assertEquals("embedded", health.path("database").path("mode").asText(), "embedded database");
            assertTrue(Files.isDirectory(f.work.resolve("data/pg")), "database under ./data/pg");
            assertTrue(Files.isDirectory(f.work.resolve("data/archive")), "archive under ./data/archive");
            assertEquals(f.work.resolve("data/archive").toString(), health.path("archive").path("dir").asText());
            assertEquals(401, first.get("/api/calls", null).statusCode(), "login required");
            assertEquals(401, first.get("/api/calls", basic("admin", "wrong")).statusCode(), "wrong password");
            first.kill(); // SIGKILL: no shutdown hook, PostgreSQL left running
        }
        try (ServerProcess second = ServerProcess.startDefaults(f.work, log, "second-password", "first-password")) {
            second.awaitHealth("database up after SIGKILL",
                    h -> "up".equals(h.path("database").path("status").asText()), Duration.ofSeconds(90));
            assertEquals(200, second.get("/api/calls", basic("admin", "first-password")).statusCode(),
                    "the admin created before the kill is still there (data survived)");
            assertEquals(401, second.get("/api/calls", basic("admin", "second-password")).statusCode(),
                    "the admin password is only set on first start");
        }
        assertFalse(Files.exists(f.work.resolve("data/pg/postmaster.pid")),
                "after a clean stop no PostgreSQL is left running");
    }
}
