package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.example.hotline.recording.ArchiveFormat;
import com.example.hotline.recording.ArchiveJob;
import com.example.hotline.recording.Archiver;
import com.example.hotline.recording.FfmpegAudioTool;
import com.example.hotline.recording.JobRun;
import com.example.hotline.recording.QualityGrader;
import com.example.hotline.recording.RawFiles;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingFilter;
import com.example.hotline.recording.RecordingIndex;
import com.example.hotline.recording.SpeechWav;
import com.example.hotline.recording.UniformName;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The disk full during the archive job (issue 8), for real: the archive folder is a small tmpfs
 * (mounted by the test, which needs root like the rest of the suite), nearly filled by a filler file,
 * and the real job with Debian's ffmpeg archives real speech recordings into it until the device is
 * full. The run must fail cleanly: recorded as failed with the reason, an error naming the file, no
 * partial file left, the index pointing only at complete copies, every raw file not archived kept.
 * With the filler gone the next run archives the rest, each recording exactly once.
 */
class ArchiveDiskFullTest {

    private static final int RECORDINGS = 6;
    /** Room for about two 20 s copies (~60 KB each at 24 kbit/s), not six. */
    private static final long FREE_BYTES = 150 * 1024;

    @TempDir
    Path tmp;
    private Path rawDir;
    private Path archiveDir;
    private TestDatabase db;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger jobLog = (Logger) LoggerFactory.getLogger(ArchiveJob.class);

    @BeforeEach
    void mountSmallDisk() throws Exception {
        rawDir = tmp.resolve("monitor");
        archiveDir = tmp.resolve("archive");
        Files.createDirectories(rawDir.resolve("hotline/sides"));
        Files.createDirectories(archiveDir);
        String out = run("mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "hotline-full-test", archiveDir.toString());
        if (!out.isEmpty()) {
            throw new AssertionError("prerequisite missing: cannot mount a 2 MiB tmpfs on " + archiveDir
                    + " for the disk-full test (it must run as root, as CI does; uid "
                    + new com.sun.security.auth.module.UnixSystem().getUid() + "): " + out);
        }
        db = TestDatabase.start();
        logged.start();
        jobLog.addAppender(logged);
    }

    @AfterEach
    void unmount() throws Exception {
        jobLog.detachAppender(logged);
        if (db != null) {
            db.close();
        }
        String out = run("umount", archiveDir.toString());
        if (!out.isEmpty()) {
            run("umount", "-l", archiveDir.toString());
        }
    }

    /** Runs a command; returns "" on success, else its exit code and output. */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", cmd) + " did not finish";
        }
        return p.exitValue() == 0 ? "" : String.join(" ", cmd) + " exited " + p.exitValue() + ": " + output.strip();
    }

    @Test
    void aFullDiskFailsTheRunCleanlyAndTheNextRunCompletesEverythingOnce() throws Exception {
        JdbcRecordingIndex index = new JdbcRecordingIndex(db.dataSource());
        JdbcJobStore jobs = new JdbcJobStore(db.dataSource());
        Map<String, byte[]> raws = recordings(index);
        Path filler = archiveDir.resolve("filler");
        fill(filler);
        long freeBefore = Files.getFileStore(archiveDir).getUsableSpace();
        assertTrue(freeBefore <= FREE_BYTES + 64 * 1024, "the archive disk is nearly full: " + freeBefore + " bytes free");

        ArchiveJob.Result first = job(index, jobs).run(ArchiveJobTest.DAY, "test");
        assertTrue(first.failed() > 0, "the disk filled up during the run: " + first);
        assertTrue(first.archived() < RECORDINGS, "not everything fitted: " + first);
        assertNotNull(first.firstFailure(), "the run says why: " + first);
        assertTrue(first.firstFailure().contains("No space left on device"), "the reason: " + first.firstFailure());
        JobRun run = jobs.runs("archive", 1).get(0);
        assertEquals(JobRun.Status.FAILED, run.status(), "the run is recorded as failed: " + run);
        assertTrue(run.message().contains("No space left on device") && run.message().contains(".wav"),
                "the run's message gives the reason and the file: " + run.message());
        List<String> errors = logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(errors.stream().anyMatch(m -> m.startsWith("recording hotline/") && m.contains(".wav")
                && m.contains("No space left on device")), "an error line names the file and the reason: " + errors);

        assertNoPartialFiles();
        int archived = 0;
        for (Recording r : all(index)) {
            if (r.state() == Recording.State.ARCHIVED) {
                archived++;
                Path copy = archiveDir.resolve(r.archivePath());
                assertEquals(ArchiveJobTest.sha256(copy), r.sha256(), "an archived row points at its complete copy");
                assertFalse(Files.exists(rawDir.resolve(r.rawFile())), "raw file of an archived recording deleted");
            } else {
                assertTrue(r.archivePath() == null || !Files.exists(archiveDir.resolve(r.archivePath())),
                        "a row not archived points at no file: " + r);
                Path raw = rawDir.resolve(r.rawFile());
                assertTrue(Files.exists(raw), "raw file kept: " + raw);
                assertTrue(java.util.Arrays.equals(raws.get(r.rawFile()), Files.readAllBytes(raw)),
                        "raw file unchanged: " + raw);
            }
        }
        assertEquals(first.archived(), archived, "the index agrees with the run");
        List<Path> copies = archivedFiles();
        assertEquals(archived, copies.size(), "one file per archived recording, nothing else: " + copies);

        Files.delete(filler); // space freed
        ArchiveJob.Result second = job(index, jobs).run(ArchiveJobTest.DAY, "test");
        assertEquals(0, second.failed(), "nothing fails with room: " + second);
        assertEquals(RECORDINGS - archived, second.archived(), "the rest is archived now: " + second);
        assertEquals(List.of(ArchiveJobTest.DAY), second.daysCompleted(), "the day is complete: " + second);
        assertEquals(JobRun.Status.DONE, jobs.runs("archive", 1).get(0).status(), "the second run is done");
        assertNoPartialFiles();
        List<Recording> rows = all(index);
        assertEquals(RECORDINGS, rows.size(), "one row per recording");
        assertEquals(RECORDINGS, archivedFiles().size(), "one archived file per recording");
        for (Recording r : rows) {
            assertEquals(Recording.State.ARCHIVED, r.state(), "archived: " + r);
            assertEquals(ArchiveJobTest.sha256(archiveDir.resolve(r.archivePath())), r.sha256(), "hash of " + r);
            assertFalse(Files.exists(rawDir.resolve(r.rawFile())), "raw file deleted after archiving");
        }
        System.out.printf("ArchiveDiskFullTest: %d recordings, %d bytes free on the archive tmpfs: first run %d "
                + "archived, %d failed (%s); after freeing space the second run archived %d, each once%n",
                RECORDINGS, freeBefore, first.archived(), first.failed(), first.firstFailure(), second.archived());
    }

    private ArchiveJob job(JdbcRecordingIndex index, JdbcJobStore jobs) {
        Archiver a = new Archiver(index, new RawFiles(rawDir), archiveDir, new FfmpegAudioTool(),
                ArchiveFormat.of("opus", 24), new UniformName(ArchiveJobTest.ZONE),
                new QualityGrader(ArchiveJobTest.GRADING), ArchiveJobTest.CLOCK, Archiver.Faults.NONE);
        // one transcode at a time: the order in which the disk fills does not matter, but a single
        // writer makes the run easy to read in the log
        return new ArchiveJob(index, jobs, new RawFiles(rawDir), a, 1, ArchiveJobTest.ZONE, ArchiveJobTest.CLOCK,
                "test");
    }

    /** Real speech recordings of the day, 20 s each, registered as ended calls; their bytes by raw file. */
    private Map<String, byte[]> recordings(RecordingIndex index) throws Exception {
        Map<String, byte[]> raws = new HashMap<>();
        for (int i = 0; i < RECORDINGS; i++) {
            Instant at = ArchiveJobTest.START.plusSeconds(60L * i);
            String uid = "1795435013." + i;
            String file = "hotline/" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                    .format(at) + "-" + uid + ".wav";
            SpeechWav.speech(rawDir.resolve(file), 20);
            index.register(new RecordingIndex.NewRecording(file, "L" + i, uid, "1380013810" + i, "8001", at,
                    at.plusSeconds(20), ArchiveJobTest.DAY, "call"));
            raws.put(file, Files.readAllBytes(rawDir.resolve(file)));
        }
        return raws;
    }

    /** Writes a filler file that leaves about {@link #FREE_BYTES} free on the archive disk. */
    private void fill(Path filler) throws IOException {
        long toWrite = Files.getFileStore(archiveDir).getUsableSpace() - FREE_BYTES;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long n = 0; n < toWrite; n += block.length) {
                out.write(block);
            }
        }
    }

    private List<Recording> all(RecordingIndex index) {
        return index.search(new RecordingFilter(null, null, null, null, null, null, 1000, 0));
    }

    private List<Path> archivedFiles() throws IOException {
        try (Stream<Path> s = Files.walk(archiveDir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("filler")).toList();
        }
    }

    private void assertNoPartialFiles() throws IOException {
        List<Path> parts = new ArrayList<>();
        for (Path p : archivedFiles()) {
            if (p.getFileName().toString().endsWith(".part")) {
                parts.add(p);
            }
        }
        assertEquals(List.of(), parts, "no partial archive file left behind");
    }
}
