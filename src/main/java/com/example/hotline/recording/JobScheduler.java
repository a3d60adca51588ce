package com.example.hotline.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the archive every day at {@code archive.time} for the previous day (and every earlier day not
 * done), then retention as of today. At start, when earlier days are still open (the server was down
 * at that time), it runs a minute later instead of waiting a day. One thread, {@code recording-jobs};
 * another instance holding the lock makes a run here a no-op.
 */
public final class JobScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final ArchiveJob archive;
    private final RetentionJob retention;
    private final JobStore jobs;
    private final LocalTime at;
    private final ZoneId zone;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public JobScheduler(ArchiveJob archive, RetentionJob retention, JobStore jobs, LocalTime at, ZoneId zone,
                        Clock clock) {
        this.archive = archive;
        this.retention = retention;
        this.jobs = jobs;
        this.at = at;
        this.zone = zone;
        this.clock = clock;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "recording-jobs"));
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = t;
    }

    public void start() {
        LocalDate yesterday = LocalDate.now(clock.withZone(zone)).minusDays(1);
        boolean behind;
        try {
            behind = !jobs.openDays(yesterday, zone).isEmpty();
        } catch (RuntimeException e) {
            log.warn("recording jobs: cannot tell whether earlier days are open: {}", e.toString());
            behind = false;
        }
        schedule(behind ? Duration.ofMinutes(1) : untilNext());
    }

    private Duration untilNext() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        ZonedDateTime next = now.with(at);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        return Duration.between(now, next);
    }

    private void schedule(Duration delay) {
        log.info("recording jobs: next archive in {} min", delay.toMinutes());
        timer.schedule(this::runDaily, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runDaily() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try {
            archive.run(today.minusDays(1), "schedule");
            retention.run(today, false, "schedule");
        } catch (JobBusyException e) {
            log.info("recording jobs: {}; skipped here", e.getMessage());
        } catch (RuntimeException e) {
            log.error("recording jobs: daily run failed", e);
        } finally {
            if (!timer.isShutdown()) {
                schedule(untilNext());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
