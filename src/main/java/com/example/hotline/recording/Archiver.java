package com.example.hotline.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives one recording, crash-safe: the uniform name is written to the index first (state
 * {@code archiving}); the copy is transcoded to a hidden {@code .part} file beside its final place,
 * synced, its duration checked against the raw file's (ffprobe, within 1 %, at least 60 ms for codec
 * framing), hashed, renamed into place atomically and the folder synced; only then is it indexed
 * ({@code archived}) and only after that is the raw file deleted ({@code raw_present} false). A run
 * killed at any point leaves a state the next run completes: an {@code archiving} row is simply done
 * again (the same name, the copy replaced), an {@code archived} row with its raw file present gets the
 * raw file deleted once the copy is checked. Thread-safe; one call per recording at a time (the job
 * holds the cluster-wide lock).
 */
public final class Archiver {

    private static final Logger log = LoggerFactory.getLogger(Archiver.class);

    /** The moments a test can stop an archive at, as a kill would. */
    public enum Point { TRANSCODED, WRITTEN, BEFORE_INDEX, BEFORE_DELETE_RAW }

    /** Called at each {@link Point}; production does nothing, tests throw to simulate a kill. */
    @FunctionalInterface
    public interface Faults {
        void at(Point point, Recording recording);

        Faults NONE = (p, r) -> { };
    }

    /** What archiving one recording came to. */
    public enum Outcome { ARCHIVED, RAW_DELETED, LOST }

    private final RecordingIndex index;
    private final RawFiles raw;
    private final Path archiveDir;
    private final AudioTool audio;
    private final ArchiveFormat format;
    private final UniformName names;
    private final QualityGrader grader;
    private final Clock clock;
    private final Faults faults;

    public Archiver(RecordingIndex index, RawFiles raw, Path archiveDir, AudioTool audio, ArchiveFormat format,
                    UniformName names, QualityGrader grader, Clock clock, Faults faults) {
        this.index = index;
        this.raw = raw;
        this.archiveDir = archiveDir;
        this.audio = audio;
        this.format = format;
        this.names = names;
        this.grader = grader;
        this.clock = clock;
        this.faults = faults;
    }

    /**
     * A recording between the stages: prepared (named in the index, its {@code .part} place ready),
     * transcoded ({@code stats} set), or already {@code outcome} (nothing left to do). Immutable.
     */
    public record Staged(Recording recording, Outcome outcome, Path part, Path target, String relative,
                         ArchiveFormat format, AudioStats stats) {

        static Staged ended(Recording r, Outcome outcome) {
            return new Staged(r, outcome, null, null, null, null, null);
        }
    }

    /** All stages on the calling thread. */
    public Outcome archive(Recording r) throws IOException {
        Staged s = prepare(r);
        return s.outcome() != null ? s.outcome() : finish(transcode(s));
    }

    /**
     * The first stage, waiting for the database and the disk: names the recording in the index and
     * clears its {@code .part} place (or completes at once what an earlier run left: a raw file to
     * delete, a copy whose raw file is gone).
     */
    public Staged prepare(Recording r) throws IOException {
        Path rawPath = raw.resolve(r.rawFile());
        if (r.state() == Recording.State.ARCHIVED) {
            return Staged.ended(r, deleteRawOfArchived(r, rawPath));
        }
        // a name chosen by an earlier, interrupted run stays: its copy may already be in place
        String name = r.name() != null ? r.name()
                : names.name(r.startedAt(), r.caller(), r.extension(), r.ticketNo(), r.uniqueId(), format.extension());
        String fmt = r.name() != null && r.format() != null ? r.format() : format.name();
        ArchiveFormat f = fmt.equals(format.name()) ? format : ArchiveFormat.of(fmt, format.bitrateKbps());
        String relative = UniformName.path(r.day(), name);
        index.markArchiving(r.id(), name, relative, f.name());
        Path target = archiveDir.resolve(relative);
        if (!Files.exists(rawPath)) {
            return Staged.ended(r, recoverWithoutRaw(r, target));
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling("." + name + ".part");
        Files.deleteIfExists(part);
        return new Staged(r, null, part, target, relative, f, null);
    }

    /** The second stage, the CPU's: transcodes the raw file to the prepared {@code .part} file. */
    public Staged transcode(Staged prepared) throws IOException {
        Recording r = prepared.recording();
        AudioStats stats;
        try {
            stats = audio.transcode(raw.resolve(r.rawFile()), prepared.part(), prepared.format(), grader.silenceDb());
        } catch (IOException | RuntimeException e) {
            throw discard(prepared.part(), e);
        }
        faults.at(Point.TRANSCODED, r);
        return new Staged(r, null, prepared.part(), prepared.target(), prepared.relative(), prepared.format(), stats);
    }

    /**
     * The last stage, mostly waiting for the disk and the database: sync, verify, hash, rename,
     * index, delete the raw file.
     */
    public Outcome finish(Staged s) throws IOException {
        Recording r = s.recording();
        Path part = s.part();
        Path target = s.target();
        long actual;
        String sha;
        long size;
        try {
            fsync(part);
            faults.at(Point.WRITTEN, r);
            long expected = sourceMillis(raw.resolve(r.rawFile()));
            actual = audio.durationMillis(part);
            if (Math.abs(actual - expected) > Math.max(60, expected / 100)) {
                throw new IOException(r.rawFile() + ": archived copy lasts " + actual + " ms, the recording " + expected
                        + " ms (more than 1 % apart)");
            }
            sha = sha256(part);
            size = Files.size(part);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            throw discard(part, e);
        }
        fsync(target.getParent());
        faults.at(Point.BEFORE_INDEX, r);
        AudioStats stats = withSides(r, s.stats());
        index.markArchived(r.id(), new RecordingIndex.ArchivedCopy(size, sha, actual, stats, grader.grade(stats),
                grader.oneSided(stats)), clock.instant());
        faults.at(Point.BEFORE_DELETE_RAW, r);
        deleteRaw(r);
        log.info("recording {}: archived as {} ({} ms, {} bytes, {})", r.rawFile(), s.relative(), actual, size,
                grader.grade(stats).db());
        return Outcome.ARCHIVED;
    }

    /**
     * A copy that failed (disk full, ffmpeg error, wrong duration) is deleted at once, so no partial
     * file stays in the archive; the raw file and the index row ({@code archiving}, no copy) are left
     * for the next run. A kill (an Error) leaves the {@code .part} file, which the next run replaces.
     */
    private static IOException discard(Path part, Exception e) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException cleanup) {
            e.addSuppressed(cleanup);
        }
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    /** Indexed but the raw file still there (killed before deleting it): check the copy, then delete. */
    private Outcome deleteRawOfArchived(Recording r, Path rawPath) throws IOException {
        Path copy = archiveDir.resolve(r.archivePath());
        if (Files.exists(rawPath) && (!Files.exists(copy) || Files.size(copy) != r.sizeBytes()
                || !sha256(copy).equals(r.sha256()))) {
            throw new IOException(r.rawFile() + ": archived copy " + r.archivePath() + " missing or changed; "
                    + "the raw file is kept");
        }
        deleteRaw(r);
        return Outcome.RAW_DELETED;
    }

    /** The raw file is gone: a copy finished by an interrupted run is indexed, else the recording is lost. */
    private Outcome recoverWithoutRaw(Recording r, Path target) throws IOException {
        if (!Files.exists(target)) {
            index.markLost(r.id(), "raw file " + r.rawFile() + " missing and no archived copy");
            log.error("recording {}: LOST - raw file missing and never archived", r.rawFile());
            return Outcome.LOST;
        }
        AudioStats stats = withSides(r, audio.analyse(target, grader.silenceDb()));
        index.markArchived(r.id(), new RecordingIndex.ArchivedCopy(Files.size(target), sha256(target),
                audio.durationMillis(target), stats, grader.grade(stats), grader.oneSided(stats)), clock.instant());
        deleteRaw(r);
        return Outcome.ARCHIVED;
    }

    private AudioStats withSides(Recording r, AudioStats stats) throws IOException {
        List<Path> sides = raw.sides(r.rawFile());
        if (!Files.exists(sides.get(0)) || !Files.exists(sides.get(1))) {
            return stats;
        }
        return stats.withSides(audio.analyse(sides.get(0), grader.silenceDb()).speechShare(),
                audio.analyse(sides.get(1), grader.silenceDb()).speechShare());
    }

    private void deleteRaw(Recording r) throws IOException {
        Files.deleteIfExists(raw.resolve(r.rawFile()));
        for (Path side : raw.sides(r.rawFile())) {
            Files.deleteIfExists(side);
        }
        index.markRawDeleted(r.id());
    }

    /** The raw WAV's duration from its header (data bytes / byte rate), else ffprobe's. */
    long sourceMillis(Path wav) throws IOException {
        Long fromHeader = Wav.durationMillis(wav);
        return fromHeader != null ? fromHeader : audio.durationMillis(wav);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static void fsync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
