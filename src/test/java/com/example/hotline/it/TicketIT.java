package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * Tickets from the caller ID on the real PBX (C8/C9): a caller from the imported directory gets a
 * ticket with name and room before the agent's phone rings; unknown and withheld callers get flagged
 * tickets; a second call from the same number joins the first ticket; the answering agent is the
 * recorder. One server and PBX for all the calls, placed one after another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketIT {

    private Pbx pbx;
    private ServerProcess server;
    private final List<String> figures = new ArrayList<>();

    @BeforeAll
    void start(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        pbx = new Pbx(f.logs);
        server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin",
                Map.of("HOTLINE_TIME_ZONE", "Asia/Shanghai"));
        server.awaitAmiUp(Duration.ofSeconds(60));
        // the directory writes the numbers the way a spreadsheet does; the PBX sends plain digits
        HttpResponse<String> r = server.post("/api/directory/import", "text/csv; charset=utf-8",
                "phone,name,building,room,note\n"
                        + "+86 138-0013-8101,张三,3栋,1202,业主\n"
                        + "0086 13800138102,李四,5栋,0301,\n"
                        + "(010) 6552-9988,王五,5栋,0301,座机\n");
        assertEquals(200, r.statusCode(), "directory import: " + r.body());
    }

    @AfterAll
    void stop() throws Exception {
        figures.forEach(System.out::println);
        if (server != null) {
            server.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    private JsonNode tickets(String phone) throws Exception {
        return server.json("/api/tickets?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
    }

    /** A call from {@code caller} that 8001 answers after {@code ringMs}; returns the agent's phone. */
    private Pbx.Phone answeredCall(String caller, int ringMs) throws Exception {
        Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, ringMs, 1);
        Process call = pbx.call(caller, 30_000, 500);
        Pbx.awaitSuccess(call, "call from " + caller, Duration.ofSeconds(60));
        Pbx.awaitSuccess(agent.process(), "agent 8001", Duration.ofSeconds(20));
        return agent;
    }

    @Test
    void aDirectoryCallerHasATicketWithNameAndRoomBeforeThePhoneRings() throws Exception {
        Pbx.Phone agent = answeredCall("13800138101", 2000);
        JsonNode call = HotlineCallIT.awaitEndedCall(server, "13800138101").get(0);
        JsonNode t = awaitTicket("13800138101", x -> !x.path("recorder").isNull());
        assertEquals("张三", t.path("name").asText(), "name from the directory: " + t);
        assertEquals("3栋", t.path("building").asText(), "building");
        assertEquals("1202", t.path("room").asText(), "room");
        assertEquals("identified", t.path("callerIdStatus").asText(), "identified");
        assertEquals("13800138101", t.path("phone").asText(), "the caller ID as received");
        assertTrue(t.path("ticketNo").asText().matches("\\d{4}-\\d{4}"), "YYMM-NNNN: " + t);
        assertEquals(call.path("linkedId").asText(), t.path("callIds").path(0).asText(), "the call is on the ticket");
        assertEquals("8001", t.path("recorder").asText(), "the answering agent is the recorder");
        Instant created = java.time.OffsetDateTime.parse(t.path("createdAt").asText()).toInstant();
        Instant invite = Pbx.firstInviteAt(agent.messages());
        Instant firstRing = java.time.OffsetDateTime.parse(call.path("firstRingAt").asText()).toInstant();
        figures.add(String.format("TicketIT: ticket %s created %d ms before the agent's phone got the INVITE, "
                + "%d ms before the first ring", t.path("ticketNo").asText(),
                Duration.between(created, invite).toMillis(), Duration.between(created, firstRing).toMillis()));
        assertTrue(created.isBefore(invite), "ticket " + created + " before the INVITE " + invite);
        assertTrue(created.isBefore(firstRing), "ticket " + created + " before the first ring " + firstRing);
    }

    @Test
    void unknownAndWithheldCallersGetFlaggedTickets() throws Exception {
        answeredCall("13911112222", 1000);
        HotlineCallIT.awaitEndedCall(server, "13911112222");
        JsonNode unknown = awaitTicket("13911112222", x -> true);
        assertEquals("unidentified", unknown.path("callerIdStatus").asText(), "unknown number: " + unknown);
        assertTrue(unknown.path("name").isMissingNode() || unknown.path("name").isNull(), "no name for an unknown number: " + unknown);

        answeredCall("anonymous", 1000);
        HotlineCallIT.awaitEndedCall(server, "anonymous");
        JsonNode withheld = awaitTicket("anonymous", x -> true);
        assertEquals("withheld", withheld.path("callerIdStatus").asText(), "withheld number: " + withheld);
    }

    @Test
    void aSecondCallFromTheSameNumberJoinsTheOpenTicket() throws Exception {
        answeredCall("13800138102", 1000);
        HotlineCallIT.awaitEndedCall(server, "13800138102");
        answeredCall("13800138102", 1000);
        List<JsonNode> calls = awaitEndedCalls("13800138102", 2);
        JsonNode t = awaitTicket("13800138102", x -> x.path("callIds").size() == 2);
        assertEquals(1, tickets("13800138102").size(), "one ticket for both calls: " + tickets("13800138102"));
        assertEquals("李四", t.path("name").asText(), "from the directory (imported as 0086 …)");
        List<String> ids = new ArrayList<>();
        t.path("callIds").forEach(x -> ids.add(x.asText()));
        for (JsonNode c : calls) {
            assertTrue(ids.contains(c.path("linkedId").asText()), "call " + c.path("linkedId") + " on " + ids);
        }
    }

    @Test
    void theFollowUpCallRingsTheAgentThenTheOwnerAndIsRecordedOnTheTicket() throws Exception {
        answeredCall("13922223333", 1000);
        HotlineCallIT.awaitEndedCall(server, "13922223333");
        String no = awaitTicket("13922223333", x -> true).path("ticketNo").asText();

        Pbx.Phone owner = pbx.owner(1000, 4000);
        Pbx.Phone agent = pbx.agent("8001", Pbx.Agent.ANSWER, 500, 1);
        HttpResponse<String> r = server.post("/api/tickets/" + no + "/callback", "application/json",
                "{\"extension\":\"8001\"}");
        assertEquals(200, r.statusCode(), "callback: " + r.body());
        String callId = ServerProcess.JSON.readTree(r.body()).path("callId").asText();
        Pbx.awaitSuccess(agent.process(), "agent 8001 answering the follow-up call", Duration.ofSeconds(30));
        Pbx.awaitSuccess(owner.process(), "the owner answering and hanging up", Duration.ofSeconds(30));

        String invite = java.nio.file.Files.readString(owner.messages(), StandardCharsets.UTF_8);
        assertTrue(invite.contains("INVITE sip:13922223333@"), "the owner's number was dialled: " + owner.messages());
        assertTrue(invite.matches("(?s).*From: [^\\r\\n]*<sip:400@.*"), "the owner sees the hotline's number 400");

        JsonNode ticket = server.json("/api/tickets/" + no);
        assertTrue(ticket.path("callIds").toString().contains("\"" + callId + "\""),
                "follow-up call " + callId + " linked to ticket " + no + ": " + ticket.path("callIds"));
        JsonNode call = findEnded(HotlineCallIT.awaitCalls(server, "all=true&limit=50",
                "ended follow-up call " + callId, calls -> findEnded(calls, callId) != null), callId);
        assertEquals(no, call.path("ticketNo").asText(), "the call shows its ticket: " + call);
        // the dialplan names the file after the recorded channel's uniqueid, here the id the server chose
        java.nio.file.Path recording;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(
                Pbx.hostPath("/var/spool/asterisk/monitor/hotline"))) {
            String name = files.map(x -> x.getFileName().toString()).filter(x -> x.endsWith("-" + callId + ".wav"))
                    .findFirst().orElseThrow(() -> new AssertionError("no recording named after " + callId));
            recording = HotlineCallIT.awaitRecording("/var/spool/asterisk/monitor/hotline/" + name);
        }
        double mean = Audio.meanVolumeDb(recording);
        assertTrue(mean > -50, "follow-up recording " + recording + " has sound (mean " + mean + " dB)");
        figures.add("TicketIT: follow-up call " + callId + " of ticket " + no + " recorded in " + recording.getFileName()
                + " (mean " + mean + " dB)");
    }

    @Test
    void aCsvWithThreeBadRowsKeepsTheGoodOnesAndNamesTheBadLines() throws Exception {
        HttpResponse<String> r = server.post("/api/directory/import", "text/csv; charset=utf-8",
                "phone,name,building,room\n"
                        + "13700000001,赵一,1栋,0101\n"
                        + "not-a-phone,钱二,1栋,0102\n"
                        + "13700000003,,1栋,0103\n"
                        + "13700000004,孙四,1栋,0104\n"
                        + "13700000001,重复,1栋,0105\n"
                        + "13700000006,周六,1栋,0106\n");
        assertEquals(200, r.statusCode(), "partial import is still an answer: " + r.body());
        JsonNode result = ServerProcess.JSON.readTree(r.body());
        List<Integer> lines = new ArrayList<>();
        result.path("errors").forEach(e -> lines.add(e.path("line").asInt()));
        assertEquals(List.of(3, 4, 6), lines, "the three bad rows by line: " + result);
        assertEquals(3, result.path("inserted").asInt() + result.path("updated").asInt(), "three good rows kept: "
                + result);
        JsonNode found = server.json("/api/directory?phone=13700000004");
        assertTrue(found.toString().contains("孙四"), "a good row after bad ones is in: " + found);
    }

    private List<JsonNode> awaitEndedCalls(String caller, int n) throws Exception {
        List<JsonNode> ended = new ArrayList<>();
        HotlineCallIT.awaitCalls(server, "caller=" + caller, n + " ended calls from " + caller, calls -> {
            ended.clear();
            calls.forEach(c -> {
                if (c.hasNonNull("endedAt")) {
                    ended.add(c);
                }
            });
            return ended.size() >= n;
        });
        return ended;
    }

    private static JsonNode findEnded(JsonNode calls, String linkedId) {
        for (JsonNode c : calls) {
            if (linkedId.equals(c.path("linkedId").asText()) && c.hasNonNull("endedAt")) {
                return c;
            }
        }
        return null;
    }

    private JsonNode awaitTicket(String phone, java.util.function.Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = tickets(phone);
            if (last.size() > 0 && ready.test(last.get(0))) {
                return last.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no ticket for " + phone + " as expected: " + last);
    }
}
