package com.example.hotline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on HTTP (issue 8): the whole server (every route, real handlers, the embedded PostgreSQL
 * with the real migrations) on a loopback port, fed over a raw socket with malformed requests —
 * garbage request lines, invalid methods, huge URIs and headers, many headers, bad Content-Length and
 * chunked encoding, truncated bodies, bytes that are not UTF-8 — then traversal attempts in every path
 * and parameter, SQL/HTML injection in every query parameter and JSON body of the API, and invalid
 * JSON. Every answer must be a 4xx with a JSON {@code error} (a harmless injection may be a 200: it is
 * only a search term), never a 5xx, never a file from outside; only a request the client never
 * finished may be closed without an answer. The server must be healthy afterwards. Seeded, so a
 * failure repeats; prints how many inputs it tried.
 */
class HttpFuzzTest {

    private static final String PASSWORD = "fuzz-admin-pw";
    private static final String AUTH = "Authorization: Basic "
            + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\n";

    @TempDir
    static Path dir;
    private static HotlineServer server;
    private static RawHttp http;

    private final List<String> failures = new ArrayList<>();
    private int tried;

    @BeforeAll
    static void start() throws IOException {
        int httpPort = freePort();
        Files.createDirectories(dir.resolve("spool"));
        server = new HotlineServer(ConfigLoader.load(null, Map.of(
                "HOTLINE_HTTP_PORT", Integer.toString(httpPort),
                "HOTLINE_AGI_PORT", Integer.toString(freePort()),
                "HOTLINE_AMI_PORT", Integer.toString(freePort()), // nothing listens: AMI stays down, retrying
                "HOTLINE_DATA_DIR", dir.resolve("data").toString(),
                "HOTLINE_RECORDINGS_DIR", dir.resolve("spool").toString(),
                "HOTLINE_ADMIN_PASSWORD", PASSWORD)));
        server.start();
        http = new RawHttp(httpPort);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** GET routes, path parameters filled with a plausible value ("{}" marks where a fuzzed one goes). */
    static final List<String> GETS = List.of("/health", "/metrics", "/api/calls", "/api/calls/{}", "/api/alerts",
            "/api/callbacks", "/api/tickets", "/api/tickets/{}", "/api/tickets/overdue", "/api/reports/answer-times",
            "/api/reports/tickets", "/api/reports/continuity", "/api/reports/inspection", "/api/directory",
            "/api/ledger", "/api/ledger/export", "/api/recordings", "/api/recordings/{}/audio", "/api/jobs",
            "/api/routing/hours", "/api/routing/state", "/api/routing/after-hours", "/api/routing/violations",
            "/api/extensions", "/api/extensions/{}", "/api/users", "/api/audit", "/api/departments",
            "/api/technicians", "/api/session", "/live", "/agent", "/routing", "/", "/login", "/assets/{}");
    /** Changing routes with a JSON body (the admin's own password route is left out: it would lock us out). */
    static final List<String> CHANGES = List.of("POST /api/login", "POST /api/callbacks/{}/done",
            "PUT /api/tickets/{}", "POST /api/tickets/{}/split", "POST /api/tickets/{}/dispatch",
            "POST /api/tickets/{}/arrived", "POST /api/tickets/{}/rescheduled", "POST /api/tickets/{}/followup",
            "POST /api/tickets/{}/cancel", "POST /api/tickets/{}/close", "POST /api/tickets/{}/callback",
            "POST /api/ledger/{}/sign-off", "PUT /api/recordings/{}/legal-hold", "PUT /api/routing/hours",
            "POST /api/routing/override", "PUT /api/routing/after-hours", "PUT /api/extensions/{}",
            "POST /api/users", "PUT /api/users/{}", "POST /api/audit/sample", "PUT /api/audit/sample/{}",
            "PUT /api/departments", "POST /api/technicians", "PUT /api/technicians/{}", "POST /api/live/token",
            "POST /api/jobs/archive", "POST /api/jobs/retention", "POST /api/directory/import");
    static final List<String> PARAMS = List.of("from", "to", "caller", "all", "limit", "offset", "extension", "ticket",
            "grade", "kind", "status", "groupBy", "phone", "date", "format", "department", "asOf", "dryRun", "ext",
            "token");
    /** Hostile values, sent URL-encoded (so they reach the handler intact). */
    static final List<String> INJECTIONS = List.of("' OR '1'='1", "'; DROP TABLE calls; --", "1; SELECT pg_sleep(10)",
            "1) UNION SELECT password_hash FROM users --", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/passwd", "${jndi:ldap://127.0.0.1/x}",
            "%00", "\u0000", "-1", "99999999999999999999999", "2026-13-45", "NaN", "张三'--", "\r\nX-Injected: 1",
            "a".repeat(3000));
    /** Values sent raw in the URI: encodings of traversal, NUL and bytes that are not UTF-8. */
    static final List<String> RAW = List.of("..", "%2e%2e", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "%252e%252e%252f",
            "..%2f..%2fetc%2fpasswd", "..%5c..%5c", "%5c..%5c", "%c0%ae%c0%ae%c0%af", "1%00", "%00", "%zz", "%",
            "%ff%fe", "..;", "%u002e%u002e");

    @Test
    void malformedHostileAndInjectedRequestsGetClearFourHundredsAndTheServerStaysHealthy() throws Exception {
        protocolGarbage();
        traversalInPaths();
        parameters();
        jsonBodies();

        RawHttp.Answer health = http.send("GET /health HTTP/1.1\r\nHost: x\r\n" + AUTH + "Connection: close\r\n\r\n");
        assertEquals(200, health.status(), "healthy afterwards: " + health);
        assertTrue(health.body().contains("\"database\":{\"status\":\"up\""), "database still up: " + health.body());
        RawHttp.Answer calls = http.send("GET /api/calls HTTP/1.1\r\nHost: x\r\n" + AUTH + "Connection: close\r\n\r\n");
        assertEquals(200, calls.status(), "the calls table survived every injection: " + calls);
        System.out.printf("HttpFuzzTest: %d malformed, hostile or injected HTTP inputs tried, %d bad answers%n", tried,
                failures.size());
        Map<String, List<String>> byProblem = new java.util.TreeMap<>();
        for (String f : failures) {
            String problem = f.replaceFirst("^.*?: ", "").replaceFirst(" — .*$", "").replaceAll("\\d{3}", "NNN");
            byProblem.computeIfAbsent(problem.length() > 80 ? problem.substring(0, 80) : problem,
                    k -> new ArrayList<>()).add(f);
        }
        StringBuilder report = new StringBuilder();
        byProblem.forEach((problem, list) -> report.append("\n").append(list.size()).append(" × ").append(problem)
                .append(", e.g.\n    ").append(String.join("\n    ", list.subList(0, Math.min(4, list.size())))));
        assertTrue(failures.isEmpty(), failures.size() + " of " + tried + " inputs got a bad answer:" + report);
    }

    /** How an answer is judged. */
    private enum Expect {
        /** A 4xx with a JSON error. */
        REFUSED,
        /** Anything but a 5xx; a 4xx must carry a JSON error (a search for a hostile string may find nothing). */
        NOT_5XX,
        /** The client never finished its request: a 4xx, or the connection closed without an answer. */
        UNFINISHED,
        /** A HEAD request: anything but a 5xx, and no body. */
        NO_BODY
    }

    private void check(String what, byte[] request, Expect expect) {
        tried++;
        RawHttp.Answer a;
        try {
            a = http.send(request, expect == Expect.UNFINISHED);
        } catch (IOException | AssertionError e) {
            failures.add(what + ": " + e);
            return;
        }
        String problem = judge(a, expect);
        if (problem != null) {
            failures.add(what + ": " + problem + " — " + abbreviate(a.head() + " " + a.body()));
        }
    }

    private void check(String what, String request, Expect expect) {
        check(what, request.getBytes(StandardCharsets.ISO_8859_1), expect);
    }

    private static String judge(RawHttp.Answer a, Expect expect) {
        if (a.status() == -1) {
            return expect == Expect.UNFINISHED ? null : "closed without an answer";
        }
        if (a.status() >= 500 || a.status() < 100) {
            return "status " + a.status();
        }
        if (a.body().contains("root:x:0:0")) {
            return "served /etc/passwd";
        }
        String type = a.header("Content-Type");
        if (a.body().contains("<script>alert(1)</script>") && (type == null || type.contains("html"))) {
            return "reflected markup in " + type;
        }
        if (expect == Expect.NO_BODY) {
            return a.body().isEmpty() ? null : "a body in the answer to HEAD";
        }
        if (a.status() >= 400) {
            if (a.status() == 401 || a.status() == 403) {
                return a.body().contains("\"error\"") ? null : "refused without a JSON error";
            }
            return a.body().matches("(?s)\\{\"error\":\"[^\"].*") ? null : "4xx without a clear JSON error";
        }
        if (expect == Expect.REFUSED) {
            return "accepted (status " + a.status() + ")";
        }
        return null;
    }

    private static String abbreviate(String s) {
        String one = s.replace("\r\n", " | ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Connection: close\r\n\r\n";
    }

    private void protocolGarbage() throws IOException {
        String ok = "GET /health HTTP/1.1\r\nHost: x\r\n" + AUTH;
        check("empty lines", "\r\n\r\n\r\n", Expect.UNFINISHED);
        for (String line : List.of("GARBAGE", "GET", "GET /", "GET / XTTP/1.1", "GET /health HTTP/1.1 extra",
                "G\u0000ET /health HTTP/1.1", "GET /he alth HTTP/1.1", "PRI * HTTP/2.0", "GET http://evil.example/ HTTP/1.1",
                "GET * HTTP/1.1", "GET /health HTTP/1.1\u0000")) {
            check("request line '" + line.replace("\u0000", "\\0") + "'", line + "\r\nHost: x\r\n" + AUTH + "\r\n",
                    Expect.REFUSED);
        }
        // tolerated by Netty's decoder as RFC 9112 allows (leading whitespace, tabs, a newer minor version)
        for (String line : List.of("GET / HTTP/9.9", " GET /health HTTP/1.1", "GET\t/health\tHTTP/1.1")) {
            check("request line '" + line + "'", line + "\r\nHost: x\r\n" + AUTH + "Connection: close\r\n\r\n",
                    Expect.NOT_5XX);
        }
        for (String method : List.of("FOO", "get", "GETT", "DELETE", "TRACE", "PATCH", "OPTIONS", "HEAD", "CONNECT",
                "M".repeat(1000), "G(T", "GE\u0001T")) {
            check("method " + abbreviate(method), method + " /api/calls HTTP/1.1\r\nHost: x\r\n" + AUTH
                    + "Connection: close\r\n\r\n", method.equals("HEAD") ? Expect.NO_BODY : Expect.REFUSED);
        }
        check("5 KB URI", get("/api/calls?caller=" + "1".repeat(5000)), Expect.REFUSED);
        check("100 KB URI", get("/" + "a".repeat(100_000)), Expect.REFUSED);
        check("20 KB header", ok + "X-Big: " + "b".repeat(20_000) + "\r\n\r\n", Expect.REFUSED);
        StringBuilder many = new StringBuilder(ok);
        for (int i = 0; i < 3000; i++) {
            many.append("X-H-").append(i).append(": v\r\n");
        }
        check("3000 headers", many + "\r\n", Expect.REFUSED);
        for (String header : List.of("NoColon", ": empty-name", "Bad Name: x", "X-Fold: a\r\n folded", "X-Nul: a\u0000b",
                "X-Ctl: a\u0007b", "Authorization: Basic !!!notbase64", "Authorization: Basic "
                        + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', (byte) 0xfe}),
                "Authorization: Bearer x", "Cookie: hotline_session=" + "%".repeat(200), "Host: \u00ff\u00fe",
                "Range: bytes=999999999999999999999-", "Expect: 100-continue")) {
            check("header " + abbreviate(header), "GET /api/calls HTTP/1.1\r\nHost: x\r\n" + header + "\r\n"
                    + "Connection: close\r\n\r\n", header.startsWith("Authorization") || header.startsWith("Cookie")
                    || header.startsWith("Host") || header.startsWith("Range") || header.startsWith("Expect")
                    ? Expect.NOT_5XX : Expect.REFUSED);
        }
        String post = "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
        for (String cl : List.of("abc", "-5", "1e3", "99999999999999999999", " 12 ", "0x10")) {
            check("Content-Length " + cl, post + "Content-Length: " + cl + "\r\n\r\n{}", Expect.UNFINISHED);
        }
        check("two Content-Lengths", post + "Content-Length: 2\r\nContent-Length: 5\r\n\r\n{}", Expect.REFUSED);
        check("Content-Length and chunked", post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                Expect.NOT_5XX);
        check("30 MB announced", post + "Content-Length: 31457280\r\n\r\n{", Expect.REFUSED);
        check("30 MB announced, 100-continue", post + "Content-Length: 31457280\r\nExpect: 100-continue\r\n\r\n",
                Expect.REFUSED);
        check("truncated body", post + "Content-Length: 100\r\n\r\n{\"username\":", Expect.UNFINISHED);
        String chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
        for (String body : List.of("zz\r\n{}\r\n0\r\n\r\n", "-1\r\n{}\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
                "2\r\n{}XX0\r\n\r\n", "2;ext=\u0000\r\n{}\r\n0\r\n\r\n", "5\r\n{}")) {
            check("chunked " + abbreviate(body), chunked + body, body.equals("5\r\n{}") ? Expect.UNFINISHED : Expect.NOT_5XX);
        }
        for (String te : List.of("chunked, identity", "xchunked", "gzip", "chunked\u0000")) {
            check("Transfer-Encoding " + te, post + "Transfer-Encoding: " + te + "\r\n\r\n0\r\n\r\n", Expect.NOT_5XX);
        }
        check("TLS hello on plain HTTP", new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03,
                0x03}, Expect.UNFINISHED);
        Random random = new Random(8);
        for (int i = 0; i < 60; i++) {
            byte[] junk = new byte[1 + random.nextInt(i < 50 ? 512 : 40_000)];
            random.nextBytes(junk);
            check("random bytes #" + i, junk, Expect.UNFINISHED);
        }
        for (int i = 0; i < 40; i++) {
            byte[] line = ("GET /api/calls?caller=" + i + " HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            for (int k = 0; k < 3; k++) {
                line[random.nextInt(line.length)] = (byte) random.nextInt(256);
            }
            check("damaged request #" + i, line, Expect.UNFINISHED);
        }
        ByteArrayOutputStream nonUtf8 = new ByteArrayOutputStream();
        nonUtf8.writeBytes("GET /api/calls?caller=".getBytes(StandardCharsets.ISO_8859_1));
        nonUtf8.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc0, (byte) 0xaf});
        nonUtf8.writeBytes((" HTTP/1.1\r\nHost: x\r\n" + AUTH + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        check("non-UTF-8 bytes in the query", nonUtf8.toByteArray(), Expect.NOT_5XX);
        byte[] path = get("/api/calls/\u00ff\u00fe").getBytes(StandardCharsets.ISO_8859_1);
        check("non-UTF-8 bytes in the path", path, Expect.REFUSED);
    }

    private void traversalInPaths() {
        List<String> all = new ArrayList<>(GETS);
        CHANGES.forEach(c -> all.add(c.substring(c.indexOf(' ') + 1)));
        for (String route : all) {
            String plain = route.replace("{}", "2");
            for (String evil : List.of("/..", "/%2e%2e", "/%2E%2e/%2e%2E", "/%252e%252e", "/..%2f..%2f..%2fetc%2fpasswd",
                    "/..%5c..%5c", "\\..\\..", "/.", "//", "/%00", "/%2f", "/..;", "/%c0%ae%c0%ae", "/%zz")) {
                check("GET " + plain + evil, get(plain + evil + "/etc/passwd"), Expect.REFUSED);
                check("GET " + evil + plain, get(evil + plain), Expect.REFUSED);
            }
            if (route.contains("{}")) {
                for (String value : RAW) {
                    check("GET " + route + " with " + value, get(route.replace("{}", value)), Expect.REFUSED);
                }
                for (String value : INJECTIONS) {
                    check("GET " + route + " with " + abbreviate(value), get(route.replace("{}", enc(value))),
                            Expect.NOT_5XX);
                }
            }
        }
    }

    /**
     * Every parameter of every GET route gets hostile values: each (route, parameter) pair a quarter of
     * them and each (route, value) pair a quarter of the parameters, in a rotation, so that no pair is
     * left out without sending every combination.
     */
    private void parameters() {
        List<String> values = new ArrayList<>(RAW);
        INJECTIONS.forEach(v -> values.add(enc(v)));
        for (int r = 0; r < GETS.size(); r++) {
            String plain = GETS.get(r).replace("{}", "2");
            for (int p = 0; p < PARAMS.size(); p++) {
                for (int v = 0; v < values.size(); v++) {
                    if ((p + v + r) % 4 != 0) {
                        continue;
                    }
                    String value = values.get(v);
                    String decoded = v < RAW.size() ? value : INJECTIONS.get(v - RAW.size());
                    boolean traversal = decoded.contains("../") || decoded.contains("..\\") || decoded.contains("\u0000")
                            || value.matches("(?i)(\\.\\.|%2e%2e)|.*(%2e%2e%2f|\\.\\.%2f|%00).*");
                    check("GET " + plain + "?" + PARAMS.get(p) + "=" + abbreviate(value),
                            get(plain + "?" + PARAMS.get(p) + "=" + value), traversal ? Expect.REFUSED : Expect.NOT_5XX);
                }
            }
        }
    }

    private void jsonBodies() {
        List<String> fields = List.of("username", "password", "role", "extension", "departments", "buildings", "active",
                "matter", "kind", "severity", "name", "building", "room", "complaintValid", "note", "reason", "to",
                "ownerConsent", "satisfied", "department", "skill", "technicianId", "content", "warranty",
                "chargeConsent", "replace", "hold", "mode", "zone", "weekly", "holidays", "makeUpDays", "targets",
                "ringSeconds", "records", "result", "code", "skills", "out", "outUntil");
        List<String> bodies = new ArrayList<>(List.of("{", "[", "nul", "{\"a\":", "\"just a string\"", "42", "[1,2]",
                "{\"a\":1,}", "{'single':'quotes'}", "{\"a\":NaN}", "[".repeat(5000) + "]".repeat(5000),
                "{\"matter\":\"" + "x".repeat(100_000) + "\"}", "\u00ff\u00fe{}"));
        for (String inj : INJECTIONS) {
            StringBuilder b = new StringBuilder("{");
            for (String f : fields) {
                b.append(b.length() > 1 ? "," : "").append('"').append(f).append("\":\"").append(jsonEscape(inj)).append('"');
            }
            bodies.add(b.append('}').toString());
            bodies.add("{\"matter\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2001));
        }
        for (String change : CHANGES) {
            String method = change.substring(0, change.indexOf(' '));
            String path = change.substring(change.indexOf(' ') + 1).replace("{}",
                    change.contains("/ledger/") ? "2026-11-23" : change.contains("/tickets/") ? "2611-0001" : "2");
            for (String body : bodies) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                String type = path.endsWith("/import") ? "text/csv" : "application/json";
                ByteArrayOutputStream req = new ByteArrayOutputStream();
                req.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Type: " + type
                        + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                req.writeBytes(bytes);
                check(method + " " + path + " body " + abbreviate(body), req.toByteArray(), Expect.NOT_5XX);
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
