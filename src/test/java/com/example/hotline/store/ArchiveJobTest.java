package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.config.HotlineConfig;
import com.example.hotline.recording.ArchiveFormat;
import com.example.hotline.recording.ArchiveJob;
import com.example.hotline.recording.Archiver;
import com.example.hotline.recording.AudioStats;
import com.example.hotline.recording.AudioTool;
import com.example.hotline.recording.FfmpegAudioTool;
import com.example.hotline.recording.Grade;
import com.example.hotline.recording.JobBusyException;
import com.example.hotline.recording.JobStore;
import com.example.hotline.recording.QualityGrader;
import com.example.hotline.recording.RawFiles;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingFilter;
import com.example.hotline.recording.RecordingIndex;
import com.example.hotline.recording.SpeechWav;
import com.example.hotline.recording.UniformName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The archive job against a real PostgreSQL and Debian's ffmpeg: every recording archived exactly
 * once with its uniform name, hash and grade; a second run changes nothing; a run killed at each
 * point (during the transcode, after writing, before indexing, before deleting the raw file) and run
 * again loses nothing and duplicates nothing; one run at a time.
 */
class ArchiveJobTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY = LocalDate.parse("2026-11-22");
    static final Instant START = Instant.parse("2026-11-22T02:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    static final HotlineConfig.Grading GRADING = new HotlineConfig.Grading(-45, 2, 15, -35, 5, -45, 2);

    private static TestDatabase db;
    private static JdbcRecordingIndex index;
    private static JdbcJobStore jobs;
    private static FfmpegAudioTool ffmpeg;

    @TempDir
    Path tmp;
    Path rawDir;
    Path archiveDir;

    /** Thrown by a fault point: like a kill, nothing catches it and nothing cleans up. */
    static final class Killed extends Error {
        Killed(String where) {
            super("killed " + where);
        }
    }

    @BeforeAll
    static void start() {
        db = TestDatabase.start();
        index = new JdbcRecordingIndex(db.dataSource());
        jobs = new JdbcJobStore(db.dataSource());
        ffmpeg = new FfmpegAudioTool();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @BeforeEach
    void clear() throws IOException {
        db.clear();
        rawDir = tmp.resolve("monitor");
        archiveDir = tmp.resolve("archive");
        Files.createDirectories(rawDir.resolve("hotline/sides"));
        Files.createDirectories(archiveDir);
    }

    private ArchiveJob job(AudioTool audio, Archiver.Faults faults) {
        Archiver a = new Archiver(index, new RawFiles(rawDir), archiveDir, audio, ArchiveFormat.of("opus", 24),
                new UniformName(ZONE), new QualityGrader(GRADING), CLOCK, faults);
        return new ArchiveJob(index, jobs, new RawFiles(rawDir), a, 2, ZONE, CLOCK, "test");
    }

    /** {@code n} recordings of DAY (the last one silent), registered as ended calls. */
    private List<String> recordings(int n) throws Exception {
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = START.plusSeconds(60L * i);
            String uid = "1795434013." + i;
            String file = "hotline/" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(ZoneOffset.UTC).format(at) + "-" + uid + ".wav";
            if (i == n - 1) {
                SpeechWav.silence(rawDir.resolve(file), 4);
            } else {
                SpeechWav.speech(rawDir.resolve(file), 4 + i);
            }
            index.register(new RecordingIndex.NewRecording(file, "L" + i, uid, i == 0 ? "../../etc/passwd" : "1380013800" + i,
                    "8001", at, at.plusSeconds(4 + i), DAY, "call"));
            files.add(file);
        }
        return files;
    }

    private List<Recording> all() {
        return index.search(new RecordingFilter(null, null, null, null, null, null, 1000, 0));
    }

    private List<Path> archivedFiles() throws IOException {
        try (Stream<Path> s = Files.walk(archiveDir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** Every recording archived once: its row, its one file with the indexed hash, no raw file, no leftovers. */
    private void assertArchivedExactlyOnce(List<String> raws) throws Exception {
        List<Recording> rows = all();
        assertEquals(raws.size(), rows.size(), "one row per recording");
        List<Path> files = archivedFiles();
        assertEquals(raws.size(), files.size(), "one archived file per recording, no .part left: " + files);
        for (Recording r : rows) {
            assertEquals(Recording.State.ARCHIVED, r.state(), "archived: " + r);
            Path f = archiveDir.resolve(r.archivePath());
            assertTrue(Files.exists(f), "file " + f);
            assertEquals(r.archivePath(), UniformName.path(DAY, r.name()), "YYYY/MM/DD/name");
            assertTrue(r.name().matches("20261122-[0-9]{6}_[A-Za-z0-9+.-]+_(8001|none)_noticket_179543[0-9]+\\.[0-9]+\\.opus"),
                    "uniform name " + r.name());
            assertEquals(sha256(f), r.sha256(), "indexed hash is the file's");
            assertFalse(Files.exists(rawDir.resolve(r.rawFile())), "raw file deleted after archiving " + r.rawFile());
            long expected = r.durationMillis();
            assertEquals(expected, ffmpeg.durationMillis(f), Math.max(60, expected / 100), "duration within 1 %");
        }
    }

    static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void archivesEveryRecordingOnceAndASecondRunChangesNothing() throws Exception {
        List<String> raws = recordings(3);
        ArchiveJob.Result r = job(ffmpeg, Archiver.Faults.NONE).run(DAY, "test");
        assertEquals(3, r.archived(), "archived: " + r);
        assertEquals(List.of(DAY), r.daysCompleted(), "the day is done");
        assertArchivedExactlyOnce(raws);
        List<Recording> rows = all();
        assertEquals(Grade.SILENT, rows.stream().filter(x -> x.uniqueId().endsWith(".2")).findFirst().orElseThrow().grade(),
                "nobody speaks: silent");
        for (Recording x : rows) {
            if (!x.uniqueId().endsWith(".2")) {
                assertEquals(Grade.CLEAR, x.grade(), "speech: clear (" + x.meanDb() + " dB, " + x.speechShare() + ")");
            }
        }
        assertTrue(rows.stream().anyMatch(x -> x.name().contains("_etc-passwd-")), "hostile caller cleaned");
        List<Path> before = archivedFiles();
        ArchiveJob.Result again = job(ffmpeg, Archiver.Faults.NONE).run(DAY, "test");
        assertEquals(0, again.pending() + again.archived(), "nothing left to do: " + again);
        assertEquals(before, archivedFiles(), "same files");
        assertEquals(2, jobs.runs("archive", 10).size(), "both runs in the history");
    }

    @ParameterizedTest
    @EnumSource(Archiver.Point.class)
    void aRunKilledAtAnyPointIsCompletedByTheNextRun(Archiver.Point point) throws Exception {
        List<String> raws = recordings(4);
        Archiver.Faults kill = (p, r) -> {
            if (p == point && r.uniqueId().endsWith(".1")) {
                throw new Killed("at " + p + " archiving " + r.rawFile());
            }
        };
        assertThrows(Killed.class, () -> job(ffmpeg, kill).run(DAY, "test"), "the run dies at " + point);
        job(ffmpeg, Archiver.Faults.NONE).run(DAY, "test");
        assertArchivedExactlyOnce(raws);
    }

    @Test
    void aRunKilledDuringTheTranscodeLeavesAPartFileTheNextRunReplaces() throws Exception {
        List<String> raws = recordings(3);
        AudioTool dying = new AudioTool() {
            @Override
            public AudioStats transcode(Path source, Path target, ArchiveFormat format, double silenceDb)
                    throws IOException {
                if (source.toString().contains("1795434013.1")) {
                    Files.write(target, new byte[1000]); // half a file, then the kill
                    throw new Killed("during the transcode of " + source);
                }
                return ffmpeg.transcode(source, target, format, silenceDb);
            }

            @Override
            public AudioStats analyse(Path file, double silenceDb) throws IOException {
                return ffmpeg.analyse(file, silenceDb);
            }

            @Override
            public long durationMillis(Path file) throws IOException {
                return ffmpeg.durationMillis(file);
            }
        };
        assertThrows(Killed.class, () -> job(dying, Archiver.Faults.NONE).run(DAY, "test"));
        assertTrue(archivedFiles().stream().anyMatch(p -> p.getFileName().toString().endsWith(".part")),
                "the kill left a partial file");
        job(ffmpeg, Archiver.Faults.NONE).run(DAY, "test");
        assertArchivedExactlyOnce(raws);
    }

    @Test
    void onlyOneRunAtATimeEvenAcrossInstances() throws Exception {
        recordings(1);
        try (JobStore.Lock other = jobs.tryLock().orElseThrow()) {
            assertThrows(JobBusyException.class, () -> job(ffmpeg, Archiver.Faults.NONE).run(DAY, "test"));
        }
        assertEquals(1, job(ffmpeg, Archiver.Faults.NONE).run(DAY, "test").archived(), "free again after release");
    }

    @Test
    void aRawFileNamedOtherwiseIsArchivedUnderItsOwnName() throws Exception {
        String file = "hotline/followup-2611-0001.wav";
        SpeechWav.speech(rawDir.resolve(file), 3);
        Files.setLastModifiedTime(rawDir.resolve(file), java.nio.file.attribute.FileTime.from(START));
        ArchiveJob.Result r = job(ffmpeg, Archiver.Faults.NONE).run(DAY, "test");
        assertEquals(1, r.archived(), "archived: " + r);
        Recording rec = all().get(0);
        assertEquals("20261122-100000_unknown_none_noticket_followup-2611-0001.opus", rec.name());
        assertFalse(Files.exists(rawDir.resolve(file)), "raw file deleted");
    }

    @Test
    void aRawFileTheIndexMissedIsFoundByTheSweep() throws Exception {
        String file = "hotline/20261122T030000Z-1795439999.3.wav";
        SpeechWav.speech(rawDir.resolve(file), 3);
        Files.setLastModifiedTime(rawDir.resolve(file), java.nio.file.attribute.FileTime.from(START));
        ArchiveJob.Result r = job(ffmpeg, Archiver.Faults.NONE).run(DAY, "test");
        assertEquals(1, r.registered(), "registered by the sweep: " + r);
        assertEquals(1, r.archived());
        assertArchivedExactlyOnce(List.of(file));
    }
}
