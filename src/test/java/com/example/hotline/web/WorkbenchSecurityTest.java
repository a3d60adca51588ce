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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workbench's security over real HTTP (Netty on a free loopback port, users in memory): 401
 * without a sign-in, the session cookie's flags, CSRF on state-changing requests, the sign-in rate
 * limit, refused traversal attempts, and 403 where a role or a user's reach does not allow.
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
}
