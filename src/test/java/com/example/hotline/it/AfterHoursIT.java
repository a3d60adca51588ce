package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Issue 6 on the real PBX: after hours the hotline rings only extensions that record (never a mobile,
 * never a phone that does not record), takes the recorded fallback with a callback ticket when none
 * qualifies, goes to the front desk when forced open, and a transfer of a hotline call can only reach
 * a recording extension: an AMI BlindTransfer to a mobile is refused, the call stays up and a
 * violation is recorded; one to a recording department phone works within the same recording.
 */
class AfterHoursIT {

    private static final String MOBILE = "13900139000";

    /** The registry of the acceptance test: 8101 does not record, the mobile cannot, 8102 records. */
    private static void register(ServerProcess server) throws Exception {
        ok(server.put("/api/extensions/8101", "{\"name\":\"Engineering\",\"department\":\"engineering\","
                + "\"kind\":\"department\",\"records\":false}"));
        ok(server.put("/api/extensions/8102", "{\"name\":\"Security\",\"department\":\"security\","
                + "\"kind\":\"department\",\"records\":true}"));
        HttpResponse<String> mobileRecords = server.put("/api/extensions/" + MOBILE,
                "{\"name\":\"Duty manager\",\"kind\":\"mobile\",\"records\":true}");
        assertEquals(400, mobileRecords.statusCode(), "a mobile can never be marked as recording: "
                + mobileRecords.body());
        assertTrue(mobileRecords.body().contains("never be marked as recording"), mobileRecords.body());
        ok(server.put("/api/extensions/" + MOBILE, "{\"name\":\"Duty manager\",\"kind\":\"mobile\",\"records\":false}"));
        JsonNode mobile = server.json("/api/extensions/" + MOBILE);
        assertFalse(mobile.path("records").asBoolean(), "stored without records: " + mobile);
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), "answer: " + r.body());
        return r;
    }

    private static void override(ServerProcess server, String mode) throws Exception {
        HttpResponse<String> r = server.post("/api/routing/override", "application/json", "{\"mode\":\"" + mode + "\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    private static JsonNode candidate(JsonNode call, String ext) {
        for (JsonNode c : call.path("routing").path("candidates")) {
            if (ext.equals(c.path("ext").asText())) {
                return c;
            }
        }
        throw new AssertionError("no candidate " + ext + " in the stored decision: " + call);
    }

    private static boolean receivedInvite(Path messages) throws Exception {
        return Files.exists(messages) && Files.readString(messages, StandardCharsets.ISO_8859_1).contains("INVITE sip:");
    }

    private static Set<Path> recordings() throws Exception {
        try (Stream<Path> files = Files.list(Pbx.ROOT.resolve("var/spool/asterisk/monitor/hotline"))) {
            return files.collect(Collectors.toSet());
        }
    }

    @Test
    void forcedClosedOnlyTheRecordingCandidateRingsAndTheSkipsAreStoredWithReasons(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            register(server);
            ok(server.put("/api/routing/after-hours", "{\"targets\":[\"8101\",\"" + MOBILE + "\",\"8102\"]}"));
            override(server, "closed");
            JsonNode state = server.json("/api/routing/state");
            assertFalse(state.path("open").asBoolean(), "forced closed: " + state);
            assertTrue(state.path("overridden").asBoolean(), "overridden: " + state);

            Pbx.Phone notRecording = pbx.agent("8101", Pbx.Agent.NO_ANSWER, 0, 1);
            Pbx.Phone frontDesk = pbx.agent("8001", Pbx.Agent.NO_ANSWER, 0, 1);
            Pbx.Phone security = pbx.agent("8102", Pbx.Agent.ANSWER, 2000, 1);
            Process caller = pbx.call("13800138061", 30_000, 4_000);
            Pbx.awaitSuccess(caller, "caller", Duration.ofSeconds(60));
            Pbx.awaitSuccess(security.process(), "department 8102", Duration.ofSeconds(20));

            JsonNode c = HotlineCallIT.awaitEndedCall(server, "13800138061").get(0);
            assertEquals("8102", c.path("answeredBy").asText(), "8102 answered: " + c);
            assertTrue(c.path("afterHours").asBoolean(), "after hours: " + c);
            assertEquals("[\"8102\"]", c.path("routedTo").toString(), "routed to 8102 only: " + c);
            assertTrue(candidate(c, "8102").path("rung").asBoolean(), "8102 rung");
            JsonNode skipped8101 = candidate(c, "8101");
            assertFalse(skipped8101.path("rung").asBoolean(), "8101 skipped");
            assertEquals("does not record", skipped8101.path("reason").asText());
            JsonNode skippedMobile = candidate(c, MOBILE);
            assertFalse(skippedMobile.path("rung").asBoolean(), "the mobile skipped");
            assertTrue(skippedMobile.path("reason").asText().contains("mobile"), "why: " + skippedMobile);
            assertTrue(c.path("routing").path("hours").asText().contains("forced closed"), "why after hours: " + c);
            for (JsonNode leg : c.path("legs")) {
                String ep = leg.path("endpoint").asText();
                assertTrue(Set.of("carrier", "8102").contains(ep), "no other phone or trunk leg: " + leg);
            }
            assertFalse(receivedInvite(notRecording.messages()), "8101 (not recording) never rang");
            assertFalse(receivedInvite(frontDesk.messages()), "the front desk is not rung after hours");
            Path recording = HotlineCallIT.awaitRecording(c.path("recordingFile").asText());
            double mean = Audio.meanVolumeDb(recording);
            assertTrue(mean > -50, "the after-hours call was recorded with sound: " + mean + " dB");
        }
    }

    @Test
    void withNoRecordingCandidateTheCallTakesTheRecordedFallbackWithACallbackTicket(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            register(server);
            ok(server.put("/api/routing/after-hours", "{\"targets\":[\"8101\",\"" + MOBILE + "\"]}"));
            override(server, "closed");
            Pbx.Phone notRecording = pbx.agent("8101", Pbx.Agent.NO_ANSWER, 0, 1);
            Process caller = pbx.call("13800138062", 30_000, 4_000); // leaves a 4 s message
            Pbx.awaitSuccess(caller, "caller", Duration.ofSeconds(60));
            JsonNode c = HotlineCallIT.awaitEndedCall(server, "13800138062").get(0);
            assertFalse(c.path("answered").asBoolean(), "the message taker is not a person: " + c);
            assertTrue(c.path("afterHours").asBoolean(), "after hours: " + c);
            assertEquals(0, c.path("routedTo").size(), "nothing rang: " + c);
            assertFalse(candidate(c, "8101").path("rung").asBoolean());
            assertFalse(receivedInvite(notRecording.messages()), "8101 never rang");
            assertTrue(HotlineCallIT.awaitRecording(c.path("recordingFile").asText()).toFile().length() > 16_000,
                    "the message was recorded");
            JsonNode tasks = server.json("/api/callbacks?status=open");
            assertEquals(1, tasks.size(), "a callback task: " + tasks);
            String ticketNo = c.path("ticketNo").asText();
            assertFalse(ticketNo.isEmpty(), "the call has its ticket: " + c);
            JsonNode ticket = awaitTicketKind(server, ticketNo, "callback");
            assertEquals("callback", ticket.path("kind").asText(), "a callback ticket: " + ticket);
        }
    }

    private static JsonNode awaitTicketKind(ServerProcess server, String ticketNo, String kind) throws Exception {
        JsonNode t = null;
        for (int i = 0; i < 40; i++) {
            t = server.json("/api/tickets/" + ticketNo);
            if (kind.equals(t.path("kind").asText())) {
                return t;
            }
            Thread.sleep(250);
        }
        return t;
    }

    @Test
    void forcedOpenTheCallGoesToTheFrontDesk(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            register(server);
            ok(server.put("/api/routing/after-hours", "{\"targets\":[\"8102\"]}"));
            // a schedule closed right now, so that only the override can open the desk
            ok(server.put("/api/routing/hours", "{\"weekly\":{}}"));
            assertFalse(server.json("/api/routing/state").path("open").asBoolean(), "the schedule says closed");
            override(server, "open");
            Pbx.Phone security = pbx.agent("8102", Pbx.Agent.NO_ANSWER, 0, 1);
            Pbx.Phone desk = pbx.agent("8001", Pbx.Agent.ANSWER, 1000, 1);
            Process caller = pbx.call("13800138063", 30_000, 2_000);
            Pbx.awaitSuccess(caller, "caller", Duration.ofSeconds(60));
            Pbx.awaitSuccess(desk.process(), "front desk 8001", Duration.ofSeconds(20));
            JsonNode c = HotlineCallIT.awaitEndedCall(server, "13800138063").get(0);
            assertEquals("8001", c.path("answeredBy").asText(), "the front desk answered: " + c);
            assertFalse(c.path("afterHours").asBoolean(true), "office hours: " + c);
            assertTrue(c.path("routedTo").toString().contains("8001"), "routed to the front desk: " + c);
            assertTrue(c.path("routing").path("hours").asText().contains("forced open"), "why: " + c);
            assertFalse(receivedInvite(security.messages()), "the after-hours phone is not rung in office hours");
        }
    }

    @Test
    void aBlindTransferToTheMobileIsRefusedAndOneTo8102WorksInTheSameRecording(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            register(server);
            override(server, "open");
            Set<Path> before = recordings();
            // 8001 answers, is transferred away (refused: the call comes back to it), answers again
            Pbx.Phone desk = pbx.agent("8001", Pbx.Agent.ANSWER, 1000, 2);
            Pbx.Phone security = pbx.agent("8102", Pbx.Agent.ANSWER, 1000, 1);
            Process caller = pbx.call("13800138064", 30_000, 25_000);
            long sizeBeforeSecurity;
            ManagerConnection ami = new ManagerConnectionFactory("127.0.0.1", 5038, "hotline", "hotline-ami-secret")
                    .createManagerConnection();
            ami.login();
            try {
                String first = awaitAnsweredLeg(server, "13800138064", "8001", Set.of());
                ManagerResponse refused = ami.sendAction(new BlindTransferAction(first, MOBILE, null), 10_000);
                System.out.println("AfterHoursIT: BlindTransfer of " + first + " to the mobile: "
                        + refused.getResponse() + " " + refused.getMessage());
                JsonNode violation = awaitViolation(server, MOBILE);
                assertTrue(violation.path("by").asText().contains("PJSIP/8001"), "who tried: " + violation);
                assertTrue(violation.path("reason").asText().contains("mobile"), "why: " + violation);
                assertFalse(violation.path("linkedId").asText().isEmpty(), "which call: " + violation);
                assertTrue(caller.isAlive(), "the caller is still connected after the refused transfer");
                JsonNode alerts = server.json("/api/alerts?kind=transfer-refused");
                assertEquals(1, alerts.size(), "pushed as an alert: " + alerts);

                String second = awaitAnsweredLeg(server, "13800138064", "8001", Set.of(first));
                Path file = Pbx.hostPath(server.json("/api/calls?caller=13800138064").get(0).path("recordingFile").asText());
                sizeBeforeSecurity = Files.size(file);
                ManagerResponse allowed = ami.sendAction(new BlindTransferAction(second, "8102", null), 10_000);
                assertEquals("Success", allowed.getResponse(), "transfer to 8102: " + allowed.getMessage());
                Pbx.awaitSuccess(caller, "caller", Duration.ofSeconds(60));
            } finally {
                ami.logoff();
            }
            Pbx.awaitSuccess(security.process(), "department 8102", Duration.ofSeconds(20));
            Pbx.awaitSuccess(desk.process(), "front desk 8001 (two calls)", Duration.ofSeconds(20));
            JsonNode calls = HotlineCallIT.awaitEndedCall(server, "13800138064");
            assertEquals(1, calls.size(), "one call: " + calls);
            JsonNode c = calls.get(0);
            List<String> answered = new ArrayList<>();
            for (JsonNode leg : c.path("legs")) {
                if (leg.hasNonNull("answeredAt") && !"carrier".equals(leg.path("endpoint").asText())) {
                    answered.add(leg.path("endpoint").asText());
                }
                assertFalse(leg.path("channel").asText().contains(MOBILE), "nothing ever dialled the mobile: " + leg);
            }
            assertEquals(List.of("8001", "8001", "8102"), answered, "8001, 8001 again after the refusal, then 8102");
            List<Path> made = recordings().stream().filter(p -> !before.contains(p)).toList();
            assertEquals(1, made.size(), "one recording for the whole call, transfers included: " + made);
            Path recording = HotlineCallIT.awaitRecording(c.path("recordingFile").asText());
            // MixMonitor writes only while audio flows; 8102's phone talks 7 s once it answers
            long grown = (Files.size(recording) - sizeBeforeSecurity) / 16_000; // 8 kHz 16-bit mono
            System.out.printf("AfterHoursIT: the recording grew by %d s after the transfer to 8102%n", grown);
            assertTrue(grown >= 3, "the same recording goes on after the transfer to 8102: +" + grown + " s");
        }
    }

    @Test
    void anAttendedTransferToAPhoneThatDoesNotRecordIsRefusedAndTheAgentKeepsTheCaller(TestInfo info)
            throws Exception {
        Fixture f = Fixture.of(info);
        try (Pbx pbx = new Pbx(f.logs);
             ServerProcess server = ServerProcess.start(f.work, f.logs.resolve("server.log"), "it-admin", Map.of())) {
            server.awaitAmiUp(Duration.ofSeconds(60));
            register(server);
            override(server, "open");
            Pbx.Phone desk = pbx.agent("8001", Pbx.Agent.ANSWER, 1000, 1);
            Pbx.Phone engineering = pbx.agent("8101", Pbx.Agent.ANSWER, 1000, 1);
            Process caller = pbx.call("13800138065", 30_000, 12_000);
            ManagerConnection ami = new ManagerConnectionFactory("127.0.0.1", 5038, "hotline", "hotline-ami-secret")
                    .createManagerConnection();
            ami.login();
            String leg;
            try {
                leg = awaitAnsweredLeg(server, "13800138065", "8001", Set.of());
                ManagerResponse r = ami.sendAction(new org.asteriskjava.manager.action.AtxferAction(leg, null, "8101",
                        null), 10_000);
                System.out.println("AfterHoursIT: Atxfer of " + leg + " to 8101: " + r.getResponse() + " "
                        + r.getMessage());
                JsonNode violation = awaitViolation(server, "8101");
                assertTrue(violation.path("by").asText().contains("attended transfer"), "who: " + violation);
                assertEquals("does not record", violation.path("reason").asText(), "why: " + violation);
            } finally {
                ami.logoff();
            }
            Thread.sleep(2_000);
            JsonNode c = server.json("/api/calls?caller=13800138065").get(0);
            JsonNode agentLeg = null;
            for (JsonNode l : c.path("legs")) {
                if (leg.equals(l.path("channel").asText())) {
                    agentLeg = l;
                }
            }
            assertTrue(agentLeg != null && !agentLeg.hasNonNull("endedAt"), "8001 still has the caller: " + c);
            assertTrue(caller.isAlive(), "the caller is still connected");
            Pbx.awaitSuccess(caller, "caller", Duration.ofSeconds(60));
            Pbx.awaitSuccess(desk.process(), "front desk 8001", Duration.ofSeconds(20));
            assertFalse(receivedInvite(engineering.messages()), "8101 (not recording) never rang");
        }
    }

    /** AMI {@code BlindTransfer} (asterisk-java 3.42 has no class for it): headers come from the getters. */
    public static final class BlindTransferAction extends AbstractManagerAction {
        private static final long serialVersionUID = 1L;
        private final String channel;
        private final String exten;
        private final String context;

        BlindTransferAction(String channel, String exten, String context) {
            this.channel = channel;
            this.exten = exten;
            this.context = context;
        }

        @Override
        public String getAction() {
            return "BlindTransfer";
        }

        public String getChannel() {
            return channel;
        }

        public String getExten() {
            return exten;
        }

        public String getContext() {
            return context;
        }
    }

    /** The channel of an answered, still-up leg of {@code ext} in the caller's call, other than {@code not}. */
    private static String awaitAnsweredLeg(ServerProcess server, String caller, String ext, Set<String> not)
            throws Exception {
        JsonNode calls = null;
        for (int i = 0; i < 120; i++) {
            calls = server.json("/api/calls?caller=" + caller);
            if (calls.size() > 0) {
                for (JsonNode leg : calls.get(0).path("legs")) {
                    String ch = leg.path("channel").asText();
                    if (ext.equals(leg.path("endpoint").asText()) && leg.hasNonNull("answeredAt")
                            && !leg.hasNonNull("endedAt") && !not.contains(ch)) {
                        return ch;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no answered leg of " + ext + " within 30 s: " + calls);
    }

    private static JsonNode awaitViolation(ServerProcess server, String target) throws Exception {
        JsonNode list = null;
        for (int i = 0; i < 60; i++) {
            list = server.json("/api/routing/violations");
            for (JsonNode v : list) {
                if (target.equals(v.path("target").asText())) {
                    return v;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no violation for a transfer to " + target + " within 15 s: " + list);
    }
}
