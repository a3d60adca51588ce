package com.example.hotline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.auth.Authenticator;
import com.example.hotline.auth.PasswordHasher;
import com.example.hotline.auth.User;
import com.example.hotline.auth.UserStore;
import com.example.hotline.config.HotlineConfig;
import com.example.hotline.web.HttpServer;
import com.example.hotline.web.LiveHub;
import com.example.hotline.web.LiveTokens;
import com.example.hotline.web.Response;
import com.example.hotline.web.Router;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code archive} and {@code retention} against the real HTTP server with stand-in job routes: the
 * query they send, the progress bar drawn while the run goes, what they print and their exit codes.
 */
class JobCommandsTest {

    private static final String PASSWORD = "s3cret-for-tests";
    private static HttpServer server;
    private static int port;
    private static final AtomicReference<String> lastQuery = new AtomicReference<>();
    private static final AtomicReference<Response> archiveAnswer = new AtomicReference<>();

    @BeforeAll
    static void startServer() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        UserStore.StoredUser admin = new UserStore.StoredUser(new User(1, "admin", "admin"),
                PasswordHasher.hash(PASSWORD));
        UserStore users = new UserStore() {
            @Override
            public Optional<StoredUser> find(String username) {
                return "admin".equals(username) ? Optional.of(admin) : Optional.empty();
            }

            @Override
            public boolean createIfAbsent(String username, String passwordHash, String role) {
                return false;
            }
        };
        Router router = new Router()
                .add("POST", "/api/jobs/archive", r -> {
                    lastQuery.set("date=" + r.param("date") + " via=" + r.param("via"));
                    Thread.sleep(1200); // long enough for the bar to be drawn twice
                    return archiveAnswer.get();
                })
                .add("GET", "/api/jobs", r -> Response.json(Map.of("current", Map.of("kind", "archive", "runId", 7,
                        "total", 4, "done", 2, "failed", 0), "runs", List.of())))
                .add("POST", "/api/jobs/retention", r -> {
                    lastQuery.set("asOf=" + r.param("asOf") + " dryRun=" + r.param("dryRun"));
                    return Response.json(Map.of("runId", 8, "asOf", "2026-04-16", "before", "2026-01-16",
                            "dryRun", true, "deleted", List.of(Map.of("recordingId", 1, "day", "2026-01-15",
                                    "archivePath", "2026/01/15/a.opus")),
                            "kept", List.of(Map.of("recordingId", 2, "day", "2026-01-15", "archivePath",
                                    "2026/01/15/b.opus", "kept", "legal hold"))));
                });
        Clock clock = Clock.systemUTC();
        server = new HttpServer(new HotlineConfig.Http(InetAddress.getLoopbackAddress(), port), router,
                new Authenticator(users, clock), new LiveHub(() -> Map.of()), new LiveTokens(clock));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void reset() {
        Map<String, Object> result = new java.util.LinkedHashMap<>(Map.of("runId", 7, "day", "2026-11-22",
                "pending", 4, "archived", 4, "rawDeleted", 0, "failed", 0, "lost", 0, "skipped", 0, "registered", 1,
                "millis", 1200));
        result.put("daysCompleted", List.of("2026-11-22"));
        archiveAnswer.set(Response.json(result));
    }

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--password", PASSWORD));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void archiveDrawsAProgressBarAndPrintsTheRun() {
        Run r = run("archive", "--date", "2026-11-22");
        assertEquals(0, r.code(), "exit 0: " + r);
        assertEquals("date=2026-11-22 via=cli", lastQuery.get());
        assertTrue(r.out().contains("[###############...............] 2/4 recordings, 0 failed"), "bar: " + r.out());
        assertTrue(r.out().contains("archive 2026-11-22 (run 7): 4 pending, 4 archived"), r.out());
        assertTrue(r.out().contains("days completed [\"2026-11-22\"]"), r.out());
    }

    @Test
    void failuresBusyBadDateAndNoServerHaveTheirExitCodes() {
        archiveAnswer.set(Response.json(Map.of("runId", 7, "pending", 4, "archived", 3, "failed", 1)));
        assertEquals(1, run("archive", "--date", "2026-11-22").code(), "some failed: 1");
        archiveAnswer.set(Response.error(409, "an archive or retention run is in progress"));
        Run busy = run("archive", "--date", "2026-11-22");
        assertEquals(4, busy.code(), "busy: 4");
        assertTrue(busy.err().contains("in progress"), busy.err());
        assertEquals(2, run("archive", "--date", "22.11.2026").code(), "bad date: 2");
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("archive", "--date", "2026-11-22", "--url", "http://127.0.0.1:1", "--password", "x");
        assertEquals(3, code, "unreachable: 3");
        assertTrue(err.toString().contains("cannot reach"), err.toString());
    }

    @Test
    void retentionDryRunListsWhatWouldGoAndWhatStays() {
        Run r = run("retention", "--as-of", "2026-04-16", "--dry-run");
        assertEquals(0, r.code(), r.toString());
        assertEquals("asOf=2026-04-16 dryRun=true", lastQuery.get());
        assertTrue(r.out().contains("(dry run, nothing deleted)"), r.out());
        assertTrue(r.out().contains("would delete 1  day 2026-01-15  2026/01/15/a.opus"), r.out());
        assertTrue(r.out().contains("kept 2  day 2026-01-15  2026/01/15/b.opus: legal hold"), r.out());
    }
}
