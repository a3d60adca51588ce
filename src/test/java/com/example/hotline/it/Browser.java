package com.example.hotline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
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

/**
 * A headless Chromium with a fresh profile, driven over the DevTools protocol of its one page.
 * Closing kills it and deletes the profile.
 */
final class Browser implements AutoCloseable {
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
        Path profile = Files.createTempDirectory("hotline-it-chromium");
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
            throw new AssertionError("chromium could not open " + url + ": " + r);
        }
    }

    String evaluate(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("page script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value").asText();
    }

    /**
     * Polls the page with {@code expression} (a script returning a JSON string) until {@code ready}
     * holds for its result; returns the last result either way (empty while the page was loading).
     */
    JsonNode awaitFacts(String expression, java.util.function.Predicate<JsonNode> ready, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode facts = null;
        while (System.nanoTime() < deadline) {
            try {
                facts = ServerProcess.JSON.readTree(evaluate(expression));
                if (ready.test(facts)) {
                    return facts;
                }
            } catch (AssertionError e) {
                // the page is still loading (its elements are not there yet)
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
