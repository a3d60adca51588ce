package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The live page in a real headless Chromium, against the real server and PBX: agent 8001 never
 * answers, and once the ring-breach alert is stored (15 s) and while the caller still waits, the
 * browser opens {@code http://admin:PASSWORD@host/live} (Basic credentials in the URL, as a wall board
 * would). The page must show itself connected, the call in a row marked {@code breach} with at least
 * four rings, and the alert naming the caller. Chromium is driven over its DevTools protocol because
 * {@code --dump-dom}'s virtual time does not wait for the WebSocket: the test polls the DOM instead.
 * The DOM and a 1280x800 screenshot are kept in {@code target/it-logs/LivePageIT-*}.
 */
class LivePageIT {

    private static final String CALLER = "13800138041";
    private static final String PASSWORD = "it-admin";

    /** What the test reads from the page once it shows the breach (or when it gives up waiting). */
    private static final String PAGE_FACTS = """
            (() => {
              const conn = document.getElementById('conn');
              const calls = document.getElementById('calls');
              return JSON.stringify({
                conn: conn.className, connText: conn.textContent,
                rows: [...calls.querySelectorAll('tr')].map(tr => ({cls: tr.className,
                    cells: [...tr.cells].map(td => td.textContent)})),
                callsHtml: calls.innerHTML,
                alerts: [...document.querySelectorAll('#alerts li')].map(li => li.textContent)
              });
            })()""";

    @Test
    void theLivePageShowsTheBreachingCallAndItsAlert(TestInfo info) throws Exception {
        Pbx.requireCommand("chromium", "Debian package chromium (deploy/install-packages.sh)");
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), PASSWORD, Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.NO_ANSWER, 0, 1);
            Process caller = pbx.call(CALLER, 25_000, 1_000); // gives up after 25 s of ringing

            JsonNode alerts = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                alerts = server.json("/api/alerts?kind=ring-breach");
                if (alerts.size() > 0) {
                    break;
                }
                Thread.sleep(250);
            }
            assertTrue(alerts != null && alerts.size() > 0, "the server stored a ring-breach alert: " + alerts);
            assertTrue(caller.isAlive(), "the caller still waits when the browser opens the page");

            long t0 = System.nanoTime();
            JsonNode facts;
            try (Browser browser = Browser.open(f.logs)) {
                browser.navigate("http://admin:" + PASSWORD + "@127.0.0.1:" + server.httpPort + "/live");
                facts = browser.awaitFacts(Duration.ofSeconds(15));
                Files.writeString(f.logs.resolve("live-dom.html"), browser.evaluate(
                        "document.documentElement.outerHTML"), StandardCharsets.UTF_8);
                Files.write(f.logs.resolve("live.png"), browser.screenshot());
            }
            System.out.printf("LivePageIT: page live after %d ms (caller still ringing: %s); screenshot %s%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), caller.isAlive(),
                    f.logs.resolve("live.png"));

            assertEquals("up", facts.path("conn").asText(), "the page says it is connected: " + facts);
            JsonNode row = null;
            for (JsonNode r : facts.path("rows")) {
                if (CALLER.equals(r.path("cells").path(0).asText())) {
                    row = r;
                }
            }
            assertTrue(row != null, "the caller is listed in the calls table: " + facts);
            assertTrue(row.path("cls").asText().contains("breach"), "the row is marked breach: " + row);
            int rings = Integer.parseInt(row.path("cells").path(3).asText("0"));
            assertTrue(rings >= 4, "at least four rings shown: " + row);
            assertFalse(facts.path("callsHtml").asText().toLowerCase().contains("<script"),
                    "no markup inside the calls table: " + facts.path("callsHtml"));
            boolean alertListed = false;
            for (JsonNode a : facts.path("alerts")) {
                alertListed |= a.asText().contains(CALLER) && a.asText().contains("3 rings");
            }
            assertTrue(alertListed, "the ring-breach alert naming the caller is listed: " + facts.path("alerts"));

            Pbx.awaitSuccess(caller, "carrier call (abandons after 25 s)", Duration.ofSeconds(60));
            Pbx.awaitSuccess(agent.process(), "agent 8001 (never answers)", Duration.ofSeconds(20));
        }
    }

    /**
     * A headless Chromium with a fresh profile, driven over the DevTools protocol of its one page.
     * Closing kills it and deletes the profile.
     */
    private static final class Browser implements AutoCloseable {
        private final Process process;
        private final Path profile;
        private final Path logDir;
        private WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

        private Browser(Process process, Path profile, Path logDir) {
            this.process = process;
            this.profile = profile;
            this.logDir = logDir;
        }

        static Browser open(Path logDir) throws Exception {
            Path profile = Files.createTempDirectory("live-page-it-chromium");
            Process p = new ProcessBuilder(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--window-size=1280,800", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                    "about:blank"))
                    .redirectErrorStream(true).redirectOutput(logDir.resolve("chromium.log").toFile()).start();
            Browser b = new Browser(p, profile, logDir);
            try {
                b.connect();
                return b;
            } catch (Exception | AssertionError e) {
                b.close();
                throw e;
            }
        }

        private void connect() throws Exception {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.currentTimeMillis() + 20_000;
            while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new AssertionError("chromium did not open its DevTools port within 20 s (alive: "
                            + process.isAlive() + "); see " + logDir.resolve("chromium.log"));
                }
                Thread.sleep(100);
            }
            String port = Files.readAllLines(portFile).get(0).trim();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String pageWs = null;
            while (pageWs == null) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonNode t : ServerProcess.JSON.readTree(r.body())) {
                    if ("page".equals(t.path("type").asText())) {
                        pageWs = t.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageWs == null) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new AssertionError("chromium shows no page target: " + r.body());
                    }
                    Thread.sleep(100);
                }
            }
            socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        try {
                            JsonNode m = ServerProcess.JSON.readTree(partial.toString());
                            CompletableFuture<JsonNode> f = m.has("id") ? pending.remove(m.get("id").asInt()) : null;
                            if (f != null) {
                                f.complete(m);
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                        partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        }

        /** Sends one DevTools command and returns its result; fails on a protocol error or after 10 s. */
        JsonNode send(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            ObjectNode msg = ServerProcess.JSON.createObjectNode().put("id", id).put("method", method);
            msg.set("params", ServerProcess.JSON.valueToTree(params));
            CompletableFuture<JsonNode> f = new CompletableFuture<>();
            pending.put(id, f);
            socket.sendText(msg.toString(), true).get(10, TimeUnit.SECONDS);
            JsonNode answer = f.get(10, TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new AssertionError("DevTools " + method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        }

        void navigate(String url) throws Exception {
            JsonNode r = send("Page.navigate", Map.of("url", url));
            if (r.hasNonNull("errorText")) {
                throw new AssertionError("chromium could not open the live page: " + r);
            }
        }

        String evaluate(String expression) throws Exception {
            JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
            if (r.has("exceptionDetails")) {
                throw new AssertionError("page script failed: " + r.get("exceptionDetails"));
            }
            return r.path("result").path("value").asText();
        }

        /** Polls the page until it is connected and shows a breaching row and an alert; returns the last facts. */
        JsonNode awaitFacts(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            JsonNode facts = null;
            while (System.nanoTime() < deadline) {
                try {
                    facts = ServerProcess.JSON.readTree(evaluate(PAGE_FACTS));
                    boolean breachRow = false;
                    for (JsonNode r : facts.path("rows")) {
                        breachRow |= r.path("cls").asText().contains("breach");
                    }
                    if ("up".equals(facts.path("conn").asText()) && breachRow && facts.path("alerts").size() > 0) {
                        return facts;
                    }
                } catch (AssertionError e) {
                    // the page is still loading (no #conn yet)
                }
                Thread.sleep(250);
            }
            return facts == null ? ServerProcess.JSON.createObjectNode() : facts;
        }

        byte[] screenshot() throws Exception {
            return Base64.getDecoder().decode(send("Page.captureScreenshot", Map.of("format", "png"))
                    .path("data").asText());
        }

        @Override
        public void close() throws Exception {
            if (socket != null) {
                socket.abort();
            }
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            try {
                Fixture.deleteTree(profile);
            } catch (IOException e) {
                // chromium's helpers may still be writing: one more try after they are gone
                Thread.sleep(1000);
                Fixture.deleteTree(profile);
            }
        }
    }
}
