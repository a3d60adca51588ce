package com.example.hotline.app;

import com.example.hotline.alert.AlertSink;
import com.example.hotline.call.CallTracker;
import com.example.hotline.config.HotlineConfig;
import com.example.hotline.recording.ArchiveFormat;
import com.example.hotline.recording.ArchiveJob;
import com.example.hotline.recording.Archiver;
import com.example.hotline.recording.FfmpegAudioTool;
import com.example.hotline.recording.JobScheduler;
import com.example.hotline.recording.QualityGrader;
import com.example.hotline.recording.RawFiles;
import com.example.hotline.recording.RetentionJob;
import com.example.hotline.recording.UniformName;
import com.example.hotline.recording.FfmpegPcmDecoder;
import com.example.hotline.recording.PlayWindow;
import com.example.hotline.recording.Waveforms;
import com.example.hotline.store.JdbcAccessLog;
import com.example.hotline.store.JdbcRecordingReach;
import com.example.hotline.web.PlaybackRoutes;
import com.example.hotline.web.RecordingGuard;
import com.example.hotline.web.RecordingRoutes;
import com.example.hotline.recording.RecordingIndex;
import com.example.hotline.recording.RecordingRegistrar;
import com.example.hotline.store.JdbcJobStore;
import com.example.hotline.store.JdbcRecordingIndex;
import com.example.hotline.web.HealthCheck;
import com.example.hotline.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires issue 5, the recordings: the index fed by the call tracker, the daily archive and retention
 * jobs with their schedule, their HTTP routes and the {@code recordings} health entry. Built and
 * started by {@link HotlineServer}; {@link #close} stops what it started in reverse order.
 */
final class RecordingServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingServices.class);

    private final HotlineConfig config;
    private final DataSource dataSource;
    private final Clock clock;
    private final RecordingIndex index;
    private final JdbcJobStore jobs;
    private final RawFiles raw;
    private final RecordingRegistrar registrar;
    private final ArchiveJob archive;
    private final RetentionJob retention;
    private final JobScheduler scheduler;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** {@code feed}: routing's check of recording extensions, told each archived recording's grade. */
    RecordingServices(HotlineConfig config, DataSource dataSource, AlertSink alerts,
            java.util.function.Supplier<com.example.hotline.routing.RecordingFeed> feed, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
        this.index = new JdbcRecordingIndex(dataSource);
        this.jobs = new JdbcJobStore(dataSource);
        this.raw = new RawFiles(config.paths().recordingsDir());
        this.registrar = new RecordingRegistrar(index, raw, alerts, config.zone(), clock);
        registrar.startRetries(java.time.Duration.ofSeconds(5));
        started.push(registrar);
        HotlineConfig.Recordings rc = config.recordings();
        String instance = instance();
        Archiver archiver = new Archiver(new GradeReportingIndex(index, feed), raw, config.paths().archiveDir(), new FfmpegAudioTool(),
                ArchiveFormat.of(rc.format(), rc.bitrateKbps()), new UniformName(config.zone()),
                new QualityGrader(rc.grading()), clock, Archiver.Faults.NONE);
        this.archive = new ArchiveJob(index, jobs, raw, archiver, rc.threads(), config.zone(), clock, instance);
        started.push(archive);
        this.retention = new RetentionJob(index, jobs, config.paths().archiveDir(), rc.retentionMonths(),
                config.zone(), clock, instance);
        this.scheduler = new JobScheduler(archive, retention, jobs, rc.archiveTime(), config.zone(), clock);
    }

    /** Starts the daily schedule. */
    void start() {
        scheduler.start();
        started.push(scheduler);
    }

    /** This server in the run history: host and process id. */
    private static String instance() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** Registers every hotline call's recording as the tracker stores the call. */
    void listenTo(CallTracker tracker) {
        tracker.addListener(registrar);
    }

    /**
     * The recordings' routes and the workbench's playback: one {@link RecordingGuard} for every route
     * that reaches a recording by id, waveforms drawn under {@code data.dir/waveforms}, plays and
     * downloads written to the access log.
     */
    void routes(Router routes) {
        RecordingGuard guard = new RecordingGuard(index, new JdbcRecordingReach(dataSource),
                config.paths().archiveDir(), config.paths().recordingsDir());
        RecordingRoutes.register(routes, index, guard, jobs, archive, retention, config.zone(), clock);
        Waveforms waveforms = new Waveforms(new FfmpegPcmDecoder(), config.paths().dataDir().resolve("waveforms"),
                Duration.ofSeconds(60), 2);
        started.push(waveforms);
        PlaybackRoutes.register(routes, guard, new JdbcAccessLog(dataSource),
                new PlayWindow(PlayWindow.STANDARD, clock), waveforms, config.zone(), clock);
    }

    /**
     * {@code recordings}: down while a hotline call of the last 24 hours has no recording, or a day
     * before yesterday is not archived.
     */
    HealthCheck health() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "recordings";
            }

            @Override
            public Result check() {
                Instant now = clock.instant();
                // a call that ended in the last minute may still be on its way to the index
                List<RecordingIndex.MissingRecording> missing = index.callsWithoutRecording(
                        now.minus(Duration.ofHours(24)), now.minus(Duration.ofMinutes(1)), 20);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("callsWithoutRecording24h", missing.size());
                if (!missing.isEmpty()) {
                    d.put("lastWithoutRecording", missing.get(missing.size() - 1).linkedId());
                }
                // the day before yesterday must be archived by now (yesterday's run is at archive.time)
                List<java.time.LocalDate> behind = jobs.openDays(
                        java.time.LocalDate.now(clock.withZone(config.zone())).minusDays(2), config.zone());
                d.put("daysNotArchived", behind.stream().map(Object::toString).toList());
                jobs.runs("archive", 1).stream().findFirst().ifPresent(run -> d.put("lastArchiveRun",
                        Map.of("id", run.id(), "day", run.day().toString(), "status", run.status().name(),
                                "startedAt", run.startedAt().toString())));
                d.put("rawDir", raw.dir().toString());
                d.put("registrationsDropped", registrar.dropped());
                return new Result(missing.isEmpty() && behind.isEmpty(), d);
            }
        };
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("stopping {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
