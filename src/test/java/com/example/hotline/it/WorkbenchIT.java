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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The quality staff's workbench in a real headless Chromium driven by Selenium (Debian's chromium and
 * chromedriver): sign in, search calls by a part of the caller's number, open a call's timeline and
 * its ticket, fill its matter, dispatch it and mark the technician arrived, draw the audit sample and pass its order, see
 * the recording page say the recording search is not there yet, open the inspection form (and its
 * print layout), switch the language. The real server jar runs on a real PostgreSQL holding two
 * stored calls; it needs no PBX (its AGI listens on a free port, AMI points at a closed one).
 * Screenshots are kept under {@code target/it-logs/WorkbenchIT-*}.
 */
class WorkbenchIT {

    private static final String PASSWORD = "it-admin-pw";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

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
            Map<String, String> env = Map.of("HOTLINE_DB_URL", db.jdbcUrl(), "HOTLINE_DB_USER", "postgres",
                    "HOTLINE_AGI_PORT", Integer.toString(ServerProcess.freePort()),
                    "HOTLINE_AMI_PORT", Integer.toString(ServerProcess.freePort()));
            try (ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), PASSWORD, env)) {
                String base = "http://127.0.0.1:" + server.httpPort;
                awaitHttp(base);
                agentSeesOnlyTheirCalls(base);
                browse(f, base, ticketNo);
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

    private static void browse(Fixture f, String base, String ticketNo) throws Exception {
        Path profile = Files.createDirectories(f.work.resolve("chromium-profile"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(f.logs.resolve("chromedriver.log").toFile()).build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
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
            shot(driver, f, "07-recordings");

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
