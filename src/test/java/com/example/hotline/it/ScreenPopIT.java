package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The agent's screen pop in a real headless Chromium, on the real server and PBX: agent 8001 has its
 * page open ({@code /agent?ext=8001}); a resident from the directory calls; while 8001's phone still
 * rings the page shows the resident's name and room and the call's ticket; the agent types the
 * matter and saves; the phone answers; the ticket in {@code /api/tickets} has the matter, the kind,
 * and 8001 as recorder. DOM and screenshots are kept in {@code target/it-logs/ScreenPopIT-*}.
 */
class ScreenPopIT {

    private static final String CALLER = "13800138201";
    private static final String PASSWORD = "it-admin";
    private static final String MATTER = "厨房水管漏水 <b>kitchen pipe leaking</b>";

    private static final String FACTS = """
            (() => JSON.stringify({
              conn: document.getElementById('conn').className,
              state: document.getElementById('state').className,
              name: document.getElementById('name').textContent,
              where: document.getElementById('where').textContent,
              phone: document.getElementById('phone').textContent,
              ticketNo: document.getElementById('ticketNo').textContent,
              saved: document.getElementById('saved').textContent
            }))()""";

    @Test
    void theAgentSeesTheCallerWhileThePhoneRingsAndSavesTheMatter(TestInfo info) throws Exception {
        Pbx.requireCommand("chromium", "Debian package chromium (deploy/install-packages.sh)");
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), PASSWORD,
                     Map.of("HOTLINE_TIME_ZONE", "Asia/Shanghai"));
             Browser browser = Browser.open(f.logs)) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            HttpResponse<String> imported = server.post("/api/directory/import", "text/csv; charset=utf-8",
                    "phone,name,building,room\n" + CALLER + ",陈小红,7栋,2301\n");
            assertEquals(200, imported.statusCode(), "directory import: " + imported.body());

            browser.navigate("http://admin:" + PASSWORD + "@127.0.0.1:" + server.httpPort + "/agent?ext=8001");
            JsonNode signedIn = browser.awaitFacts(FACTS, x -> "up".equals(x.path("conn").asText()),
                    Duration.ofSeconds(15));
            assertEquals("up", signedIn.path("conn").asText(), "the page is signed in: " + signedIn);

            Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, 8000, 1);
            Process call = pbx.call(CALLER, 30_000, 2_000);
            long t0 = System.nanoTime();
            JsonNode ringing = browser.awaitFacts(FACTS, x -> "ringing".equals(x.path("state").asText())
                    && !x.path("ticketNo").asText().isEmpty(), Duration.ofSeconds(8));
            long shownAfter = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            Files.write(f.logs.resolve("agent-ringing.png"), browser.screenshot());
            assertEquals("ringing", ringing.path("state").asText(), "shown while the phone rings: " + ringing);
            assertEquals("陈小红", ringing.path("name").asText(), "the resident's name: " + ringing);
            assertTrue(ringing.path("where").asText().contains("2301"), "the room: " + ringing);
            assertEquals(CALLER, ringing.path("phone").asText(), "the number");
            String ticketNo = ringing.path("ticketNo").asText();

            browser.evaluate("document.getElementById('matter').value = " + ServerProcess.JSON.writeValueAsString(MATTER)
                    + "; document.getElementById('kind').value = 'repair';"
                    + " document.getElementById('severity').value = 'important';"
                    + " document.getElementById('save').click(); 'ok'");
            JsonNode saved = browser.awaitFacts(FACTS, x -> x.path("saved").asText().contains("saved"),
                    Duration.ofSeconds(10));
            assertTrue(saved.path("saved").asText().contains("saved"), "the page says saved: " + saved);

            Pbx.awaitSuccess(call, "caller", Duration.ofSeconds(60));
            Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));
            JsonNode ticket = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                ticket = server.json("/api/tickets?phone=" + CALLER).path(0);
                if ("8001".equals(ticket.path("recorder").asText())) {
                    break;
                }
                Thread.sleep(200);
            }
            Files.writeString(f.logs.resolve("agent-dom.html"), browser.evaluate("document.documentElement.outerHTML"),
                    StandardCharsets.UTF_8);
            Files.write(f.logs.resolve("agent-after.png"), browser.screenshot());
            System.out.printf("ScreenPopIT: caller shown %d ms after the call was placed, while ringing; ticket %s%n",
                    shownAfter, ticketNo);
            assertEquals(ticketNo, ticket.path("ticketNo").asText(), "the same ticket: " + ticket);
            assertEquals(MATTER, ticket.path("matter").asText(), "the matter as typed (markup kept as text)");
            assertEquals("repair", ticket.path("kind").asText(), "kind");
            assertEquals("important", ticket.path("severity").asText(), "severity");
            assertEquals("8001", ticket.path("recorder").asText(), "the answering agent is the recorder: " + ticket);
            String dom = Files.readString(f.logs.resolve("agent-dom.html"), StandardCharsets.UTF_8);
            assertTrue(!dom.contains("<b>kitchen"), "the matter is never rendered as markup");
        }
    }
}
