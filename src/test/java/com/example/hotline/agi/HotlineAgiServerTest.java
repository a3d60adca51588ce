package com.example.hotline.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallTracker;
import com.example.hotline.call.InMemoryCallStore;
import com.example.hotline.call.RingRule;
import com.example.hotline.config.ConfigLoader;
import com.example.hotline.config.HotlineConfig;
import com.example.hotline.routing.FrontDeskRouter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.PhoneNumbers;
import com.example.hotline.store.JdbcTicketStore;
import com.example.hotline.store.TestDatabase;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketDesk;
import java.time.ZoneId;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The FastAGI server at its protocol boundary: this test plays Asterisk's side of an AGI session
 * (request headers, then "200 result=…" answers to each command) against the real asterisk-java
 * server and the hotline script.
 */
class HotlineAgiServerTest {

    private final InMemoryCallStore store = new InMemoryCallStore();
    private final CallEventQueue queue = new CallEventQueue(
            new CallTracker(RingRule.china(), store, "from-carrier", "400"), 100, Duration.ofSeconds(1));
    private HotlineAgiServer server;
    private static TestDatabase db;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    /** A directory that knows nobody: these tests are about the AGI exchange, not the lookup. */
    private static final Directory NOBODY = new Directory() {
        @Override
        public Optional<DirectoryEntry> lookup(String callerId) {
            return Optional.empty();
        }

        @Override
        public List<DirectoryEntry> household(String building, String room) {
            return List.of();
        }
    };

    private static TicketDesk desk(DataSource dataSource) {
        return new TicketDesk(new JdbcTicketStore(dataSource), NOBODY, new PhoneNumbers(""), Duration.ofHours(24),
                ZoneId.of("Asia/Shanghai"), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        queue.close();
    }

    private int start(String allow) throws IOException {
        db.clear();
        return start(allow, desk(db.dataSource()));
    }

    private int start(String allow, TicketDesk desk) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HotlineConfig cfg = ConfigLoader.load(null, Map.of("HOTLINE_AGI_PORT", Integer.toString(port),
                "HOTLINE_AGI_ALLOW", allow));
        FrontDeskRouter router = new FrontDeskRouter(List.of("8001", "8002"), "8005",
                FrontDeskRouter.Strategy.RING_ALL, Duration.ofSeconds(11), Duration.ofSeconds(4), Duration.ofSeconds(45));
        server = new HotlineAgiServer(cfg.agi(), Map.of("hotline", new HotlineScript(router,
                com.example.hotline.routing.InMemoryRoutingStore.alwaysOpen(), d -> { }, desk, queue,
                Clock.systemUTC())), Clock.systemUTC());
        server.start();
        assertTrue(server.listening(), "listening after start");
        return port;
    }

    /** Sends the request of a call entering the hotline; answers every command; returns the commands. */
    private static List<String> session(int port, String script) throws IOException {
        List<String> commands = new ArrayList<>();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("agi_network: yes\nagi_network_script: " + script + "\nagi_request: agi://127.0.0.1:" + port
                    + "/" + script + "\nagi_channel: PJSIP/carrier-00000000\nagi_language: en\nagi_type: PJSIP\n"
                    + "agi_uniqueid: 1795434013.0\nagi_version: 22.10.1\nagi_callerid: 13800138000\n"
                    + "agi_calleridname: 13800138000\nagi_context: hotline\nagi_extension: s\nagi_priority: 3\n"
                    + "agi_enhanced: 0.0\nagi_accountcode: \nagi_threadid: 1\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String reply;
                if (line.startsWith("GET FULL VARIABLE") && line.contains("CHANNEL(linkedid)")) {
                    // one question, as Asterisk answers it: the values comma-separated in their order
                    assertTrue(line.contains("${CHANNEL(linkedid)},${DEVICE_STATE(PJSIP/8001)},"
                            + "${DEVICE_STATE(PJSIP/8002)},${DEVICE_STATE(PJSIP/8005)},${MIXMONITOR_FILENAME}"),
                            "linkedid, all states and the recording asked at once: " + line);
                    reply = "200 result=1 (1795434013.0,NOT_INUSE,INUSE,NOT_INUSE,"
                            + "/var/spool/asterisk/monitor/hotline/20261123T114013Z-1795434013.0.wav)";
                } else {
                    reply = "200 result=1";
                }
                out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (java.net.SocketTimeoutException e) {
            // the server stopped talking without closing: treat as the end of the session
        }
        return commands;
    }

    /**
     * The channel variables a session set, {@code NAME=value} in the order the PBX sets them: from
     * {@code SET VARIABLE "N" "V"} and from {@code EXEC "MSet" "N=V,N=V"}.
     */
    private static List<String> variables(List<String> commands) {
        List<String> out = new ArrayList<>();
        java.util.regex.Pattern set = java.util.regex.Pattern.compile("SET VARIABLE \"([^\"]*)\" \"(.*)\"");
        java.util.regex.Pattern mset = java.util.regex.Pattern.compile("EXEC \"?MSet\"? \"(.*)\"");
        for (String c : commands) {
            java.util.regex.Matcher m = set.matcher(c);
            if (m.matches() && !m.group(1).startsWith("AJ_")) { // asterisk-java's own status, after the script
                out.add(m.group(1) + "=" + m.group(2));
            }
            m = mset.matcher(c);
            if (m.matches()) {
                out.addAll(List.of(m.group(1).split(",")));
            }
        }
        return out;
    }

    @Test
    void theHotlineScriptTellsTheDialplanWhereToRingAndRecordsTheEntry() throws Exception {
        int port = start("127.0.0.1");
        List<String> commands = session(port, "hotline");
        List<String> set = variables(commands);
        assertTrue(set.contains("HOTLINE_DIAL_1=PJSIP/8001&Local/s@hotline-escalate/n"),
                "free agents (8002 is busy) plus the escalation channel: " + commands);
        assertTrue(set.contains("HOTLINE_TIMEOUT_1=45.000"), "ring timeout: " + commands);
        assertTrue(set.contains("__HOTLINE_ESC_DIAL=PJSIP/8005"), "supervisor: " + commands);
        assertTrue(set.contains("__HOTLINE_ESC_AFTER=11.000"), "after 11 s: " + commands);
        assertEquals("HOTLINE_STAGES=1", set.get(set.size() - 1),
                "HOTLINE_STAGES is set last, so a half-answered request takes the fail-safe path: " + commands);
        assertEquals(2, commands.stream().filter(c -> !c.contains("AJ_AGISTATUS")).count(),
                "one question and one MSet, nothing else asked of the PBX: " + commands);
        queue.drain(Duration.ofSeconds(5));
        CallRecord call = store.find("1795434013.0").orElseThrow(() -> new AssertionError("entry not recorded"));
        assertEquals(List.of("8001", "8005"), call.routedTo(), "who may be reached");
        assertEquals("agi", call.route(), "routed by the server");
        assertTrue(call.recordingFile().endsWith("1795434013.0.wav"), "recording file noted");
        assertEquals(1, server.status().requests(), "one request counted");
        Ticket ticket = new JdbcTicketStore(db.dataSource()).byCall("1795434013.0")
                .orElseThrow(() -> new AssertionError("no ticket for the call"));
        assertEquals("13800138000", ticket.phone(), "caller ID on the ticket");
        assertEquals("__HOTLINE_TICKET=" + ticket.ticketNo(), set.get(0),
                "the ticket number is on the channel before it rings: " + commands);
    }

    @Test
    void aValueMSetWouldSplitOrUnquoteIsSetAloneAndTheRestTogetherInOrder() throws Exception {
        List<String> calls = new ArrayList<>();
        org.asteriskjava.fastagi.AgiChannel channel = (org.asteriskjava.fastagi.AgiChannel)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.asteriskjava.fastagi.AgiChannel.class}, (proxy, method, args) -> {
                            calls.add(method.getName() + " " + java.util.Arrays.deepToString(args));
                            return method.getReturnType() == int.class ? 0 : null;
                        });
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        vars.put("__HOTLINE_TICKET", "2612-0001");
        vars.put("NOTE", "a,b");
        vars.put("QUOTED", "say \"hi\"");
        vars.put("HOTLINE_STAGES", "1");
        HotlineScript.setAll(channel, vars);
        assertEquals(List.of("setVariable [NOTE, a,b]", "setVariable [QUOTED, say \"hi\"]",
                "exec [MSet, [__HOTLINE_TICKET=2612-0001,HOTLINE_STAGES=1]]"), calls);
    }

    @Test
    void aDatabaseThatIsDownNeitherHoldsNorLosesTheCall() throws Exception {
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setURL("jdbc:postgresql://127.0.0.1:1/hotline?connectTimeout=2");
        TicketDesk desk = desk(down);
        int port = start("127.0.0.1", desk);
        List<String> commands = session(port, "hotline");
        assertTrue(variables(commands).contains("HOTLINE_STAGES=1"), "the call still rings: " + commands);
        assertTrue(commands.stream().noneMatch(c -> c.contains("__HOTLINE_TICKET")), "no ticket number: " + commands);
        assertEquals(1, desk.pending(), "the arrival is kept for a retry");
        assertEquals(1, desk.retryPending(), "still down: still pending");
    }

    @Test
    void aDatabaseThatHangsDoesNotHoldTheCallerEither() throws Exception {
        // a frozen database: every query waits and never answers (until the test lets it go)
        java.util.concurrent.CountDownLatch thaw = new java.util.concurrent.CountDownLatch(1);
        Directory hanging = (Directory) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Directory.class}, (proxy, method, args) -> {
                    thaw.await();
                    throw new IllegalStateException("database unavailable");
                });
        DataSource frozen = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    thaw.await();
                    throw new java.sql.SQLTransientConnectionException("database unavailable");
                });
        TicketDesk desk = new TicketDesk(new JdbcTicketStore(frozen), hanging, new PhoneNumbers(""),
                Duration.ofHours(24), ZoneId.of("Asia/Shanghai"), Clock.systemUTC());
        try {
            int port = start("127.0.0.1", desk);
            List<String> commands = session(port, "hotline");
            assertTrue(variables(commands).contains("HOTLINE_STAGES=1"),
                    "the call rings although the directory lookup never returns: " + commands);
            assertTrue(commands.stream().noneMatch(c -> c.contains("__HOTLINE_TICKET")), "no ticket number: " + commands);
        } finally {
            thaw.countDown();
            desk.close();
        }
        assertEquals(1, desk.pending(), "the arrival is kept for a retry, to be looked up again");
    }

    @Test
    void aScriptNameThatIsNotMappedRunsNothing() throws Exception {
        int port = start("127.0.0.1");
        List<String> commands = session(port, "com.example.hotline.app.Main");
        assertTrue(commands.stream().noneMatch(c -> c.contains("HOTLINE_STAGES")),
                "a caller cannot pick a class by name: " + commands);
        assertTrue(commands.contains("SET VARIABLE \"AJ_AGISTATUS\" \"NOT_FOUND\""),
                "the dialplan is told nothing ran, so it takes the fail-safe path: " + commands);
        assertEquals(0, server.status().requests(), "no script ran");
    }

    @Test
    void aPeerOutsideTheAllowListIsRefused() throws Exception {
        int port = start("127.0.0.2");
        List<String> commands = session(port, "hotline");
        assertTrue(commands.stream().noneMatch(c -> c.contains("HOTLINE_STAGES")), "nothing set: " + commands);
        assertTrue(commands.contains("SET VARIABLE \"AJ_AGISTATUS\" \"NOT_FOUND\""), "refused: " + commands);
        assertEquals(1, server.status().refused(), "counted as refused");
        assertTrue(store.all().isEmpty(), "no call recorded");
    }

    /**
     * Garbage from the peer (issue 8): random bytes, damaged request headers, absurd answers to the
     * script's commands, connections dropped or held open half-way. The server keeps listening and a
     * clean call afterwards is routed as usual. Seeded, so a failure repeats.
     */
    @Test
    void garbageFromThePeerNeverStopsTheServer() throws Exception {
        int port = start("127.0.0.1");
        java.util.Random random = new java.util.Random(20261123L);
        int tried = 0;
        for (int i = 0; i < 120; i++) {
            byte[] junk = new byte[i < 110 ? random.nextInt(4096) : (1 << 20)];
            random.nextBytes(junk);
            exchange(port, junk, null);
            tried++;
        }
        String huge = "1".repeat(1 << 20);
        String[] callers = {huge, "\u0000\u0001", "'; DROP TABLE tickets; --", "<script>alert(1)</script>",
            "\"quoted\" <123>", "13800138000\r\nagi_uniqueid: forged", "\u00ff\u00fe\u00c3("};
        for (String caller : callers) {
            exchange(port, request(port, "hotline", caller, "fz-caller-" + tried).getBytes(StandardCharsets.ISO_8859_1),
                    line -> "200 result=1");
            tried++;
        }
        String[] damagedRequests = {
            "agi_network: yes\nagi_request: agi://127.0.0.1/hotline\n\n",               // no uniqueid, no caller
            "agi_request: agi://127.0.0.1/../../etc/passwd\nagi_network_script: ../../etc/passwd\n\n",
            "no colon here\n:::\n\n",
            "agi_network_script: hotline\n",                                             // never terminated
            "\n\n\n",
            "agi_network_script: hotline\nagi_request: " + huge + "\n\n"};
        for (String r : damagedRequests) {
            exchange(port, r.getBytes(StandardCharsets.ISO_8859_1), null);
            tried++;
        }
        String[] answers = {"abc", "", "500 nope", "200 result=-1", "520 Invalid command syntax.",
            "511 Command Not Permitted on a dead channel or intercept routine", "200 result=1 (" + huge + ")",
            "HANGUP", "200 result=1 (\u00ff\u00fe)", "200"};
        for (String answer : answers) {
            exchange(port, request(port, "hotline", "13800138000", "fz-answer-" + tried)
                    .getBytes(StandardCharsets.ISO_8859_1), line -> answer);
            tried++;
        }
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                s.getOutputStream().write("agi_network: yes\nagi_network_scr".getBytes(StandardCharsets.US_ASCII));
                held.add(s);
                tried++;
            }
            List<String> commands = session(port, "hotline");
            assertTrue(variables(commands).contains("HOTLINE_STAGES=1"),
                    "a clean call is routed after " + tried + " bad inputs, 10 connections still held open: " + commands);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        assertTrue(server.listening(), "still listening");
        System.out.printf("HotlineAgiServerTest: %d bad FastAGI inputs (random bytes, damaged requests, absurd "
                + "answers, held-open connections); server listening, next call routed%n", tried);
    }

    private static String request(int port, String script, String caller, String uniqueId) {
        return "agi_network: yes\nagi_network_script: " + script + "\nagi_request: agi://127.0.0.1:" + port + "/"
                + script + "\nagi_channel: PJSIP/carrier-00000000\nagi_uniqueid: " + uniqueId
                + "\nagi_callerid: " + caller + "\nagi_calleridname: " + caller + "\nagi_context: hotline\n\n";
    }

    /**
     * Sends {@code request}, answers each command line with {@code answer} (at most 60), then hangs up;
     * a null {@code answer} closes the sending side at once (the peer sees the end of the stream).
     */
    private static void exchange(int port, byte[] request, java.util.function.UnaryOperator<String> answer)
            throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            if (answer == null) {
                s.shutdownOutput();
                answer = line -> "";
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 60; i++) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                out.write((answer.apply(line) + "\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            // the server stopped talking or closed: what it should do with garbage
        }
    }
}
