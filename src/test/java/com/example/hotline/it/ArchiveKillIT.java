package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.recording.SpeechWav;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The archive job killed for real: the server process gets SIGKILL in the middle of a run (some
 * recordings archived, one being transcoded, the rest waiting), is started again on the same data,
 * and the next run completes the day: every raw file archived exactly once, every copy's hash the
 * indexed one, no partial file left, no raw file left, the dead run marked failed in the history.
 */
class ArchiveKillIT {

    static final int FILES = 10;

    @Test
    void aServerKilledDuringTheArchiveLosesNothingAndDoublesNothing(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        Path monitor = f.work.resolve("monitor");
        Path hotline = monitor.resolve("hotline");
        Files.createDirectories(hotline);
        for (int i = 0; i < FILES; i++) {
            Path wav = hotline.resolve(String.format("20261122T02%02d00Z-1795000000.%d.wav", i, i));
            SpeechWav.speech(wav, 90);
            Files.setLastModifiedTime(wav, FileTime.from(Instant.parse("2026-11-22T03:00:00Z")));
        }
        Map<String, String> env = Map.of("HOTLINE_RECORDINGS_DIR", monitor.toString(), "HOTLINE_TIME_ZONE", "UTC",
                "HOTLINE_ARCHIVE_THREADS", "2");
        Path archive = f.work.resolve("data/archive");
        try (ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server-1.log"), "it-admin", env)) {
            awaitDatabase(server);
            CompletableFuture<HttpResponse<String>> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.post("/api/jobs/archive?date=2026-11-22", "text/plain", "", Duration.ofMinutes(5));
                } catch (Exception e) {
                    return null; // the server dies under it
                }
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            int done = 0;
            while (done < 3 && System.nanoTime() < deadline) {
                JsonNode current = server.json("/api/jobs").path("current");
                done = current.path("done").asInt();
                Thread.sleep(50);
            }
            assertTrue(done >= 3 && done < FILES, "killed in the middle of the run: " + done + " done");
            server.kill();
            run.join();
        }
        long leftRaw = wavs(hotline);
        assertTrue(leftRaw > 0 && leftRaw < FILES, "the kill left raw files to do: " + leftRaw);

        try (ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server-2.log"), "it-admin", env)) {
            awaitDatabase(server);
            HttpResponse<String> again = server.post("/api/jobs/archive?date=2026-11-22", "text/plain", "",
                    Duration.ofMinutes(5));
            assertEquals(200, again.statusCode(), again.body());
            JsonNode r = ServerProcess.JSON.readTree(again.body());
            assertEquals(0, r.path("failed").asInt() + r.path("lost").asInt(), "nothing failed or lost: " + r);

            JsonNode recs = server.json("/api/recordings?limit=1000");
            assertEquals(FILES, recs.size(), "one index row per raw file: " + recs);
            List<Path> files;
            try (Stream<Path> s = Files.walk(archive)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            assertEquals(FILES, files.size(), "exactly one archived file per recording, no partial file: " + files);
            for (JsonNode rec : recs) {
                assertTrue(rec.path("archived").asBoolean(), "archived: " + rec);
                Path file = archive.resolve(rec.path("archivePath").asText());
                assertEquals(RecordingArchiveIT.sha256(Files.readAllBytes(file)), rec.path("sha256").asText(),
                        "hash of " + file);
                long probed = RecordingArchiveIT.probeMillis(file);
                assertTrue(Math.abs(probed - 90_000) <= 900, "90 s within 1 %: " + probed);
            }
            assertEquals(0, wavs(hotline), "no raw file left");
            JsonNode runs = server.json("/api/jobs?kind=archive").path("runs");
            assertEquals(2, runs.size(), "two runs: " + runs);
            assertEquals("DONE", runs.get(0).path("status").asText(), "the second run finished: " + runs);
            assertEquals("FAILED", runs.get(1).path("status").asText(), "the killed run is marked failed: " + runs);
            assertFalse(runs.get(1).path("message").asText().isEmpty());
        }
    }

    static void awaitDatabase(ServerProcess server) throws Exception {
        server.awaitHealth("database up", h -> "up".equals(h.path("database").path("status").asText()),
                Duration.ofSeconds(90));
    }

    static long wavs(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".wav")).count();
        }
    }
}
