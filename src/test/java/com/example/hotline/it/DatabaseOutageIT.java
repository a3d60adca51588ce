package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * PostgreSQL unavailable for 30 s in external database mode (issue 8), on the real PBX: the server
 * runs on a separate PostgreSQL server ({@link ExternalPostgres}, reached through {@code db.url}); a
 * call before the outage, then the database is stopped (fast shutdown) or frozen (SIGSTOP: open
 * connections that never answer) for 30 s while three calls come in. Each must still be routed by
 * FastAGI without holding the caller beyond its bounded wait, answered and recorded; {@code /health}
 * must say the database is down. When it is back: every call once in {@code /api/calls}, each with
 * its ticket (one per call, numbers without gap, the answering agent as recorder, the directory
 * caller identified), its routing decision and its recording in the index.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int OUTAGE_CALLS = 3;
    /** FastAGI's wait for the ticket (2 s) plus the dial setup; a caller held longer was blocked. */
    private static final long MAX_SILENCE_MS = 4_000;

    @Test
    void aDatabaseStoppedFor30SecondsLosesNoCallTicketOrRecording(TestInfo info) throws Exception {
        outage(info, "1390000110", false);
    }

    @Test
    void aDatabaseFrozenFor30SecondsLosesNoCallTicketOrRecording(TestInfo info) throws Exception {
        outage(info, "1390000120", true);
    }

    private void outage(TestInfo info, String callerPrefix, boolean freeze) throws Exception {
        Fixture f = Fixture.of(info);
        String kind = freeze ? "frozen (SIGSTOP)" : "stopped (fast shutdown)";
        try (ExternalPostgres pg = ExternalPostgres.start(f.work.resolve("external-pg"), f.logs.resolve("postgres.log"));
             Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of(
                     "HOTLINE_DB_URL", pg.url(), "HOTLINE_DB_USER", "postgres",
                     "HOTLINE_DB_PASSWORD", "unused-with-trust-auth", "HOTLINE_TIME_ZONE", "Asia/Shanghai"))) {
            JsonNode health = server.awaitAmiUp(Duration.ofSeconds(90));
            assertEquals("external", health.path("database").path("mode").asText(), "external database mode");
            String inDirectory = callerPrefix + "2";
            var imported = server.post("/api/directory/import", "text/csv",
                    "phone,name,building,room\n" + inDirectory + ",Outage Wang,3,1201\n");
            assertEquals(200, imported.statusCode(), "directory import: " + imported.body());

            Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, 1000, 1 + OUTAGE_CALLS);
            String before = callerPrefix + "0";
            call(pbx, before, f.logs);
            HotlineCallIT.awaitCalls(server, "caller=" + before, "the call before the outage",
                    c -> c.size() == 1 && c.get(0).hasNonNull("endedAt") && c.get(0).hasNonNull("ticketNo"));

            long outageStarted = System.nanoTime();
            if (freeze) {
                pg.freeze();
            } else {
                pg.stopFast();
            }
            List<String> callers = new ArrayList<>();
            List<Long> silences = new ArrayList<>();
            long downAfterMs;
            try {
                server.awaitHealth("database down", h -> "down".equals(h.path("database").path("status").asText()),
                        Duration.ofSeconds(20));
                downAfterMs = (System.nanoTime() - outageStarted) / 1_000_000;
                for (int i = 1; i <= OUTAGE_CALLS; i++) {
                    String caller = callerPrefix + i;
                    callers.add(caller);
                    silences.add(call(pbx, caller, f.logs));
                }
                long left = OUTAGE.toMillis() - (System.nanoTime() - outageStarted) / 1_000_000;
                assertTrue(left > 0, "the outage calls took longer than the outage itself: " + silences);
                JsonNode during = server.json("/health");
                assertEquals("down", during.path("database").path("status").asText(),
                        "still down at the end of the calls: " + during);
                Thread.sleep(left);
            } finally {
                if (freeze) {
                    pg.thaw();
                } else {
                    pg.startAgain();
                }
            }
            long outageMs = (System.nanoTime() - outageStarted) / 1_000_000;
            server.awaitHealth("database up again", h -> "up".equals(h.path("database").path("status").asText()),
                    Duration.ofSeconds(60));
            Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(30));
            for (long silence : silences) {
                assertTrue(silence <= MAX_SILENCE_MS, "FastAGI held a caller " + silence + " ms before any phone "
                        + "rang (at most " + MAX_SILENCE_MS + " ms allowed): " + silences);
            }

            TreeSet<Integer> numbers = new TreeSet<>();
            String month = null;
            List<String> all = new ArrayList<>(callers);
            all.add(0, before);
            for (String caller : all) {
                JsonNode calls = awaitComplete(server, caller);
                assertEquals(1, calls.size(), "call from " + caller + " appears once: " + calls);
                JsonNode call = calls.get(0);
                assertEquals("agi", call.path("route").asText(), "routed by FastAGI: " + call);
                assertTrue(call.path("routing").has("routedTo"), "the routing decision is kept: " + call);
                assertTrue(call.path("ringMillis").asLong(-1) >= 900, "ring time measured: " + call);
                JsonNode tickets = server.json("/api/tickets?phone=" + caller);
                assertEquals(1, tickets.size(), "one ticket for " + caller + ", no duplicate: " + tickets);
                JsonNode ticket = tickets.get(0);
                assertEquals(call.path("ticketNo").asText(), ticket.path("ticketNo").asText(), "the call's ticket");
                assertEquals("8001", ticket.path("recorder").asText(), "the agent who answered records it: " + ticket);
                if (caller.equals(inDirectory)) {
                    assertEquals("Outage Wang", ticket.path("name").asText(),
                            "a directory caller of the outage is identified, not filed unknown: " + ticket);
                }
                String no = ticket.path("ticketNo").asText();
                month = no.substring(0, 4);
                assertTrue(numbers.add(Integer.parseInt(no.substring(5))), "ticket number used twice: " + no);
                JsonNode recordings = server.json("/api/recordings?caller=" + caller);
                assertEquals(1, recordings.size(), "one recording indexed for " + caller + ": " + recordings);
                JsonNode rec = recordings.get(0);
                assertEquals("8001", rec.path("extension").asText(), "completed with who answered: " + rec);
                assertTrue(call.path("recordingFile").asText().endsWith(rec.path("rawFile").asText()),
                        "the call's own file: " + rec + " vs " + call);
                Path raw = HotlineCallIT.awaitRecording(call.path("recordingFile").asText());
                assertTrue(Audio.meanVolumeDb(raw) > -50, "recorded with sound: " + raw);
            }
            JsonNode every = server.json("/api/tickets?limit=100");
            assertEquals(all.size(), every.size(), "no other ticket: " + every);
            assertEquals(1, numbers.first(), "numbering starts at 1 on a fresh database: " + numbers);
            assertEquals(all.size(), numbers.last(), "no gap in the numbering: " + numbers);
            System.out.printf("DatabaseOutageIT: PostgreSQL %s for %d ms; /health said down after %d ms; %d calls "
                    + "during the outage, callers silent %s ms before ringing; afterwards every call once with "
                    + "its ticket (%s-%04d..%04d, no gap), recorder, routing and indexed recording%n", kind, outageMs,
                    downAfterMs, OUTAGE_CALLS, silences, month, numbers.first(), numbers.last());
        }
    }

    /** Places a call answered by 8001 (1 s ring, 2 s talk); returns how long the caller heard nothing. */
    private static long call(Pbx pbx, String caller, Path logs) throws Exception {
        Process p = pbx.call(caller, 30_000, 2_000);
        Pbx.awaitSuccess(p, "carrier call " + caller, Duration.ofSeconds(60));
        return inviteTo180Millis(logs.resolve("carrier-" + caller + "-messages.log"));
    }

    /** From the carrier's own trace: INVITE sent until the first 180 Ringing received. */
    static long inviteTo180Millis(Path messages) throws IOException {
        List<String> lines = Files.readAllLines(messages, StandardCharsets.ISO_8859_1);
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
        LocalDateTime stamp = null;
        LocalDateTime invite = null;
        for (int i = 0; i + 2 < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("-----") && l.length() > 26) {
                stamp = LocalDateTime.parse(l.substring(l.length() - 26), fmt);
            } else if (l.startsWith("UDP message sent") && lines.get(i + 2).startsWith("INVITE ") && invite == null) {
                invite = stamp;
            } else if (l.startsWith("UDP message received") && lines.get(i + 2).startsWith("SIP/2.0 180")
                    && invite != null) {
                return Duration.between(invite, stamp).toMillis();
            }
        }
        throw new AssertionError("no INVITE followed by 180 Ringing in " + messages);
    }

    /**
     * The call once ended with its ticket, answer, routing decision and recording: each is written by its
     * own writer, which retries every few seconds after the outage.
     */
    private static JsonNode awaitComplete(ServerProcess server, String caller) throws Exception {
        return HotlineCallIT.awaitCalls(server, "caller=" + caller, "ended call with its ticket, routing and "
                + "recording from " + caller, c -> c.size() >= 1 && c.get(0).hasNonNull("endedAt")
                        && c.get(0).hasNonNull("ticketNo") && "8001".equals(c.get(0).path("answeredBy").asText())
                        && c.get(0).has("routing") && c.get(0).path("recordingIds").size() > 0);
    }
}
