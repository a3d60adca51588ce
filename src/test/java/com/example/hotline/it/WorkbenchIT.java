package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.call.CallRecord;
import com.example.hotline.call.ChannelState;
import com.example.hotline.call.LegRecord;
import com.example.hotline.call.PbxEvent;
import com.example.hotline.store.JdbcCallStore;
import com.example.hotline.store.JdbcLifecycleStore;
import com.example.hotline.store.JdbcTicketStore;
import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.Deadlines;
import com.example.hotline.ticket.NewTechnician;
import com.example.hotline.store.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The quality staff's workbench in a real headless Chromium driven by Selenium (Debian's chromium and
 * chromedriver): sign in, search calls by a part of the caller's number, open a call's timeline and
 * its ticket, fill its matter, dispatch it and mark the technician arrived, draw the audit sample and
 * pass its order, search the recordings by part of a caller's number and play the recording of a real
 * call through the real Asterisk (the audio element gets a finite duration, the server's access log
 * has the play with the 206 it answered, the waveform picture is loaded, clicking it seeks, the
 * download arrives under its uniform name and is logged), read the access log page, open the
 * inspection form (and its print layout), switch the language. The real server jar runs on a real
 * PostgreSQL holding two stored calls besides the real one, connected to the local PBX.
 * Screenshots are kept under {@code target/it-logs/WorkbenchIT-*}.
 */
class WorkbenchIT {

    private static final String PASSWORD = "it-admin-pw";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The real call's caller: a number no other test uses. */
    private static final String REAL_CALLER = "13755501234";

    @Test
    void qualityStaffSearchCallsOpenATimelineAndTheInspectionForm(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        assertTrue(Files.isExecutable(CHROMIUM), "prerequisite missing: " + CHROMIUM
                + " (Debian package chromium, deploy/install-packages.sh)");
        assertTrue(Files.isExecutable(CHROMEDRIVER), "prerequisite missing: " + CHROMEDRIVER
                + " (Debian package chromium-driver, deploy/install-packages.sh)");
        try (TestDatabase db = TestDatabase.start()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            JdbcCallStore calls = new JdbcCallStore(db.dataSource());
            storeCall(calls, "1001.1", "13800138000", "8001", now.minusSeconds(600), 6_000);
            storeCall(calls, "1002.1", "13911112222", "8002", now.minusSeconds(300), 17_000);
            // the first call's ticket, and a department with a technician to dispatch it to
            JdbcLifecycleStore life = new JdbcLifecycleStore(db.dataSource(), Deadlines.DEFAULTS);
            life.putDepartment("eng", "Engineering");
            life.addTechnician(new NewTechnician("Zhang", "eng", List.of("plumbing"), null, null, null));
            String ticketNo = new JdbcTicketStore(db.dataSource(), Deadlines.DEFAULTS).openForCall(new Arrival("1001.1",
                    now.minusSeconds(600), "13800138000", "13800138000", CallerIdStatus.IDENTIFIED, "Wang", "3", "301"),
                    Duration.ofMinutes(1), ZoneId.systemDefault()).ticket().ticketNo();
            Map<String, String> env = Map.of("HOTLINE_DB_URL", db.jdbcUrl(), "HOTLINE_DB_USER", "postgres");
            try (Pbx pbx = new Pbx(f.logs);
                 ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), PASSWORD, env)) {
                String base = "http://127.0.0.1:" + server.httpPort;
                awaitHttp(base);
                server.awaitAmiUp(Duration.ofSeconds(60));
                agentSeesOnlyTheirCalls(base);
                // a real call through the real PBX, answered at 8002 (not amy's 8001), recorded by MixMonitor
                Pbx.Phone agent = pbx.agent("8002", Pbx.Agent.ANSWER, 2000, 1);
                Process caller = pbx.call(REAL_CALLER, 30_000, 6_000);
                Pbx.awaitSuccess(caller, "carrier call " + REAL_CALLER, Duration.ofSeconds(60));
                Pbx.awaitSuccess(agent.process(), "agent 8002", Duration.ofSeconds(30));
                RecordingArchiveIT.awaitIndexed(server, REAL_CALLER);
                JsonNode rec = RecordingArchiveIT.recording(server, REAL_CALLER);
                RecordingArchiveIT.awaitStable(Pbx.hostPath("/var/spool/asterisk/monitor/" + rec.path("rawFile").asText()));
                long recordingId = rec.path("id").asLong();
                agentIsRefusedAnotherAgentsRecording(base, recordingId);
                browse(f, base, ticketNo, server, rec);
            }
        }
    }

    private static void storeCall(JdbcCallStore store, String linkedId, String caller, String agent, Instant start,
                                  long ringMillis) {
        Instant ring = start.plusMillis(300);
        Instant answer = ring.plusMillis(ringMillis);
        Instant end = answer.plusSeconds(40);
        String callerChannel = "PJSIP/carrier-0000" + linkedId.charAt(3);
        String agentChannel = "PJSIP/" + agent + "-0000" + linkedId.charAt(3);
        String agentLeg = linkedId.replace(".1", ".2");
        List<LegRecord> legs = List.of(
                new LegRecord(linkedId, callerChannel, "carrier", LegRecord.Role.CALLER, start, null, answer, end,
                        null, 16),
                new LegRecord(agentLeg, agentChannel, agent, LegRecord.Role.DIALED, ring, ring, answer, end,
                        "ANSWER", 16));
        int rings = (int) (ringMillis / 5000) + 1;
        CallRecord call = new CallRecord(linkedId, linkedId, caller, null, true, start, ring, answer, end, true, agent,
                ringMillis, rings, rings <= 3, 16, "Normal Clearing", "ringall", List.of("8001", "8002"),
                "hotline-" + linkedId + ".wav", false, legs);
        List<PbxEvent> events = List.of(
                new PbxEvent.ChannelCreated(start, linkedId, linkedId, callerChannel, caller, null, "from-carrier", "400",
                        ChannelState.RING),
                new PbxEvent.HotlineEntered(start.plusMillis(100), linkedId, linkedId, caller, null,
                        List.of("8001", "8002"), "hotline-" + linkedId + ".wav"),
                new PbxEvent.DialBegan(ring, linkedId, linkedId, agentLeg, agentChannel),
                new PbxEvent.ChannelStateChanged(ring, linkedId, agentLeg, agentChannel, ChannelState.RINGING),
                new PbxEvent.ChannelStateChanged(answer, linkedId, agentLeg, agentChannel, ChannelState.UP),
                new PbxEvent.ChannelHungUp(end, linkedId, linkedId, callerChannel, 16, "Normal Clearing"));
        store.save(call, events);
    }

    private static void awaitHttp(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the server did not answer HTTP within 60 s at " + base);
    }

    /** An agent linked to 8001 sees 8001's call and is refused 8002's. */
    private static void agentSeesOnlyTheirCalls(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String amy = "Basic " + Base64.getEncoder().encodeToString("amy:amy-password".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"amy\",\"password\":\"amy-password\",\"role\":\"agent\",\"extension\":\"8001\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, made.statusCode(), made.body());
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls"))
                .header("Authorization", amy).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode mine = ServerProcess.JSON.readTree(list.body());
        assertEquals(1, mine.size(), "the agent sees only 8001's call: " + list.body());
        assertEquals("8001", mine.get(0).get("answeredBy").asText());
        long other = mine.get(0).get("id").asLong() + 1;
        int status = http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls/" + other))
                .header("Authorization", amy).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertEquals(403, status, "another agent's call is refused");
    }

    /** amy (8001) may not list, play, draw or download 8002's recording; nothing of it is logged. */
    private static void agentIsRefusedAnotherAgentsRecording(String base, long recordingId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String amy = "Basic " + Base64.getEncoder().encodeToString("amy:amy-password".getBytes(StandardCharsets.UTF_8));
        for (String what : List.of("", "/audio", "/waveform", "/download")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/recordings/" + recordingId
                    + what)).header("Authorization", amy).header("Range", "bytes=0-").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), "8002's recording" + what + " refused to the agent of 8001: " + r.body());
        }
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/recordings?caller="
                + REAL_CALLER)).header("Authorization", amy).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("[]", list.body(), "nor does the agent's search find it");
        assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(base + "/api/recordings/access"))
                .header("Authorization", amy).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    /** The access log's entries for one recording, newest first, as the admin reads them. */
    private static JsonNode accessLog(ServerProcess server, long recordingId) throws Exception {
        return server.json("/api/recordings/access?recordingId=" + recordingId);
    }

    /** Runs JavaScript in the page that calls back with its result (the last argument is the callback). */
    private static Object script(WebDriver driver, String js) {
        return ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];" + js);
    }

    /**
     * Plays the real call's recording from the search results: its audio element must get a finite
     * duration and play, the server must have logged the play with the 206 it answered, the waveform
     * must be loaded and clicking it must seek; the download must arrive under the uniform name.
     */
    private static void playRecording(WebDriver driver, WebDriverWait wait, Fixture f, ServerProcess server,
                                      JsonNode rec, Path downloads) throws Exception {
        long id = rec.path("id").asLong();
        assertEquals(0, accessLog(server, id).size(), "nothing logged before anyone plays it");
        WebElement callerField = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#rec-search input[name=caller]")));
        callerField.sendKeys(REAL_CALLER.substring(3, 9));
        driver.findElement(By.cssSelector("#rec-search button.primary")).click();
        wait.until(ExpectedConditions.urlContains("caller=" + REAL_CALLER.substring(3, 9)));
        wait.until(d -> d.findElements(By.cssSelector("tr.rec-row")).size() == 1);
        assertEquals(REAL_CALLER, driver.findElement(By.cssSelector("tr.rec-row td.caller")).getText(),
                "the search by part of the caller's number found the real call's recording");
        assertTrue(driver.findElement(By.id("player")).getAttribute("hidden") != null, "no player before Play");
        driver.findElement(By.cssSelector("tr.rec-row button.play")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("player")));

        Object duration = script(driver, "const a = document.getElementById('player-audio');"
                + "const check = () => { if (isFinite(a.duration) && a.duration > 0) done(a.duration); };"
                + "a.addEventListener('loadedmetadata', check); a.addEventListener('durationchange', check); check();"
                + "setTimeout(() => done('no duration: ' + a.duration + ', error ' + (a.error && a.error.code)), 20000);");
        assertTrue(duration instanceof Number, "the audio element got a duration: " + duration);
        double seconds = ((Number) duration).doubleValue();
        assertTrue(seconds > 3 && seconds < 15, "about the 6 s the caller talked: " + seconds);
        Object playing = script(driver, "const a = document.getElementById('player-audio');"
                + "const check = () => { if (!a.paused && a.currentTime > 0.2) done(a.currentTime); };"
                + "a.addEventListener('timeupdate', check); check();"
                + "setTimeout(() => done('not playing: paused ' + a.paused + ', at ' + a.currentTime), 20000);");
        assertTrue(playing instanceof Number, "the recording plays: " + playing);

        // the server's own record of that playback: one play, answered 206 to the player's Range request
        JsonNode log = accessLog(server, id);
        assertEquals(1, log.size(), "one play logged, however many Range requests: " + log);
        JsonNode play = log.get(0);
        assertEquals("play", play.path("action").asText());
        assertEquals("admin", play.path("username").asText());
        assertEquals(206, play.path("status").asInt(), "the server answered the browser's request with 206: " + play);
        assertTrue(play.path("range").asText().startsWith("bytes=0-"), "the player's first Range: " + play);
        assertEquals("127.0.0.1", play.path("client").asText());
        assertFalse(play.path("sessionTag").asText().isEmpty(), "the browser's session, not Basic: " + play);

        Object waveWidth = script(driver, "const img = document.getElementById('player-wave');"
                + "const check = () => { if (img.complete && img.naturalWidth > 0) done(img.naturalWidth); };"
                + "img.addEventListener('load', check); check();"
                + "setTimeout(() => done('waveform not loaded: ' + img.src), 30000);");
        assertTrue(waveWidth instanceof Number && ((Number) waveWidth).intValue() > 0,
                "the waveform picture is loaded: " + waveWidth);
        // clicking three quarters into the waveform seeks the player there
        WebElement wave = driver.findElement(By.id("player-wave"));
        new Actions(driver).moveToElement(wave, wave.getSize().getWidth() / 4, 0).click().perform();
        Object at = script(driver, "const a = document.getElementById('player-audio');"
                + "const check = () => { if (a.currentTime >= a.duration * 0.7) done(a.currentTime); };"
                + "a.addEventListener('seeked', check); a.addEventListener('timeupdate', check); check();"
                + "setTimeout(() => done('not sought: ' + a.currentTime + ' of ' + a.duration), 10000);");
        assertTrue(at instanceof Number, "the click on the waveform sought the player: " + at);
        shot(driver, f, "07-recording-playing");
        assertEquals(1, accessLog(server, id).size(), "seeking is the same play");

        driver.findElement(By.id("player-download")).click();
        String name = rec.path("name").isTextual() ? rec.path("name").asText() : null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Path> got = List.of();
        while (System.nanoTime() < deadline) {
            try (var s = Files.list(downloads)) {
                got = s.filter(p -> !p.getFileName().toString().endsWith(".crdownload")).toList();
            }
            if (!got.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(1, got.size(), "the download arrived: " + got);
        String file = got.get(0).getFileName().toString();
        assertTrue(file.matches("[0-9]{8}-[0-9]{6}_" + REAL_CALLER + "_8002_[0-9]{4}-[0-9]+_[0-9.]+\\.wav"),
                "saved under the uniform name: " + file + (name == null ? "" : " (index name " + name + ")"));
        Path raw = Pbx.hostPath("/var/spool/asterisk/monitor/" + rec.path("rawFile").asText());
        assertEquals(Files.size(raw), Files.size(got.get(0)), "the whole recording");
        JsonNode after = accessLog(server, id);
        assertEquals(2, after.size(), "the download is logged too: " + after);
        assertEquals("download", after.get(0).path("action").asText());
        assertEquals(200, after.get(0).path("status").asInt());
    }

    private static void browse(Fixture f, String base, String ticketNo, ServerProcess server, JsonNode rec)
            throws Exception {
        Path profile = Files.createDirectories(f.work.resolve("chromium-profile"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1366,900", "--user-data-dir=" + profile);
        Path downloads = Files.createDirectories(f.work.resolve("downloads"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(f.logs.resolve("chromedriver.log").toFile()).build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            ((ChromeDriver) driver).executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                    "downloadPath", downloads.toString()));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(40));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(base + "/");
            wait.until(ExpectedConditions.urlContains("/login"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            shot(driver, f, "01-login");
            driver.findElement(By.id("username")).sendKeys("admin");
            driver.findElement(By.id("password")).sendKeys(PASSWORD);
            driver.findElement(By.id("submit")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kpi-calls")));
            shot(driver, f, "02-dashboard");

            driver.findElement(By.id("nav-calls")).click();
            WebElement caller = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-caller")));
            caller.sendKeys("3800138");
            driver.findElement(By.id("search")).click();
            wait.until(ExpectedConditions.urlContains("caller=3800138"));
            wait.until(d -> d.findElements(By.cssSelector("tr.call-row")).size() == 1);
            List<WebElement> rows = driver.findElements(By.cssSelector("tr.call-row td.caller"));
            assertEquals("13800138000", rows.get(0).getText(), "the search by part of the number found the call");
            shot(driver, f, "03-calls");

            driver.findElement(By.cssSelector("a.open-call")).click();
            WebElement timeline = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
            wait.until(d -> d.findElements(By.cssSelector("tr.event")).size() == 6);
            String text = timeline.getText();
            assertTrue(text.contains("13800138000") && text.contains("8001") && text.contains("6"),
                    "the timeline shows caller, agent and ring time: " + text);
            List<WebElement> events = driver.findElements(By.cssSelector("tr.event td:nth-child(3)"));
            assertEquals(List.of("ChannelCreated", "HotlineEntered", "DialBegan", "ChannelStateChanged",
                    "ChannelStateChanged", "ChannelHungUp"), events.stream().map(WebElement::getText).toList(),
                    "the event log in time order");
            shot(driver, f, "04-timeline");

            assertTrue(text.contains(ticketNo), "the timeline names the call's ticket");
            driver.findElement(By.linkText(ticketNo)).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ticket")));
            driver.findElement(By.cssSelector("#fill-form input[name=matter]")).sendKeys("kitchen pipe leaks");
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("#fill-form select[name=kind]")))
                    .selectByValue("repair");
            driver.findElement(By.cssSelector("#fill-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket"), "kitchen pipe leaks"));
            driver.findElement(By.cssSelector("#dispatch-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket"), "dispatched"));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("act-arrived"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket"), "arrived"));
            assertTrue(driver.findElement(By.tagName("main")).getText().contains("Zhang"), "dispatched to Zhang");
            shot(driver, f, "05-ticket");

            LocalDate day = LocalDate.now(ZoneId.systemDefault());
            driver.get(base + "/#/audit?from=" + day.minusDays(1) + "&to=" + day);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("draw-sample"))).click();
            wait.until(d -> d.findElements(By.cssSelector("#sample tbody tr")).size() == 1);
            driver.findElement(By.cssSelector("#sample tbody tr button.act")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#sample tbody tr .badge.pass")).isEmpty());
            shot(driver, f, "06-audit");

            driver.get(base + "/#/recordings");
            // the recording index exists: the page shows the search, never the "not available" message
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rec-search")));
            assertTrue(driver.findElements(By.id("rec-unavailable")).isEmpty(), "the recordings API answers");
            playRecording(driver, wait, f, server, rec, downloads);

            // the real call's timeline lists its recording with a play button
            driver.get(base + "/#/call/" + rec.path("callId").asLong());
            wait.until(d -> d.findElements(By.cssSelector("#call-recordings tr.rec-row button.play")).size() == 1);
            // the access log page: the play and the download, newest first
            driver.get(base + "/#/access?recordingId=" + rec.path("id").asLong());
            wait.until(d -> d.findElements(By.cssSelector("tr.access-row")).size() == 2);
            List<String> actions = driver.findElements(By.cssSelector("tr.access-row td.status")).stream()
                    .map(WebElement::getText).toList();
            assertTrue(actions.get(1).startsWith("206 bytes=0-"), "the play row shows the 206: " + actions);
            shot(driver, f, "07b-access-log");

            LocalDate today = LocalDate.now(ZoneId.systemDefault());
            driver.get(base + "/#/inspection?from=" + today.minusDays(6) + "&to=" + today);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inspection-form")));
            assertEquals(13, driver.findElements(By.cssSelector("tr.item")).size(), "C1..C13");
            assertEquals("fail", badge(driver, "C1"), "a call rang past three rings in the period");
            assertEquals("unknown", badge(driver, "C12"), "sample passed, recordings not indexed: unknown");
            assertEquals("unknown", badge(driver, "C6"), "no archive yet: unknown, not pass");
            assertEquals("unknown", badge(driver, "C13"), "no grades yet: unknown, not pass");
            shot(driver, f, "08-inspection");
            ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertFalse(driver.findElement(By.tagName("header")).isDisplayed(), "the print layout hides the navigation");
            shot(driver, f, "09-inspection-print");
            ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

            String before = driver.findElement(By.id("nav-calls")).getText();
            driver.findElement(By.id("lang")).click();
            wait.until(d -> !d.findElement(By.id("nav-calls")).getText().equals(before));
            String after = driver.findElement(By.id("nav-calls")).getText();
            driver.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-calls")));
            wait.until(d -> d.findElement(By.id("nav-calls")).getText().equals(after));
            shot(driver, f, "10-language-switched");
        } catch (RuntimeException | AssertionError e) {
            shot(driver, f, "failure");
            Files.writeString(f.logs.resolve("failure-dom.html"), driver.getPageSource(), StandardCharsets.UTF_8);
            throw e;
        } finally {
            driver.quit();
        }
    }

    private static String badge(WebDriver driver, String item) {
        String cls = driver.findElement(By.cssSelector("#item-" + item + " .badge")).getAttribute("class");
        return cls.replace("badge", "").trim();
    }

    private static void shot(WebDriver driver, Fixture f, String name) throws java.io.IOException {
        Files.write(f.logs.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
