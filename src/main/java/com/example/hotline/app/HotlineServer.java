package com.example.hotline.app;

import com.example.hotline.agi.HotlineAgiServer;
import com.example.hotline.alert.AlertBus;
import com.example.hotline.alert.AlertSink;
import com.example.hotline.alert.RingBreachMonitor;
import com.example.hotline.store.JdbcAlertStore;
import com.example.hotline.store.JdbcLifecycleStore;
import com.example.hotline.ticket.Deadlines;
import com.example.hotline.ticket.EscalationMonitor;
import com.example.hotline.web.LifecycleRoutes;
import com.example.hotline.web.AlertsHandler;
import com.example.hotline.web.LiveHub;
import com.example.hotline.web.LiveTokens;
import com.example.hotline.web.StaticResource;
import com.example.hotline.agi.HotlineScript;
import com.example.hotline.ami.AmiCallOriginator;
import com.example.hotline.ami.AmiConnector;
import com.example.hotline.ami.CdrReconciler;
import com.example.hotline.ami.AmiStatus;
import com.example.hotline.auth.Authenticator;
import com.example.hotline.auth.Sessions;
import com.example.hotline.audit.Inspection;
import com.example.hotline.audit.RecordingCheck;
import com.example.hotline.store.JdbcAuditStore;
import com.example.hotline.store.JdbcCallRecordingCheck;
import com.example.hotline.web.AuditRoutes;
import com.example.hotline.web.Access;
import com.example.hotline.store.JdbcCallTimelines;
import com.example.hotline.web.CallTimelineHandler;
import com.example.hotline.web.UsersHandler;
import com.example.hotline.web.WebUi;
import com.example.hotline.auth.PasswordHasher;
import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.CallTracker;
import com.example.hotline.call.RingRule;
import com.example.hotline.callback.MissedCallListener;
import com.example.hotline.config.ConfigException;
import com.example.hotline.config.HotlineConfig;
import com.example.hotline.directory.DirectoryImport;
import com.example.hotline.directory.PhoneNumbers;
import com.example.hotline.agi.TransferGuardScript;
import com.example.hotline.routing.FrontDeskRouter;
import com.example.hotline.routing.RecordingFeed;
import com.example.hotline.routing.RecordingVerifier;
import com.example.hotline.routing.RoutingSettings;
import com.example.hotline.routing.TransferGuard;
import com.example.hotline.store.JdbcRoutingStore;
import com.example.hotline.web.RoutingRoutes;
import com.example.hotline.store.Database;
import com.example.hotline.store.JdbcCallStore;
import com.example.hotline.store.JdbcCallbackStore;
import com.example.hotline.store.JdbcDirectory;
import com.example.hotline.store.JdbcLedgerStore;
import com.example.hotline.store.JdbcReportStore;
import com.example.hotline.store.JdbcTicketReportStore;
import com.example.hotline.store.JdbcUserStore;
import com.example.hotline.store.JdbcTicketPlaces;
import com.example.hotline.store.JdbcTicketStore;
import com.example.hotline.ticket.TicketCallListener;
import com.example.hotline.ticket.TicketDesk;
import com.example.hotline.web.TicketFillHandler;
import com.example.hotline.web.TicketSplitHandler;
import com.example.hotline.web.TicketsHandler;
import com.example.hotline.web.AnswerTimesHandler;
import com.example.hotline.web.CallbackDoneHandler;
import com.example.hotline.web.CallbacksHandler;
import com.example.hotline.web.CallsHandler;
import com.example.hotline.web.DirectoryImportHandler;
import com.example.hotline.web.DirectoryLookupHandler;
import com.example.hotline.web.HealthCheck;
import com.example.hotline.web.HealthHandler;
import com.example.hotline.web.HttpServer;
import com.example.hotline.web.LedgerExportHandler;
import com.example.hotline.web.LedgerHandler;
import com.example.hotline.web.LedgerSignOffHandler;
import com.example.hotline.web.Response;
import com.example.hotline.web.Router;
import com.example.hotline.web.TicketReportHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and runs the whole server from one {@link HotlineConfig}: database, call tracker, AMI,
 * FastAGI, HTTP. {@link #start} starts them in dependency order and {@link #close} stops whatever
 * was started in reverse order. Not thread-safe: start and close are called by {@link Main}.
 */
public final class HotlineServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HotlineServer.class);

    private final HotlineConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile RecordingFeed recordingFeed;

    public HotlineServer(HotlineConfig config) {
        this.config = config;
    }

    public void start() {
        log.info("hotline starting: data {}, archive {}, recordings {}, AMI {}@{}:{} (secret {}), db {}",
                config.paths().dataDir(), config.paths().archiveDir(), config.paths().recordingsDir(),
                config.ami().user(), config.ami().host(), config.ami().port(), config.ami().secret(),
                config.db().embedded() ? "embedded" : config.db().url());
        RingRule rule = new RingRule(config.ring().on(), config.ring().off(), config.ring().limit());
        // all free agents must be offered the call before the last allowed ring ends (the third, at 11 s)
        Duration offerWithin = Duration.ofMillis((rule.limit() - 1) * rule.periodMillis() + rule.on().toMillis());
        if (config.hotline().dialTimeout().compareTo(offerWithin) <= 0) {
            throw new ConfigException("config key 'dial.timeout.seconds' = " + config.hotline().dialTimeout().toSeconds()
                    + ": must be longer than the " + offerWithin.toMillis() + " ms in which ring.limit rings end");
        }
        createDirectories();
        Database db = Database.open(config.db(), config.paths().embeddedDbDir());
        started.push(db);
        JdbcCallStore callStore = new JdbcCallStore(db.dataSource());
        JdbcUserStore users = new JdbcUserStore(db.dataSource());
        ensureAdmin(users);

        PrometheusMeterRegistry metrics = Metrics.registry();
        CallTracker tracker = new CallTracker(rule, callStore, config.hotline().context(),
                config.hotline().exten());
        JdbcCallbackStore callbacks = new JdbcCallbackStore(db.dataSource());
        tracker.addListener(new MissedCallListener(callbacks, clock));
        // tickets: deadlines from config; the directory answers the caller ID before a phone rings
        Deadlines deadlines = new Deadlines(config.deadlines().major(), config.deadlines().important(),
                config.deadlines().minor(), config.deadlines().arrive(), config.deadlines().start());
        JdbcTicketStore ticketStore = new JdbcTicketStore(db.dataSource(), deadlines);
        PhoneNumbers numbers = new PhoneNumbers(config.directoryAreaCode());
        JdbcDirectory directory = new JdbcDirectory(db.dataSource(), numbers);
        TicketDesk desk = new TicketDesk(ticketStore, directory, numbers, config.tickets().repeatWindow(),
                config.zone(), clock);
        desk.startRetries(Duration.ofSeconds(5));
        started.push(desk);
        tracker.addListener(new TicketCallListener(ticketStore, clock));
        CallEventQueue queue = new CallEventQueue(tracker, 50_000, Duration.ofSeconds(5));
        started.push(queue);

        // live: pages over the WebSocket, alerts to the pages first (fast) then to the database
        JdbcAlertStore alertStore = new JdbcAlertStore(db.dataSource());
        LiveBoard board = new LiveBoard(rule, config.zone());
        LiveHub live = new LiveHub(board::hello);
        AlertBus alerts = new AlertBus();
        alerts.add(a -> {
            Map<String, Object> message = AlertsHandler.view(a, config.zone());
            board.alert(message);
            live.publish(message);
        });
        alerts.add(alertStore::save);
        // a call without any recording also counts against the extension that answered it (C5)
        AlertSink recordingAlerts = a -> {
            alerts.raise(a);
            RecordingFeed feed = recordingFeed;
            if (feed != null && "recording-missing".equals(a.kind()) && a.details().get("answeredBy") != null) {
                feed.recordingSeen(String.valueOf(a.details().get("answeredBy")), a.linkedId(), a.raisedAt(),
                        RecordingFeed.Grade.MISSING);
            }
        };
        RecordingServices recordings = new RecordingServices(config, db.dataSource(), recordingAlerts,
                () -> recordingFeed, clock);
        started.push(recordings);
        recordings.listenTo(tracker);
        RingBreachMonitor breaches = new RingBreachMonitor(rule, alerts, clock);
        started.push(breaches);
        tracker.addListener(breaches);
        ScreenPop pops = new ScreenPop(ticketStore, directory, live, config.zone());
        started.push(pops);
        tracker.addListener(pops);
        tracker.addListener(call -> {
            Map<String, Object> message = board.update(call);
            if (message != null) {
                live.publish(message);
            }
        });

        // the life of tickets: overdue ones escalated every minute to the alert bus
        JdbcLifecycleStore lifecycle = new JdbcLifecycleStore(db.dataSource(), deadlines);
        EscalationMonitor escalation = new EscalationMonitor(lifecycle, alerts, clock, 200);
        escalation.start(Duration.ofMinutes(1));
        started.push(escalation);

        AmiConnector ami = new AmiConnector(config.ami(), queue, clock);
        started.push(ami);
        ami.start();
        if (config.paths().cdrFile() != null) {
            // calls whose AMI events a gap cost us are filled in from the PBX's own records
            CdrReconciler cdr = new CdrReconciler(config.paths().cdrFile(), queue, () -> ami.status().connected(),
                    clock);
            started.push(cdr);
            cdr.start();
        }

        FrontDeskRouter router = new FrontDeskRouter(config.hotline().frontDesk(), config.hotline().supervisor(),
                "hunt".equals(config.hotline().strategy()) ? FrontDeskRouter.Strategy.HUNT
                        : FrontDeskRouter.Strategy.RING_ALL,
                offerWithin, config.hotline().huntPerPhone(), config.hotline().dialTimeout());
        // after hours: settings and the extension registry in memory, decisions and violations written by
        // routing-log; each archived recording's grade feeds the verifier (RecordingFeed)
        JdbcRoutingStore routingStore = new JdbcRoutingStore(db.dataSource());
        RoutingSettings routing = new RoutingSettings(routingStore, config.zone(), clock);
        RoutingRecorder routingLog = new RoutingRecorder(routingStore, alerts);
        started.push(routingLog);
        recordingFeed = new RecordingVerifier(routing, 2, routingLog::demotion);
        HotlineAgiServer agi = new HotlineAgiServer(config.agi(), Map.of(
                "hotline", new HotlineScript(router, routing, routingLog::decision, desk, queue, clock),
                "transfer-guard", new TransferGuardScript(new TransferGuard(routing::extension), routingLog::violation,
                        clock)), clock);
        agi.start();
        started.push(agi);

        Metrics.bind(metrics, ami, agi, queue, tracker);
        // checks run in this order: what the database check just found decides whether the checks that
        // query the database are asked at all (each would wait for the pool's timeout during an outage)
        java.util.concurrent.atomic.AtomicBoolean databaseUp = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<HealthCheck> checks = List.of(
                check("ami", () -> amiHealth(ami.status())),
                check("agi", () -> {
                    var s = agi.status();
                    return new HealthCheck.Result(s.listening(), details("address", s.address(),
                            "requests", s.requests(), "failures", s.failures(), "refused", s.refused(),
                            "lastRequestAt", s.lastRequestAt(), "lastError", s.lastError()));
                }),
                check("database", () -> {
                    boolean up = db.ping();
                    databaseUp.set(up);
                    return new HealthCheck.Result(up, details("mode", db.embedded() ? "embedded" : "external"));
                }),
                check("archive", this::archiveHealth),
                needsDatabase(recordings.health(), databaseUp));
        LiveTokens liveTokens = new LiveTokens(clock);
        JdbcLedgerStore ledger = new JdbcLedgerStore(db.dataSource());
        Router routes = new Router()
                .add("GET", "/health", new HealthHandler(checks, clock))
                .add("GET", "/metrics", req -> Response.text(200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.scrape()))
                .add("GET", "/api/calls", new CallsHandler(callStore, config.zone()))
                .add("GET", "/api/calls/{id}", new CallTimelineHandler(
                        new JdbcCallTimelines(db.dataSource(), callStore), config.zone()))
                .add("GET", "/api/alerts", new AlertsHandler(alertStore, config.zone()))
                .add("POST", "/api/live/token", req -> Response.json(Map.of("token", liveTokens.issue(req.user()))))
                .add("GET", "/live", new StaticResource("/web/live.html", "text/html; charset=utf-8"))
                .add("GET", "/agent", new StaticResource("/web/agent.html", "text/html; charset=utf-8"))
                .add("GET", "/api/callbacks", new CallbacksHandler(callbacks, config.zone()))
                .add("POST", "/api/callbacks/{id}/done", new CallbackDoneHandler(callbacks, config.zone(), clock))
                .add("GET", "/api/tickets", new TicketsHandler(ticketStore, config.zone()))
                .add("PUT", "/api/tickets/{no}", new TicketFillHandler(ticketStore, config.zone(), clock))
                .add("POST", "/api/tickets/{no}/split", new TicketSplitHandler(ticketStore, config.zone(), clock))
                .add("GET", "/api/reports/answer-times",
                        new AnswerTimesHandler(new JdbcReportStore(db.dataSource()), config.zone()))
                .add("GET", "/api/directory", new DirectoryLookupHandler(directory, numbers))
                .add("POST", "/api/directory/import",
                        new DirectoryImportHandler(new DirectoryImport(numbers, directory)))
                .add("GET", "/api/ledger", new LedgerHandler(ledger, config.zone()))
                .add("GET", "/api/ledger/export", new LedgerExportHandler(ledger, config.zone()))
                .add("POST", "/api/ledger/{date}/sign-off", new LedgerSignOffHandler(ledger, config.zone(), clock))
                .add("GET", "/api/reports/tickets",
                        new TicketReportHandler(new JdbcTicketReportStore(db.dataSource()), config.zone(), clock));
        // follow-up calls: the agent's phone rings up to 30 s, then the owner sees the hotline's number
        LifecycleRoutes.register(routes, lifecycle,
                new AmiCallOriginator(ami.connection(), Duration.ofSeconds(30), config.hotline().exten(), clock),
                config.zone(), clock);
        for (String path : List.of("/api/tickets/{no}", "/api/tickets/{no}/split", "/api/tickets/{no}/dispatch",
                "/api/tickets/{no}/arrived", "/api/tickets/{no}/started", "/api/tickets/{no}/finished",
                "/api/tickets/{no}/rescheduled", "/api/tickets/{no}/confirmed", "/api/tickets/{no}/followup",
                "/api/tickets/{no}/cancel", "/api/tickets/{no}/close", "/api/tickets/{no}/callback")) {
            routes.wrap(path, h -> Access.ticketReach(h, no -> lifecycle.file(no).map(f -> f.ticket())));
        }
        JdbcTicketPlaces places = new JdbcTicketPlaces(db.dataSource());
        routes.wrap("/api/tickets/overdue", h -> Access.ticketRows(h, places));
        Authenticator authenticator = new Authenticator(users, clock);
        Sessions sessions = Sessions.standard(clock);
        new UsersHandler(users, authenticator, sessions).register(routes);
        WebUi.register(routes);
        JdbcAuditStore auditStore = new JdbcAuditStore(db.dataSource());
        // the recordings side reads the PBX's announced files until the recording index (issue 5) replaces it
        RecordingCheck recordingCheck = new JdbcCallRecordingCheck(db.dataSource());
        new AuditRoutes(auditStore, recordingCheck, new Inspection(new JdbcReportStore(db.dataSource()), ledger,
                auditStore, recordingCheck, config.zone(), clock), places, config.zone(), clock).register(routes);
        RoutingRoutes.register(routes, routing, routingStore::violations, config.zone());
        recordings.routes(routes);
        recordings.start();
        HttpServer http = new HttpServer(config.http(), routes, authenticator, sessions, live, liveTokens);
        http.start();
        started.push(http);
        log.info("hotline started: http://{}:{}/health", config.http().host().getHostAddress(),
                config.http().port());
    }

    /**
     * Where the recording index reports, per call and extension, the recording it found and its grade, so
     * that extensions marked as recording are verified (null before {@link #start}).
     */
    public RecordingFeed recordingFeed() {
        return recordingFeed;
    }

    private void createDirectories() {
        for (Path p : List.of(config.paths().dataDir(), config.paths().archiveDir())) {
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create directory " + p + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Creates user admin on first start with {@code admin.password}; without one, a random password
     * is written to {@code data.dir/admin-password} (mode 600) rather than to the log.
     */
    private void ensureAdmin(JdbcUserStore users) {
        String password = config.adminPassword().value();
        boolean generated = password.isEmpty();
        if (generated) {
            password = PasswordHasher.randomPassword();
        }
        if (users.createIfAbsent("admin", PasswordHasher.hash(password), "admin")) {
            if (generated) {
                Path file = config.paths().dataDir().resolve("admin-password");
                try {
                    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
                }
                log.warn("user admin created with a generated password, see {}", file);
            } else {
                log.info("user admin created with the configured password");
            }
        }
    }

    private static HealthCheck.Result amiHealth(AmiStatus s) {
        return new HealthCheck.Result(s.connected(), details("state", s.state(), "since", s.since(),
                "lastEventAt", s.lastEventAt(), "events", s.events(), "reconnects", s.reconnects(),
                "lastResyncAt", s.lastResyncAt(), "lastError", s.lastError()));
    }

    private HealthCheck.Result archiveHealth() {
        Path dir = config.paths().archiveDir();
        boolean writable = Files.isDirectory(dir) && Files.isWritable(dir);
        long free = dir.toFile().getUsableSpace();
        return new HealthCheck.Result(writable && free > 100L * 1024 * 1024,
                details("dir", dir.toString(), "writable", writable, "freeBytes", free));
    }

    private static Map<String, Object> details(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1] instanceof java.time.Instant t ? t.toString() : kv[i + 1]);
            }
        }
        return m;
    }

    /** {@code check}, or down at once when the database check before it found the database down. */
    private static HealthCheck needsDatabase(HealthCheck check, java.util.concurrent.atomic.AtomicBoolean databaseUp) {
        return check(check.name(), () -> databaseUp.get() ? check.check()
                : new HealthCheck.Result(false, details("error", "not checked: the database is down")));
    }

    private static HealthCheck check(String name, java.util.function.Supplier<HealthCheck.Result> s) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return s.get();
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
        log.info("hotline stopped");
    }
}
