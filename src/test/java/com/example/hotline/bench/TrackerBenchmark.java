package com.example.hotline.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.example.hotline.ami.AmiConnector;
import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.CallTracker;
import com.example.hotline.call.RingRule;
import com.example.hotline.config.ConfigLoader;
import com.example.hotline.config.HotlineConfig;
import com.example.hotline.store.Database;
import com.example.hotline.store.JdbcCallStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.slf4j.LoggerFactory;

/**
 * Throughput of AMI event handling, end to end: synthetic-but-real calls (the captured transcripts,
 * see {@link SyntheticCalls}) are streamed over a socket at full speed into (a) a bare asterisk-java
 * connection whose listener only counts and (b) the real {@link AmiConnector} → {@link CallEventQueue}
 * → {@link CallTracker} → {@link JdbcCallStore} on an embedded PostgreSQL, timed until the tracker has
 * applied and saved the last event. Prints events/s, the ratio b/a, events dropped by asterisk-java's
 * 20,000-event queue, events rejected by the tracker queue, calls stored vs expected, CPU and where
 * the CPU went per thread. Exit status 1 when the goal (b ≥ 0.8 × a, b ≥ 20,000 events/s, nothing
 * dropped, every call stored once) is missed. A program, not a test: {@code deploy/bench-tracker.sh}.
 */
public final class TrackerBenchmark {

    private static final double GOAL_RATIO = 0.8;
    private static final double GOAL_RATE = 20_000;
    private static final Duration STALL = Duration.ofSeconds(10);

    private final Options opt;
    private final AmiStreamer streamer;
    private final DropCounter libraryDrops = new DropCounter();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Database db;

    record Options(int calls, int runs, int warmupCalls, long spacingMicros, boolean bare, boolean full,
                   int queueCapacity, long bareWorkNanos, Path pgDir, Path amiDir) {
        static Options parse(String[] args) {
            Map<String, String> a = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("arguments are --name=value, got " + arg);
                }
                a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            int calls = roundUp3(Integer.parseInt(a.getOrDefault("calls", "20000")));
            String modes = a.getOrDefault("modes", "a,b");
            return new Options(calls, Integer.parseInt(a.getOrDefault("runs", "3")),
                    roundUp3(Integer.parseInt(a.getOrDefault("warmup-calls", Integer.toString(calls / 4)))),
                    Long.parseLong(a.getOrDefault("spacing-ms", "1000")) * 1000, modes.contains("a"),
                    modes.contains("b"), Integer.parseInt(a.getOrDefault("queue-capacity", "50000")),
                    Long.parseLong(a.getOrDefault("bare-work-us", "0")) * 1000,
                    Path.of(a.getOrDefault("pg-dir", "target/bench-pg")),
                    Path.of(a.getOrDefault("ami-dir", "src/test/resources/ami")));
        }

        /** Copies go round-robin over the three transcripts: a multiple of 3 keeps the mix exact. */
        private static int roundUp3(int n) {
            return Math.max(3, (n + 2) / 3 * 3);
        }
    }

    record Result(String mode, String run, int calls, int events, double seconds, long received,
                  long expectedReceived, long libraryDropLogs, long trackerAccepted, long trackerRejected,
                  long callsStored, long callsEnded, long eventsStored, double jvmCpu, double pgCpu,
                  String hotThreads, String storeTime) {
        double rate() {
            return events / seconds;
        }

        long dropped() {
            return Math.max(0, expectedReceived - received);
        }
    }

    private TrackerBenchmark(Options opt) throws Exception {
        this.opt = opt;
        this.streamer = new AmiStreamer();
        Logger pump = (Logger) LoggerFactory.getLogger("org.asteriskjava.manager.internal.AsyncEventPump");
        libraryDrops.setContext(pump.getLoggerContext());
        libraryDrops.start();
        pump.addAppender(libraryDrops);
    }

    public static void main(String[] args) throws Exception {
        Options opt = Options.parse(args);
        int status;
        TrackerBenchmark bench = new TrackerBenchmark(opt);
        try {
            status = bench.run();
        } finally {
            bench.close();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        say("machine: %d cores, JVM %s, max heap %d MiB", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        SyntheticCalls calibration = SyntheticCalls.generate(opt.amiDir(), 3, opt.spacingMicros());
        // asterisk-java turns some AMI blocks into two events (DialBegin → DialEvent + DialBeginEvent):
        // what a bare listener receives per call mix is measured on three calls and scaled
        long perThreeCalls = bare("calibration", calibration, 0).received();
        long t = System.nanoTime();
        SyntheticCalls warm = SyntheticCalls.generate(opt.amiDir(), opt.warmupCalls(), opt.spacingMicros());
        SyntheticCalls calls = SyntheticCalls.generate(opt.amiDir(), opt.calls(), opt.spacingMicros());
        say("workload: %s; generated in %.1f s; %d listener events per 3 calls", calls,
                (System.nanoTime() - t) / 1e9, perThreeCalls);
        if (opt.full()) {
            t = System.nanoTime();
            HotlineConfig cfg = config();
            db = Database.open(cfg.db(), opt.pgDir());
            say("embedded PostgreSQL %s ready in %.1f s (fsync on, synchronous_commit on)", opt.pgDir(),
                    (System.nanoTime() - t) / 1e9);
        }

        List<Result> results = new ArrayList<>();
        for (int r = 0; r <= opt.runs(); r++) {
            SyntheticCalls w = r == 0 ? warm : calls;
            String run = r == 0 ? "warm-up" : Integer.toString(r);
            long expected = perThreeCalls * w.calls / 3;
            if (opt.bare()) {
                results.add(report(bare(run, w, expected)));
            }
            if (opt.full()) {
                results.add(report(full(run, w, expected)));
            }
        }
        return summary(results);
    }

    private static HotlineConfig config() {
        return ConfigLoader.load(null, Map.of());
    }

    // ---------------------------------------------------------------- mode (a): bare asterisk-java

    private Result bare(String run, SyntheticCalls w, long expectedReceived) throws Exception {
        Counter counter = new Counter(w.lastTimestamp, opt.bareWorkNanos());
        ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", streamer.port(), "hotline", "bench")
                .createManagerConnection();
        c.addEventListener(counter);
        long drops0 = libraryDrops.count.get();
        Cpu cpu0 = Cpu.now(null);
        streamer.prepare(w);
        c.login();
        // the stream starts once the channel list is asked for, as after the connector's login
        c.sendEventGeneratingAction(new CoreShowChannelsAction(), 15_000);
        counter.awaitEnd();
        long end = counter.endNanos();
        Cpu cpu = Cpu.now(null).minus(cpu0);
        String hot = hotThreads() + String.format(Locale.ROOT, "; GC pauses %.1f s", cpu.gc);
        c.logoff();
        double seconds = (end - streamer.startNanos()) / 1e9;
        return new Result("a bare", run, w.calls, w.events, seconds, counter.received.get(), expectedReceived,
                libraryDrops.count.get() - drops0, 0, 0, -1, -1, -1, cpu.jvm, cpu.pg, hot, "");
    }

    // ---------------------------------------------------------------- mode (b): connector + tracker + PostgreSQL

    private Result full(String run, SyntheticCalls w, long expectedReceived) throws Exception {
        truncate();
        HotlineConfig cfg = ConfigLoader.load(null, Map.of("HOTLINE_AMI_PORT", Integer.toString(streamer.port())));
        TimedCallStore store = new TimedCallStore(new JdbcCallStore(db.dataSource()));
        RingRule rule = new RingRule(cfg.ring().on(), cfg.ring().off(), cfg.ring().limit());
        CallTracker tracker = new CallTracker(rule, store, cfg.hotline().context(), cfg.hotline().exten());
        CallEventQueue queue = new CallEventQueue(tracker, opt.queueCapacity(), Duration.ofSeconds(5));
        AmiConnector connector = new AmiConnector(cfg.ami(), queue, Clock.systemUTC());
        Counter counter = new Counter(w.lastTimestamp, 0);
        // listeners run in registration order: when this one sees the last event, the connector has
        // already handed it to the tracker queue
        connector.connection().addEventListener(counter);
        long drops0 = libraryDrops.count.get();
        Cpu cpu0 = Cpu.now(opt.pgDir());
        streamer.prepare(w);
        connector.start();
        counter.awaitEnd();
        drain(queue);
        long end = System.nanoTime();
        Cpu cpu = Cpu.now(opt.pgDir()).minus(cpu0);
        String hot = hotThreads() + String.format(Locale.ROOT, "; GC pauses %.1f s", cpu.gc);
        connector.close();
        queue.close();
        double seconds = (end - streamer.startNanos()) / 1e9;
        long[] stored = stored();
        return new Result("b tracker+db", run, w.calls, w.events, seconds, counter.received.get(),
                expectedReceived, libraryDrops.count.get() - drops0, queue.accepted(), queue.rejected(), stored[0],
                stored[1], stored[2], cpu.jvm, cpu.pg, hot, store.summary(seconds));
    }

    /** Until the tracker has applied (and saved) everything queued so far; retried while its queue is full. */
    private static void drain(CallEventQueue queue) throws InterruptedException {
        while (true) {
            try {
                queue.drain(Duration.ofMinutes(10));
                return;
            } catch (RejectedExecutionException e) {
                Thread.sleep(5);
            }
        }
    }

    private void truncate() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE calls, call_legs, call_event_log RESTART IDENTITY CASCADE");
        }
    }

    /** calls, ended calls, events stored. linked_id is UNIQUE: a count equal to the calls sent means once each. */
    private long[] stored() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM calls), "
                     + "(SELECT count(*) FROM calls WHERE ended_at IS NOT NULL), (SELECT coalesce(sum(json_array_length(events)), 0) FROM call_event_log)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    // ---------------------------------------------------------------- reporting

    private String hotThreads() {
        Map<String, Long> byName = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                // asterisk-java numbers its threads per connection: group by name without the number
                byName.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
            }
        }
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .map(e -> String.format(Locale.ROOT, "%s %.1fs", e.getKey(), e.getValue() / 1e9))
                .reduce((x, y) -> x + ", " + y).orElse("");
    }

    private Result report(Result r) {
        if (r.run().equals("calibration")) {
            return r;
        }
        say("%-13s %-8s %6d calls %7d events %7.2f s %9.0f events/s  received %d/%d (dropped %d, library "
                        + "'queue is full' logs %d)%s  cpu: jvm %.1f s, postgres %.1f s",
                r.mode(), r.run(), r.calls(), r.events(), r.seconds(), r.rate(), r.received(), r.expectedReceived(),
                r.dropped(), r.libraryDropLogs(), r.callsStored() < 0 ? ""
                        : String.format(Locale.ROOT, "  tracker queue accepted %d rejected %d  calls stored %d "
                                + "(ended %d) of %d  events stored %d", r.trackerAccepted(), r.trackerRejected(),
                        r.callsStored(), r.callsEnded(), r.calls(), r.eventsStored()),
                r.jvmCpu(), r.pgCpu());
        say("    threads by CPU during the run (since their start): %s", r.hotThreads());
        if (!r.storeTime().isEmpty()) {
            say("    store calls (saves by the writer, lookups by the tracker): %s", r.storeTime());
        }
        return r;
    }

    private int summary(List<Result> all) {
        List<Result> measured = all.stream().filter(r -> !r.run().equals("warm-up")).toList();
        double a = median(measured, "a bare");
        double b = median(measured, "b tracker+db");
        System.out.println();
        // events/s is AMI events sent ÷ time to the end; when the tracker queue rejected events, (b) ended
        // early on less work, so the rate of tracker events actually saved is shown beside it
        System.out.println("| mode | run | calls | AMI events | seconds | events/s | ratio b/a | dropped by asterisk-java "
                + "| rejected by tracker queue | tracker events saved (per s) | calls stored / expected "
                + "| CPU s (JVM + postgres) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : all) {
            boolean isB = r.mode().startsWith("b");
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.0f | %s | %d | %s | %s | %s | %.1f + %.1f |%n",
                    r.mode(), r.run(), r.calls(), r.events(), r.seconds(), r.rate(),
                    isB && a > 0 ? String.format(Locale.ROOT, "%.2f", r.rate() / a) : "",
                    Math.max(r.dropped(), r.libraryDropLogs()),
                    isB ? Long.toString(r.trackerRejected()) : "",
                    isB ? String.format(Locale.ROOT, "%d (%.0f)", r.eventsStored(), r.eventsStored() / r.seconds())
                            : "",
                    isB ? r.callsStored() + " / " + r.calls() : "", r.jvmCpu(), r.pgCpu());
        }
        System.out.println();
        boolean ok = true;
        if (opt.bare() && opt.full()) {
            boolean lost = measured.stream().anyMatch(r -> r.dropped() > 0 || r.libraryDropLogs() > 0
                    || r.trackerRejected() > 0 || (r.mode().startsWith("b") && (r.callsStored() != r.calls()
                    || r.callsEnded() != r.calls() || r.eventsStored() != r.trackerAccepted() - 1)));
            ok = b >= GOAL_RATIO * a && b >= GOAL_RATE && !lost;
            say("median: bare %.0f events/s, tracker+db %.0f events/s, ratio %.2f (goal >= %.1f and >= %.0f "
                            + "events/s, nothing dropped, every call stored once): %s",
                    a, b, b / a, GOAL_RATIO, GOAL_RATE, ok ? "MET" : "NOT MET" + (lost ? " (events or calls lost)" : ""));
        }
        return ok ? 0 : 1;
    }

    private static double median(List<Result> rs, String mode) {
        double[] v = rs.stream().filter(r -> r.mode().equals(mode)).mapToDouble(Result::rate).sorted().toArray();
        return v.length == 0 ? 0 : v[v.length / 2];
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private void close() throws Exception {
        streamer.close();
        if (db != null) {
            db.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Counts the events a listener receives (not the connection's own Connect/Disconnect or action
     * responses) and notes when the last event of the stream arrives. Runs on asterisk-java's
     * dispatch thread; {@code workNanos} optionally burns CPU per event to prove drops are detected.
     */
    private static final class Counter implements ManagerEventListener {
        final AtomicLong received = new AtomicLong();
        private final double lastTimestamp;
        private final long workNanos;
        private final CountDownLatch end = new CountDownLatch(1);
        private volatile long lastNanos;
        private volatile long endNanos;

        Counter(double lastTimestamp, long workNanos) {
            this.lastTimestamp = lastTimestamp;
            this.workNanos = workNanos;
        }

        @Override
        public void onManagerEvent(ManagerEvent e) {
            if (e instanceof ConnectEvent || e instanceof DisconnectEvent || e instanceof ResponseEvent) {
                return;
            }
            received.incrementAndGet();
            long now = System.nanoTime();
            lastNanos = now;
            if (workNanos > 0) {
                while (System.nanoTime() - now < workNanos) {
                    Thread.onSpinWait();
                }
            }
            Double ts = e.getTimestamp();
            if (ts != null && ts >= lastTimestamp - 1e-7 && end.getCount() > 0) {
                endNanos = now;
                end.countDown();
            }
        }

        /** Until the last event arrived; if it was dropped, until events stop coming for a while. */
        void awaitEnd() throws InterruptedException {
            long seen = -1;
            long since = System.nanoTime();
            while (!end.await(500, TimeUnit.MILLISECONDS)) {
                long n = received.get();
                if (n != seen) {
                    seen = n;
                    since = System.nanoTime();
                } else if (System.nanoTime() - since > STALL.toNanos()) {
                    System.out.println("    the last event never arrived (dropped?); timing up to the last one received");
                    endNanos = lastNanos;
                    return;
                }
            }
        }

        long endNanos() {
            return endNanos;
        }
    }

    /** Counts asterisk-java's "Event queue is full, not processing ..." errors (events and responses lost). */
    private static final class DropCounter extends AppenderBase<ILoggingEvent> {
        final AtomicLong count = new AtomicLong();

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getFormattedMessage().contains("queue is full")) {
                count.incrementAndGet();
            }
        }
    }

    /** CPU seconds of this JVM and of the embedded postmaster with its backends (from /proc). */
    private record Cpu(double jvm, double pg, double gc) {
        static Cpu now(Path pgDir) {
            double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            double gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum() / 1e3;
            return new Cpu(jvm, pgDir == null ? 0 : PgCpu.seconds(pgDir), gc);
        }

        Cpu minus(Cpu o) {
            return new Cpu(jvm - o.jvm, pg - o.pg, gc - o.gc);
        }
    }
}
