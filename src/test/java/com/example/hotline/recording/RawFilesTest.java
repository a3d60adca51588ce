package com.example.hotline.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawFilesTest {

    @Test
    void pbxPathsMapToTheIndexNameOnlyInsideTheHotlineFolder() {
        assertEquals(Optional.of("hotline/20261123T004512Z-1795434013.0.wav"),
                RawFiles.relative("/var/spool/asterisk/monitor/hotline/20261123T004512Z-1795434013.0.wav"));
        assertEquals(Optional.of("hotline/a.wav"), RawFiles.relative("hotline/a.wav"));
        assertTrue(RawFiles.relative("/etc/passwd").isEmpty());
        assertTrue(RawFiles.relative("/var/spool/asterisk/monitor/hotline/../../x.wav").isEmpty());
        assertTrue(RawFiles.relative("/var/spool/asterisk/monitor/other/x.wav").isEmpty());
        assertTrue(RawFiles.relative("").isEmpty());
        assertTrue(RawFiles.relative(null).isEmpty());
    }

    @Test
    void theDialplanNameCarriesStartAndUniqueId() {
        RawFiles.Parsed p = RawFiles.parse("hotline/20261123T004512Z-1795434013.0.wav").orElseThrow();
        assertEquals(Instant.parse("2026-11-23T00:45:12Z"), p.startedAt());
        assertEquals("1795434013.0", p.uniqueId());
        assertTrue(RawFiles.parse("hotline/whatever.wav").isEmpty());
    }

    @Test
    void findsAFileByUniqueIdAndListsWithoutSides(@TempDir Path dir) throws Exception {
        RawFiles raw = new RawFiles(dir);
        assertEquals(List.of(), raw.list(), "no folder yet: nothing");
        Files.createDirectories(dir.resolve("hotline/sides"));
        Files.writeString(dir.resolve("hotline/20261123T004512Z-1795434013.0.wav"), "x");
        Files.writeString(dir.resolve("hotline/20261123T004513Z-1795434013.10.wav"), "x");
        Files.writeString(dir.resolve("hotline/sides/20261123T004512Z-1795434013.0-caller.wav"), "x");
        assertEquals(Optional.of("hotline/20261123T004512Z-1795434013.0.wav"), raw.findByUniqueId("1795434013.0"));
        assertTrue(raw.findByUniqueId("1795434013.1").isEmpty(), "no prefix match");
        assertTrue(raw.findByUniqueId("*").isEmpty(), "no glob injection");
        assertEquals(2, raw.list().size());
        assertEquals(dir.resolve("hotline/sides/20261123T004512Z-1795434013.0-desk.wav"),
                raw.sides("hotline/20261123T004512Z-1795434013.0.wav").get(1));
    }
}
