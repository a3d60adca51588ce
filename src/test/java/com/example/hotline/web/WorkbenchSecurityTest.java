package com.example.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.auth.Authenticator;
import com.example.hotline.auth.LoginLimiter;
import com.example.hotline.auth.PasswordHasher;
import com.example.hotline.auth.Sessions;
import com.example.hotline.auth.User;
import com.example.hotline.auth.UserStore;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallTimeline;
import com.example.hotline.call.StoredCall;
import com.example.hotline.config.HotlineConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.example.hotline.audit.Inspection;
import com.example.hotline.recording.FfmpegPcmDecoder;
import com.example.hotline.recording.PlayWindow;
import com.example.hotline.recording.SpeechWav;
import com.example.hotline.recording.Waveforms;
import com.example.hotline.store.JdbcAccessLog;
import com.example.hotline.store.JdbcAuditStore;
import com.example.hotline.store.JdbcCallRecordingCheck;
import com.example.hotline.store.JdbcJobStore;
import com.example.hotline.store.JdbcLedgerStore;
import com.example.hotline.store.JdbcRecordingIndex;
import com.example.hotline.store.JdbcRecordingReach;
import com.example.hotline.store.JdbcReportStore;
import com.example.hotline.store.JdbcTicketPlaces;
import com.example.hotline.store.JdbcTicketStore;
import com.example.hotline.store.TestDatabase;
import com.example.hotline.ticket.Deadlines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench's security over real HTTP (Netty on a free loopback port, users in memory): 401
 * without a sign-in, the session cookie's flags, CSRF on state-changing requests, the sign-in rate
 * limit, refused traversal attempts, and 403 where a role or a user's reach does not allow. The
 * recordings, their audio, waveform, download and access log, the ticket list, ledger, audit and
 * overdue list run on a real embedded PostgreSQL with the real migrations and real audio files
 * (Debian's ffmpeg): an agent gets 403 for another agent's recording, quality staff limited to a
 * department or building for one outside it, and lists are narrowed; plays and downloads are logged,
 * refused requests are not.
 */
class WorkbenchSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = "right-password";
    private static final Map<String, User> USERS = Map.of(
            "admin", new User(1, "admin", "admin"),
            "amy", new User(2, "amy", "agent", "8001", List.of(), List.of()),
            "quinn", new User(3, "quinn", "quality", null, List.of("engineering", "工程部"), List.of()),
            "bill", new User(4, "bill", "quality", null, List.of(), List.of("3栋")));
    private static final String HASH = PasswordHasher.hash(PW);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Two calls: L1 answered by amy's 8001, ticket 2611-0101 (engineering, 3栋); L2 by 8002, 2611-0102 (security, 9栋). */
    private static TestDatabase db;
    @TempDir
    static Path files;
    @TempDir
    Path waveformDir;
    private Waveforms waveforms;

    private HttpServer server;
    private String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws IOException {
        start(false);
    }

    private void start(boolean secureCookie) throws IOException {
        if (server != null) {
            server.close();
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        UserStore store = new UserStore() {
            @Override
            public Optional<StoredUser> find(String username) {
                return Optional.ofNullable(USERS.get(username)).map(u -> new StoredUser(u, HASH));
            }

            @Override
            public boolean createIfAbsent(String username, String passwordHash, String role) {
                return false;
            }
        };
        Clock clock = Clock.systemUTC();
        Map<Long, CallTimeline> calls = Map.of(
                1L, timeline(1, "8001", "engineering"),
                2L, timeline(2, "8002", "security"));
        Router router = new Router()
                .add("GET", "/api/calls/{id}", new CallTimelineHandler(id -> Optional.ofNullable(calls.get(id)),
                        ZoneId.of("Asia/Shanghai")))
                .add("POST", "/api/live/token", r -> Response.json(Map.of("token", "t")))
                .add("GET", "/api/users", Access.roles(r -> Response.json(List.of()), User.ADMIN))
                .add("GET", "/api/tickets/{no}", r -> Response.json(Map.of("ticketNo", r.pathParam("no"))))
                .add("POST", "/api/tickets/{no}/close", r -> Response.json(Map.of("closed", true)));
        // both tickets are 工程部 (engineering); 2611-0001 in building 3栋, 2611-0002 in 9栋
        Map<String, com.example.hotline.ticket.Ticket> tickets = Map.of(
                "2611-0001", com.example.hotline.ticket.Tickets.complete().ticket(),
                "2611-0002", com.example.hotline.ticket.Tickets.complete().place("9栋", "101").ticket());
        for (String path : List.of("/api/tickets/{no}", "/api/tickets/{no}/close")) {
            router.wrap(path, h -> Access.ticketReach(h, no -> Optional.ofNullable(tickets.get(no))));
        }
        WebUi.register(router);
        recordingRoutes(router, clock);
        server = new HttpServer(new HotlineConfig.Http(InetAddress.getLoopbackAddress(), port, secureCookie), router,
                new Authenticator(store, clock, new LoginLimiter(5, 20, Duration.ofMinutes(15), clock)),
                Sessions.standard(clock), new LiveHub(Map::of), new LiveTokens(clock));
        server.start();
        base = "http://127.0.0.1:" + port;
    }

    private static CallTimeline timeline(long id, String answeredBy, String department) {
        Instant t = Instant.parse("2026-11-23T02:00:00Z");
        CallRecord c = new CallRecord("L" + id, "U" + id, "13800138000", null, true, t, t, t.plusSeconds(4), t.plusSeconds(60),
                true, answeredBy, 4000L, 1, true, 16, "Normal Clearing", "ringall", List.of(answeredBy), "f.wav",
                false, List.of());
        return new CallTimeline(new StoredCall(id, c, "2611-0001"), List.of(Map.of("kind", "ChannelCreated",
                "at", "2026-11-23T02:00:00Z")), department, "A");
    }

    @AfterEach
    void stop() {
        server.close();
        waveforms.close();
    }

    @BeforeAll
    static void seed() throws Exception {
        db = TestDatabase.start();
        SpeechWav.speech(Files.createDirectories(files.resolve("raw/hotline")).resolve("r1.wav"), 3);
        SpeechWav.speech(Files.createDirectories(files.resolve("archive/2026/11/23")).resolve("r2.wav"), 2);
        sql("INSERT INTO calls (linked_id, unique_id, caller, hotline, started_at, answered, answered_by, recording_file) "
                + "VALUES ('L1', 'L1', '13800138001', true, '2026-11-23T02:00:00Z', true, '8001', 'hotline/r1.wav'), "
                + "('L2', 'L2', '13800138002', true, '2026-11-23T03:00:00Z', true, '8002', 'hotline/r2.wav')");
        sql("INSERT INTO tickets (ticket_no, created_at, source, phone, caller_id_status, building, department, status) "
                + "VALUES ('2611-0101', '2026-11-23T02:00:00Z', 'phone', '13800138001', 'identified', '3栋', 'engineering', "
                + "'registered'), ('2611-0102', '2026-11-23T03:00:00Z', 'phone', '13800138002', 'identified', '9栋', "
                + "'security', 'registered')");
        sql("INSERT INTO ticket_calls (linked_id, ticket_id, attached_at, how) VALUES ('L1', 1, now(), 'created'), "
                + "('L2', 2, now(), 'created')");
        sql("INSERT INTO recordings (raw_file, linked_id, unique_id, caller, extension, started_at, day, state) VALUES "
                + "('hotline/r1.wav', 'L1', 'L1', '13800138001', '8001', '2026-11-23T02:00:00Z', '2026-11-23', 'recorded')");
        sql("INSERT INTO recordings (raw_file, linked_id, unique_id, caller, extension, started_at, day, state, name, "
                + "archive_path, raw_present) VALUES ('hotline/r2.wav', 'L2', 'L2', '13800138002', '8002', "
                + "'2026-11-23T03:00:00Z', '2026-11-23', 'archived', '20261123-110000_13800138002_8002_2611-0102_L2.wav', "
                + "'2026/11/23/r2.wav', false)");
        sql("INSERT INTO recordings (raw_file, linked_id, unique_id, caller, extension, started_at, day, state, name, "
                + "archive_path, purged_at, raw_present) VALUES ('hotline/r3.wav', 'L1', 'L1b', '13800138001', '8001', "
                + "'2026-11-23T02:00:00Z', '2026-11-23', 'purged', 'r3.wav', '2026/11/23/r3.wav', now(), false)");
        // an archive path in the index that climbs out of the archive (a tampered row): never served
        sql("INSERT INTO recordings (raw_file, linked_id, unique_id, caller, extension, started_at, day, state, name, "
                + "archive_path, raw_present) VALUES ('hotline/r4.wav', 'L1', 'L1c', '13800138001', '8001', "
                + "'2026-11-23T02:00:00Z', '2026-11-23', 'archived', 'r4.wav', '../../../../../../etc/passwd', false)");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void clearAccessLog() throws Exception {
        sql("DELETE FROM recording_access");
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Rows of the access log as "username action recording status range session?" lines. */
    private static List<String> accessLog() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT username, action, recording_id, status, byte_range, session_tag, "
                     + "client FROM recording_access ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getInt(4) + " "
                        + rs.getString(5) + " " + (rs.getString(6) == null ? "basic" : "session") + " " + rs.getString(7));
            }
        }
        return out;
    }

    /** The recordings, audio, waveform, download, access log, tickets, ledger, audit and overdue routes on the database. */
    private void recordingRoutes(Router router, Clock clock) {
        DataSource ds = db.dataSource();
        if (waveforms != null) {
            waveforms.close();
        }
        JdbcRecordingIndex index = new JdbcRecordingIndex(ds);
        RecordingGuard guard = new RecordingGuard(index, new JdbcRecordingReach(ds), files.resolve("archive"),
                files.resolve("raw"));
        RecordingRoutes.register(router, index, guard, new JdbcJobStore(ds), null, null, ZONE, clock);
        waveforms = new Waveforms(new FfmpegPcmDecoder(), waveformDir, Duration.ofSeconds(30), 1);
        PlaybackRoutes.register(router, guard, new JdbcAccessLog(ds), new PlayWindow(PlayWindow.STANDARD, clock),
                waveforms, ZONE, clock);
        JdbcLedgerStore ledger = new JdbcLedgerStore(ds);
        JdbcTicketPlaces places = new JdbcTicketPlaces(ds);
        router.add("GET", "/api/tickets", new TicketsHandler(new JdbcTicketStore(ds, Deadlines.DEFAULTS), ZONE))
                .add("GET", "/api/ledger", new LedgerHandler(ledger, ZONE))
                .add("GET", "/api/ledger/export", new LedgerExportHandler(ledger, ZONE))
                .add("POST", "/api/ledger/{date}/sign-off", new LedgerSignOffHandler(ledger, ZONE, clock))
                .add("GET", "/api/tickets/overdue", Access.ticketRows(r -> Response.json(List.of(
                        Map.of("ticketNo", "2611-0101"), Map.of("ticketNo", "2611-0102"),
                        Map.of("ticketNo", "9999-0001"))), places));
        JdbcAuditStore audit = new JdbcAuditStore(ds);
        JdbcCallRecordingCheck check = new JdbcCallRecordingCheck(ds);
        new AuditRoutes(audit, check, new Inspection(new JdbcReportStore(ds), ledger, audit, check, ZONE, clock), places,
                ZONE, clock).register(router);
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        return send("POST", "/api/login", Map.of("Content-Type", "application/json"),
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    /** Signs in; answers the Cookie header value and the CSRF token. */
    private String[] session(String user) throws IOException, InterruptedException {
        HttpResponse<String> r = login(user, PW);
        assertEquals(200, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new String[] {cookie, JSON.readTree(r.body()).get("csrf").asText()};
    }

    @Test
    void everythingButTheSignInPageNeedsASignIn() throws Exception {
        assertEquals(401, send("GET", "/api/calls/1", Map.of(), null).statusCode());
        assertEquals(401, send("GET", "/api/no/such/path", Map.of(), null).statusCode(), "no path list for strangers");
        HttpResponse<String> page = send("GET", "/", Map.of("Accept", "text/html"), null);
        assertEquals(302, page.statusCode(), "a browser without a session is sent to the sign-in page");
        assertEquals("/login", page.headers().firstValue("Location").orElse(null));
        assertEquals(200, send("GET", "/login", Map.of(), null).statusCode());
        assertEquals(200, send("GET", "/assets/app.js", Map.of(), null).statusCode());
        assertTrue(send("GET", "/api/calls/1", Map.of(), null).headers().firstValue("WWW-Authenticate").isPresent(),
                "scripts are offered Basic");
        assertFalse(send("GET", "/api/calls/1", Map.of("X-Requested-With", "fetch"), null).headers()
                .firstValue("WWW-Authenticate").isPresent(), "our pages get no Basic dialog");
        assertEquals(401, login("admin", "wrong").statusCode());
        assertEquals(401, send("GET", "/api/calls/1", Map.of("Cookie", "hotline_session=forged"), null).statusCode());
    }

    @Test
    void sessionCookieIsHttpOnlyAndStrictAndSecureWhenConfigured() throws Exception {
        String cookie = login("admin", PW).headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertTrue(cookie.contains("; Path=/"), cookie);
        assertFalse(cookie.contains("Secure"), "not Secure unless configured: " + cookie);
        assertFalse(cookie.contains("Max-Age") || cookie.contains("Expires"), "gone when the browser closes: " + cookie);
        assertEquals("DENY", send("GET", "/login", Map.of(), null).headers().firstValue("X-Frame-Options").orElse(null),
                "pages cannot be framed by another site");
        start(true);
        cookie = login("admin", PW).headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure"), cookie);
    }

    @Test
    void sessionRequestsThatChangeSomethingNeedTheCsrfToken() throws Exception {
        String[] s = session("admin");
        assertEquals(200, send("GET", "/api/calls/1", Map.of("Cookie", s[0]), null).statusCode(), "reading needs none");
        assertEquals(403, send("POST", "/api/live/token", Map.of("Cookie", s[0]), "").statusCode());
        assertEquals(403, send("POST", "/api/live/token", Map.of("Cookie", s[0], "X-CSRF-Token", "guess"), "")
                .statusCode());
        assertEquals(200, send("POST", "/api/live/token", Map.of("Cookie", s[0], "X-CSRF-Token", s[1]), "")
                .statusCode());
        // scripts with Basic need no token, but a browser replaying Basic for another site is refused
        assertEquals(200, send("POST", "/api/live/token", Map.of("Authorization", basic("admin", PW)), "").statusCode());
        assertEquals(403, send("POST", "/api/live/token", Map.of("Authorization", basic("admin", PW),
                "Origin", "http://evil.example"), "").statusCode());
        assertEquals(403, send("POST", "/api/live/token", Map.of("Authorization", basic("admin", PW),
                "Sec-Fetch-Site", "cross-site"), "").statusCode());
        // sign-out ends the session and needs the token too
        assertEquals(403, send("POST", "/api/logout", Map.of("Cookie", s[0]), "").statusCode());
        assertEquals(200, send("POST", "/api/logout", Map.of("Cookie", s[0], "X-CSRF-Token", s[1]), "").statusCode());
        assertEquals(401, send("GET", "/api/calls/1", Map.of("Cookie", s[0]), null).statusCode());
        assertEquals(415, send("POST", "/api/login", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "username=admin&password=" + PW).statusCode(), "no sign-in by a cross-site form");
    }

    @Test
    void signInsAreRateLimitedPerNameAndPerAddress() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login("amy", "guess-" + i).statusCode());
        }
        HttpResponse<String> limited = login("amy", PW);
        assertEquals(429, limited.statusCode(), "the right password is refused while the name is locked");
        assertNotNull(limited.headers().firstValue("Retry-After").orElse(null));
        assertEquals(429, send("GET", "/api/calls/1", Map.of("Authorization", basic("amy", PW)), null).statusCode(),
                "Basic counts against the same limit");
        assertEquals(200, login("admin", PW).statusCode(), "another name from the address is still let in");
        for (int i = 0; i < 15; i++) {
            login("nobody" + i, "x");
        }
        assertEquals(429, login("quinn", PW).statusCode(), "20 failures from one address lock it");
    }

    @Test
    void traversalAttemptsAreRefused() throws Exception {
        Map<String, String> admin = Map.of("Authorization", basic("admin", PW));
        for (String path : List.of("/assets/..%2f..%2fetc%2fpasswd", "/assets/%2e%2e/app.js", "/api/calls/..%2f1",
                "/api/calls/%2e%2e", "/assets/..%5capp.js", "/api/calls/1%00", "//etc/passwd")) {
            int status = send("GET", path, admin, null).statusCode();
            assertEquals(400, status, path);
        }
        assertEquals(404, send("GET", "/assets/passwd", admin, null).statusCode(), "only the bundled assets");
        assertEquals(404, send("GET", "/assets/hotline.properties", Map.of(), null).statusCode());
        assertEquals(400, send("GET", "/api/calls/1?from=..%2F..%2Fetc%2Fpasswd", admin, null).statusCode());
        assertEquals(400, send("GET", "/api/calls/abc", admin, null).statusCode());
    }

    @Test
    void rolesAndReachAreEnforced() throws Exception {
        Map<String, String> amy = Map.of("Authorization", basic("amy", PW));
        Map<String, String> quinn = Map.of("Authorization", basic("quinn", PW));
        assertEquals(200, send("GET", "/api/calls/1", amy, null).statusCode(), "the agent's own call");
        HttpResponse<String> other = send("GET", "/api/calls/2", amy, null);
        assertEquals(403, other.statusCode(), "another agent's call");
        assertTrue(other.body().contains("8001"), other.body());
        assertEquals(403, send("GET", "/api/users", amy, null).statusCode());
        assertEquals(200, send("GET", "/api/calls/1", quinn, null).statusCode(), "quality in their department");
        assertEquals(403, send("GET", "/api/calls/2", quinn, null).statusCode(), "outside their department");
        assertEquals(403, send("GET", "/api/users", quinn, null).statusCode());
        assertEquals(200, send("GET", "/api/users", Map.of("Authorization", basic("admin", PW)), null).statusCode());
        assertEquals(404, send("GET", "/api/calls/9", Map.of("Authorization", basic("admin", PW)), null).statusCode());
        Map<String, String> bill = Map.of("Authorization", basic("bill", PW));
        assertEquals(200, send("GET", "/api/tickets/2611-0001", quinn, null).statusCode(), "their department");
        assertEquals(200, send("GET", "/api/tickets/2611-0001", bill, null).statusCode(), "their building");
        assertEquals(403, send("GET", "/api/tickets/2611-0002", bill, null).statusCode(), "another building");
        assertEquals(403, send("POST", "/api/tickets/2611-0002/close", bill, "{}").statusCode(),
                "nor may they act on it");
        assertEquals(200, send("GET", "/api/tickets/2611-0002", Map.of("Authorization", basic("admin", PW)), null)
                .statusCode());
        JsonNode call = JSON.readTree(send("GET", "/api/calls/1", amy, null).body());
        assertEquals("ChannelCreated", call.get("events").get(0).get("kind").asText());
        assertEquals("2611-0001", call.get("ticketNo").asText());
    }

    @Test
    void anAgentsLiveSocketIsOnlyTheirOwnExtensionsScreenPop() throws Exception {
        assertEquals(403, liveSocket("amy", "?ext=8002"), "another agent's screen pop");
        assertEquals(403, liveSocket("amy", ""), "the supervisors' board");
        assertEquals(101, liveSocket("amy", "?ext=8001"), "their own extension");
        assertEquals(101, liveSocket("admin", ""), "the board, for an administrator");
    }

    /** The HTTP status of a live WebSocket upgrade with Basic credentials: 101 when it opened. */
    private int liveSocket(String user, String query) throws Exception {
        try {
            java.net.http.WebSocket ws = http.newWebSocketBuilder().header("Authorization", basic(user, PW))
                    .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws/live" + query),
                            new java.net.http.WebSocket.Listener() { })
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private HttpResponse<byte[]> bytes(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> with(Map<String, String> a, String name, String value) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.put(name, value);
        return m;
    }

    private Set<Long> recordingIds(Map<String, String> who) throws Exception {
        HttpResponse<String> r = send("GET", "/api/recordings", who, null);
        assertEquals(200, r.statusCode(), r.body());
        Set<Long> ids = new TreeSet<>();
        JSON.readTree(r.body()).forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    private List<String> ticketNos(String path, String field, Map<String, String> who) throws Exception {
        HttpResponse<String> r = send("GET", path, who, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        JsonNode root = JSON.readTree(r.body());
        JsonNode list = field == null ? root : root.at(field);
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("ticketNo").asText()));
        return out;
    }

    @Test
    void anAgentAndLimitedQualityStaffReachOnlyTheirRecordings() throws Exception {
        Map<String, String> admin = Map.of("Authorization", basic("admin", PW));
        Map<String, String> amy = Map.of("Authorization", basic("amy", PW));
        Map<String, String> quinn = Map.of("Authorization", basic("quinn", PW));
        Map<String, String> bill = Map.of("Authorization", basic("bill", PW));
        assertEquals(Set.of(1L, 2L, 3L, 4L), recordingIds(admin), "admins see every recording");
        assertEquals(Set.of(1L, 3L, 4L), recordingIds(amy), "the agent: only the recordings of 8001's call");
        assertEquals(Set.of(1L, 3L, 4L), recordingIds(quinn), "quality limited to engineering");
        assertEquals(Set.of(1L, 3L, 4L), recordingIds(bill), "quality limited to building 3栋");
        assertEquals(200, send("GET", "/api/recordings/1", amy, null).statusCode());
        for (String path : List.of("/api/recordings/2", "/api/recordings/2/audio", "/api/recordings/2/waveform",
                "/api/recordings/2/download")) {
            HttpResponse<String> r = send("GET", path, amy, null);
            assertEquals(403, r.statusCode(), "another agent's recording: " + path);
            assertTrue(r.body().contains("8001"), r.body());
            assertEquals(403, send("GET", path, quinn, null).statusCode(), "outside quinn's department: " + path);
            assertEquals(403, send("GET", path, bill, null).statusCode(), "outside bill's building: " + path);
            assertEquals(403, send("GET", path, with(amy, "Range", "bytes=0-"), null).statusCode(), path);
        }
        assertEquals(403, send("PUT", "/api/recordings/2/legal-hold", with(quinn, "Content-Type", "application/json"),
                "{\"hold\": true}").statusCode(), "nor may quinn hold it");
        assertEquals(206, send("GET", "/api/recordings/2/audio", with(admin, "Range", "bytes=0-99"), null).statusCode(),
                "the admin may");
        assertEquals(404, send("GET", "/api/recordings/99/audio", admin, null).statusCode());
        // the refusals left no trace in the access log; the admin's play did
        assertEquals(List.of("admin play 2 206 bytes=0-99 basic 127.0.0.1"), accessLog());
        for (String path : List.of("/api/recordings/1/audio", "/api/recordings/1/waveform", "/api/recordings/1/download",
                "/api/recordings/1", "/api/recordings", "/api/recordings/access")) {
            assertEquals(401, send("GET", path, Map.of(), null).statusCode(), "no sign-in: " + path);
        }
        assertEquals(1, accessLog().size(), "a 401 is not logged either");
    }

    @Test
    void playsAreLoggedOncePerSessionAndDownloadsEachTime() throws Exception {
        String[] s = session("amy");
        Map<String, String> amy = Map.of("Cookie", s[0]);
        HttpResponse<byte[]> first = bytes("/api/recordings/1/audio", with(amy, "Range", "bytes=0-"));
        assertEquals(206, first.statusCode());
        long size = Files.size(files.resolve("raw/hotline/r1.wav"));
        assertEquals("bytes 0-" + (size - 1) + "/" + size, first.headers().firstValue("Content-Range").orElse(null));
        assertEquals("inline; filename=\"20261123-100000_13800138001_8001_2611-0101_L1.wav\"",
                first.headers().firstValue("Content-Disposition").orElse(null), "the uniform name, not the raw one");
        // the player seeks: more Range requests, and a request without one: still one play
        assertEquals(206, bytes("/api/recordings/1/audio", with(amy, "Range", "bytes=20000-29999")).statusCode());
        assertEquals(206, bytes("/api/recordings/1/audio", with(amy, "Range", "bytes=-1000")).statusCode());
        assertEquals(200, bytes("/api/recordings/1/audio", amy).statusCode());
        assertEquals(List.of("amy play 1 206 bytes=0- session 127.0.0.1"), accessLog(),
                "one play per recording per session per 10 minutes, with the answer its first request got");
        // the same person over HTTP Basic is another listener
        assertEquals(206, bytes("/api/recordings/1/audio", Map.of("Authorization", basic("amy", PW),
                "Range", "bytes=0-1")).statusCode());
        // a request the server refuses is no play
        assertEquals(416, bytes("/api/recordings/1/audio", Map.of("Authorization", basic("admin", PW),
                "Range", "bytes=" + size + "-")).statusCode());

        HttpResponse<byte[]> download = bytes("/api/recordings/1/download", amy);
        assertEquals(200, download.statusCode());
        assertEquals(size, download.body().length);
        assertEquals("attachment; filename=\"20261123-100000_13800138001_8001_2611-0101_L1.wav\"",
                download.headers().firstValue("Content-Disposition").orElse(null));
        assertEquals(206, bytes("/api/recordings/1/download", with(amy, "Range", "bytes=100-")).statusCode(),
                "a resumed download is not a new one");
        assertEquals(206, bytes("/api/recordings/1/download", with(amy, "Range", "bytes=0-99")).statusCode());
        assertEquals("attachment; filename=\"20261123-110000_13800138002_8002_2611-0102_L2.wav\"",
                bytes("/api/recordings/2/download", Map.of("Authorization", basic("admin", PW))).headers()
                        .firstValue("Content-Disposition").orElse(null), "an archived recording: its archive name");
        assertEquals(List.of("amy play 1 206 bytes=0- session 127.0.0.1", "amy play 1 206 bytes=0-1 basic 127.0.0.1",
                "amy download 1 200 null session 127.0.0.1", "amy download 1 206 bytes=0-99 session 127.0.0.1",
                "admin download 2 200 null basic 127.0.0.1"), accessLog());

        // the log through the API: quality staff and admins only, narrowed like the recordings
        assertEquals(403, send("GET", "/api/recordings/access", amy, null).statusCode(), "agents may not read it");
        HttpResponse<String> all = send("GET", "/api/recordings/access", Map.of("Authorization", basic("admin", PW)), null);
        assertEquals(200, all.statusCode(), all.body());
        JsonNode rows = JSON.readTree(all.body());
        assertEquals(5, rows.size(), all.body());
        JsonNode newest = rows.get(0);
        assertEquals("admin", newest.get("username").asText());
        assertEquals("download", newest.get("action").asText());
        assertEquals(2, newest.get("recordingId").asLong());
        assertEquals("20261123-110000_13800138002_8002_2611-0102_L2.wav", newest.get("recordingName").asText());
        assertEquals("127.0.0.1", newest.get("client").asText());
        assertTrue(newest.get("at").asText().endsWith("+08:00"), "times in the desk's zone: " + newest);
        JsonNode quinns = JSON.readTree(send("GET", "/api/recordings/access", Map.of("Authorization", basic("quinn", PW)),
                null).body());
        assertEquals(4, quinns.size(), "quinn does not see the access to recording 2: " + quinns);
        JsonNode filtered = JSON.readTree(send("GET", "/api/recordings/access?user=amy&action=play&recordingId=1&from="
                + java.time.LocalDate.now(ZONE) + "&to=" + java.time.LocalDate.now(ZONE),
                Map.of("Authorization", basic("admin", PW)), null).body());
        assertEquals(2, filtered.size(), filtered.toString());
        assertEquals("206", filtered.get(1).get("status").asText());
        assertEquals("bytes=0-", filtered.get(1).get("range").asText());
        for (String bad : List.of("user=a%27%20OR%201%3D1", "recordingId=1%20OR%201%3D1", "recordingId=-3",
                "action=delete", "from=yesterday", "limit=100000")) {
            assertEquals(400, send("GET", "/api/recordings/access?" + bad, Map.of("Authorization", basic("admin", PW)),
                    null).statusCode(), bad);
        }
    }

    @Test
    void theWaveformIsAPngDrawnOnceAndKept() throws Exception {
        Map<String, String> admin = Map.of("Authorization", basic("admin", PW));
        HttpResponse<byte[]> r = bytes("/api/recordings/1/waveform", admin);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(null));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
        assertEquals(Waveforms.WIDTH, img.getWidth());
        assertEquals(Waveforms.HEIGHT, img.getHeight());
        int wave = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            if ((img.getRGB(x, Waveforms.HEIGHT / 4) & 0xffffff) == 0x3a5a99) {
                wave++;
            }
        }
        assertTrue(wave > 100, "speech reaches a quarter of the height in many columns: " + wave);
        List<String> cached;
        try (var l = Files.list(waveformDir)) {
            cached = l.map(p -> p.getFileName().toString()).toList();
        }
        assertEquals(1, cached.size(), "kept on disk: " + cached);
        assertTrue(cached.get(0).startsWith("1-r"), "keyed by recording id and the audio it was drawn from: " + cached);
        Files.writeString(waveformDir.resolve(cached.get(0)), "kept");
        assertEquals("kept", new String(bytes("/api/recordings/1/waveform", admin).body(), StandardCharsets.UTF_8),
                "the second request is served from the disk, not drawn again");
        assertEquals(200, bytes("/api/recordings/2/waveform", admin).statusCode(), "an archived recording");
        assertTrue(Files.exists(waveformDir.resolve("2-a.png")));
        HttpResponse<String> purged = send("GET", "/api/recordings/3/waveform", admin, null);
        assertEquals(404, purged.statusCode());
        assertTrue(purged.body().contains("purged"), purged.body());
        assertEquals(List.of(), accessLog(), "drawing the waveform is not listening");
    }

    @Test
    void traversalAttemptsOnTheRecordingRoutesAreRefused() throws Exception {
        Map<String, String> admin = Map.of("Authorization", basic("admin", PW));
        for (String path : List.of("/api/recordings/..%2f2/audio", "/api/recordings/%2e%2e/waveform",
                "/api/recordings/1/..%2f..%2f..%2fetc%2fpasswd", "/api/recordings/1%00/download",
                "/api/recordings/1/%2e%2e/audio", "/api/recordings/..%5c1/audio", "/api/recordings//1/audio",
                "/api/recordings/1/audio?x=..%2f..%2fetc%2fpasswd")) {
            assertEquals(400, send("GET", path, admin, null).statusCode(), path);
        }
        for (String path : List.of("/api/recordings/-1/audio", "/api/recordings/1e3/waveform", "/api/recordings/abc/download",
                "/api/recordings/0/audio")) {
            assertEquals(400, send("GET", path, admin, null).statusCode(), path);
        }
        // a stored archive path that leads out of the archive folder is never followed
        for (String path : List.of("/api/recordings/4/audio", "/api/recordings/4/download", "/api/recordings/4/waveform")) {
            HttpResponse<String> r = send("GET", path, admin, null);
            assertEquals(404, r.statusCode(), path + ": " + r.body());
            assertFalse(r.body().contains("root:"), r.body());
        }
        assertEquals(List.of(), accessLog());
    }

    @Test
    void ticketListsLedgerAuditAndOverdueAreNarrowedForLimitedQualityStaff() throws Exception {
        Map<String, String> admin = Map.of("Authorization", basic("admin", PW));
        Map<String, String> amy = Map.of("Authorization", basic("amy", PW));
        Map<String, String> quinn = Map.of("Authorization", basic("quinn", PW));
        Map<String, String> bill = Map.of("Authorization", basic("bill", PW));
        assertEquals(List.of("2611-0102", "2611-0101"), ticketNos("/api/tickets", null, admin));
        assertEquals(List.of("2611-0102", "2611-0101"), ticketNos("/api/tickets", null, amy),
                "the front desk works the whole ledger");
        assertEquals(List.of("2611-0101"), ticketNos("/api/tickets", null, quinn), "engineering only");
        assertEquals(List.of("2611-0101"), ticketNos("/api/tickets", null, bill), "building 3栋 only");
        assertEquals(List.of("2611-0101", "2611-0102"), ticketNos("/api/ledger?date=2026-11-23", "/tickets", admin));
        assertEquals(List.of("2611-0101"), ticketNos("/api/ledger?date=2026-11-23", "/tickets", bill));
        assertEquals(1, JSON.readTree(send("GET", "/api/ledger?date=2026-11-23", quinn, null).body())
                .get("ticketCount").asInt(), "the counts are of what they see");
        String csv = send("GET", "/api/ledger/export?from=2026-11-23&to=2026-11-23", bill, null).body();
        assertTrue(csv.contains("2611-0101") && !csv.contains("2611-0102"), csv);
        HttpResponse<String> sign = send("POST", "/api/ledger/2026-11-23/sign-off", with(bill, "Content-Type",
                "application/json"), "{}");
        assertEquals(403, sign.statusCode(), "the sign-off covers the whole desk: " + sign.body());
        assertEquals(List.of("2611-0101", "2611-0102"),
                ticketNos("/api/audit?from=2026-11-23&to=2026-11-23", "/ledgerVsRecordings/phoneTickets", admin));
        JsonNode audit = JSON.readTree(send("GET", "/api/audit?from=2026-11-23&to=2026-11-23", quinn, null).body());
        assertEquals(1, audit.at("/ledgerVsRecordings/phoneTickets").size(), audit.toString());
        assertEquals("2611-0101", audit.at("/ledgerVsRecordings/phoneTickets/0/ticketNo").asText());
        assertTrue(audit.get("narrowed").asBoolean());
        assertEquals(0, audit.at("/ledgerVsRecordings/recordingsWithoutTicket").size());
        assertEquals(List.of("2611-0101", "2611-0102", "9999-0001"), ticketNos("/api/tickets/overdue", null, admin));
        assertEquals(List.of("2611-0101"), ticketNos("/api/tickets/overdue", null, bill),
                "overdue tickets of other buildings and unknown ones are left out");
    }
}
