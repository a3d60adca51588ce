package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    /** The page is connected and shows a breaching row and an alert. */
    private static boolean showsTheBreach(JsonNode facts) {
        boolean breachRow = false;
        for (JsonNode r : facts.path("rows")) {
            breachRow |= r.path("cls").asText().contains("breach");
        }
        return "up".equals(facts.path("conn").asText()) && breachRow && facts.path("alerts").size() > 0;
    }

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
                facts = browser.awaitFacts(PAGE_FACTS, LivePageIT::showsTheBreach, Duration.ofSeconds(15));
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
}
