package com.example.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallTracker;
import com.example.hotline.call.InMemoryCallStore;
import com.example.hotline.call.LegRecord;
import com.example.hotline.call.PbxEvent;
import com.example.hotline.call.RingRule;
import com.example.hotline.config.ConfigLoader;
import com.example.hotline.config.HotlineConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * AMI text captured from the real Asterisk 22 (src/test/resources/ami) replayed through a real
 * asterisk-java connection into the AmiConnector and the call tracker.
 */
class AmiReplayTest {

    private final InMemoryCallStore store = new InMemoryCallStore();

    private record Run(FakeAmiServer server, AmiConnector connector, CallEventQueue queue) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            connector.close();
            queue.close();
            server.close();
        }
    }

    private Run replay(List<String> events, List<String> listing) throws Exception {
        return replay(new FakeAmiServer(events, listing));
    }

    private Run replay(FakeAmiServer server) throws Exception {
        HotlineConfig cfg = ConfigLoader.load(null, Map.of("HOTLINE_AMI_PORT", Integer.toString(server.port())));
        CallTracker tracker = new CallTracker(RingRule.china(), store, "from-carrier", "400");
        CallEventQueue queue = new CallEventQueue(tracker, 10_000, Duration.ofSeconds(1));
        AmiConnector connector = new AmiConnector(cfg.ami(), queue, Clock.systemUTC());
        connector.start();
        return new Run(server, connector, queue);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private CallRecord onlyEndedCall() throws InterruptedException {
        await("the call to end", () -> store.all().size() == 1 && store.all().get(0).ended());
        return store.all().get(0);
    }

    /** PBX timestamp (ms) of the first Newstate of {@code channelPrefix} into {@code state}. */
    private static long stateAt(List<String> blocks, String channelPrefix, int state) {
        for (String b : blocks) {
            if (b.startsWith("Event: Newstate") && b.contains("Channel: " + channelPrefix)
                    && b.contains("ChannelState: " + state + "\n")) {
                String ts = b.replaceAll("(?s).*Timestamp: ([0-9.]+).*", "$1");
                return Math.round(Double.parseDouble(ts) * 1000);
            }
        }
        throw new AssertionError("no Newstate " + state + " for " + channelPrefix);
    }

    @Test
    void anAnsweredCallIsOneCallWithRingTimeFromPbxTimestamps() throws Exception {
        List<String> events = FakeAmiServer.blocks("answered-8001.ami");
        try (Run run = replay(events, List.of())) {
            CallRecord call = onlyEndedCall();
            assertEquals("13800138000", call.caller(), "caller number");
            assertTrue(call.hotline(), "entered context from-carrier exten 400: a hotline call");
            assertTrue(call.answered(), "answered");
            assertEquals("8001", call.answeredBy(), "answered by agent 8001");
            long expected = stateAt(events, "PJSIP/8001", 6) - stateAt(events, "PJSIP/8001", 5);
            assertNotNull(call.ringMillis(), "ring time known");
            assertTrue(Math.abs(call.ringMillis() - expected) <= 1,
                    "ring time is PBX Up minus PBX Ringing: " + call.ringMillis() + " vs " + expected);
            assertTrue(Math.abs(call.ringMillis() - 4000) <= 250, "agent scripted to answer after 4 s");
            assertEquals(1, call.rings(), "answered during the first ring");
            assertEquals(Boolean.TRUE, call.withinThreeRings(), "within three rings");
            assertEquals(2, call.legs().size(), "caller leg and agent leg");
            assertEquals(16, call.hangupCause(), "normal clearing");
            long dials = store.events().stream().filter(e -> e instanceof PbxEvent.DialBegan).count();
            assertEquals(1, dials, "asterisk-java delivers DialBegin twice; the dial is counted once");
            assertFalse(call.resynced(), "nothing was missed");
            assertTrue(call.ringNoAnswer().isEmpty(), "the only phone answered");
        }
    }

    @Test
    void aRejectThenAnswerCallCountsFromTheFirstRing() throws Exception {
        List<String> events = FakeAmiServer.blocks("reject-then-answer.ami");
        try (Run run = replay(events, List.of())) {
            CallRecord call = onlyEndedCall();
            assertEquals("8002", call.answeredBy(), "8001 rejected, 8002 answered");
            long firstRing = Math.min(stateAt(events, "PJSIP/8001", 5), stateAt(events, "PJSIP/8002", 5));
            long expected = stateAt(events, "PJSIP/8002", 6) - firstRing;
            assertTrue(Math.abs(call.ringMillis() - expected) <= 1,
                    "counted from the first ring of any phone: " + call.ringMillis() + " vs " + expected);
            LegRecord rejected = call.legs().stream().filter(l -> "8001".equals(l.endpoint())).findFirst()
                    .orElseThrow();
            assertEquals("BUSY", rejected.dialStatus(), "the 486 shows as BUSY on 8001's leg");
            assertNotNull(rejected.ringingAt(), "8001 rang before rejecting");
            assertEquals(1, call.ringNoAnswer().size(), "one ring-no-answer attempt: " + call.ringNoAnswer());
            CallRecord.RingNoAnswer attempt = call.ringNoAnswer().get(0);
            assertEquals("8001", attempt.extension(), "the attempt is 8001's");
            assertTrue(Math.abs(attempt.ringMillis() - 2000) <= 250, "8001 rang ~2 s: " + attempt.ringMillis());
        }
    }

    @Test
    void anAbandonedCallIsUnansweredAndNotWithinThreeRings() throws Exception {
        try (Run run = replay(FakeAmiServer.blocks("abandoned.ami"), List.of())) {
            CallRecord call = onlyEndedCall();
            assertFalse(call.answered(), "nobody answered");
            assertNull(call.answeredBy(), "no answering agent");
            assertNull(call.ringMillis(), "no ring time without an answer");
            assertNotNull(call.firstRingAt(), "it did ring");
            assertEquals(Boolean.FALSE, call.withinThreeRings(), "C1: an unanswered call is a failure");
            assertEquals(1, call.ringNoAnswer().size(), "8001 rang without answering: " + call.ringNoAnswer());
            assertEquals("CANCEL", call.ringNoAnswer().get(0).dialStatus(), "cancelled when the caller gave up");
        }
    }

    @Test
    void connectingMidCallRebuildsTheCallFromTheChannelListWithoutDuplicating() throws Exception {
        List<String> capture = FakeAmiServer.blocks("coreshowchannels-midcall.ami");
        List<String> listing = capture.stream().filter(b -> b.contains("ActionID: midcall")).toList();
        List<String> rest = capture.stream().filter(b -> !b.contains("ActionID: midcall")).toList();
        assertEquals(4, listing.size(), "response, two channels, complete");
        try (Run run = replay(rest, listing)) {
            // the hangups after the listing may end the call before the listing itself is applied
            await("the listing applied to the ended call", () -> store.all().size() == 1
                    && store.all().get(0).ended() && store.all().get(0).caller() != null);
            CallRecord call = onlyEndedCall();
            assertTrue(call.resynced(), "part of the call was reconstructed");
            assertTrue(call.answered(), "the agent's channel was Up in the listing");
            assertEquals("8001", call.answeredBy(), "who answered is known from the listing");
            assertNull(call.ringMillis(), "when it was answered is not known, so no made-up ring time");
            assertNotNull(call.caller(), "caller from the listing");
            assertEquals(2, call.legs().size(), "two channels, no duplicates");
            assertTrue(call.legs().stream().allMatch(l -> l.endedAt() != null), "both hung up");
        }
    }

    @Test
    void aDroppedConnectionIsReconnectedAndResynchronised() throws Exception {
        try (Run run = replay(List.of(), List.of())) {
            await("first login", () -> run.connector().status().connected());
            await("first resync", () -> run.server().actionsSeen().contains("coreshowchannels"));
            run.server().dropConnection();
            await("reconnect and second resync",
                    () -> run.server().actionsSeen().stream().filter("coreshowchannels"::equals).count() >= 2
                            && run.connector().status().connected());
            assertEquals(1, run.connector().status().reconnects(), "one reconnect counted");
        }
    }

    /** Splits a capture made with a CoreShowChannels action in the middle: before, listing, after. */
    private static List<List<String>> split(String resource, String actionId) {
        List<String> all = FakeAmiServer.blocks(resource);
        List<String> before = new java.util.ArrayList<>();
        List<String> listing = new java.util.ArrayList<>();
        List<String> after = new java.util.ArrayList<>();
        for (String b : all) {
            if (b.contains("ActionID: " + actionId)) {
                listing.add(b);
            } else if (listing.isEmpty()) {
                before.add(b);
            } else {
                after.add(b);
            }
        }
        return List.of(before, listing, after);
    }

    @Test
    void aReconnectWhileRingingKeepsTheRingTimeMeasuredBeforeTheGap() throws Exception {
        List<List<String>> parts = split("ringing-reconnect.ami", "midring-1");
        List<String> all = FakeAmiServer.blocks("ringing-reconnect.ami");
        // first connection: the call starts ringing, then the PBX goes away; second: listing, the rest
        try (Run run = replay(new FakeAmiServer(List.of(
                new FakeAmiServer.Session(List.of(), parts.get(0), true),
                new FakeAmiServer.Session(parts.get(1), parts.get(2), false))))) {
            CallRecord call = onlyEndedCall();
            long expected = stateAt(all, "PJSIP/8001", 6) - stateAt(all, "PJSIP/8001", 5);
            assertEquals("8001", call.answeredBy(), "answered after the reconnect");
            assertTrue(Math.abs(call.ringMillis() - expected) <= 1,
                    "ring time across the reconnect: " + call.ringMillis() + " vs " + expected);
            assertTrue(Math.abs(call.ringMillis() - 6000) <= 250, "agent scripted to answer after 6 s");
            assertEquals(2, call.legs().size(), "no duplicate legs from the listing");
            assertTrue(run.connector().status().reconnects() >= 1, "it did reconnect");
        }
    }

    @Test
    void aRingStartLostInTheGapGivesNoRingTimeRatherThanAnInventedOne() throws Exception {
        List<List<String>> parts = split("ringing-reconnect.ami", "midring-1");
        List<String> beforeRinging = new java.util.ArrayList<>();
        for (String b : parts.get(0)) {
            if (b.startsWith("Event: Newstate") || b.startsWith("Event: DialState")) {
                break; // the ringing events are lost in the gap
            }
            beforeRinging.add(b);
        }
        try (Run run = replay(new FakeAmiServer(List.of(
                new FakeAmiServer.Session(List.of(), beforeRinging, true),
                new FakeAmiServer.Session(parts.get(1), parts.get(2), false))))) {
            // the events after the listing may end the call before the listing itself is applied
            await("the listing applied to the ended call", () -> store.all().size() == 1
                    && store.all().get(0).ended() && store.all().get(0).resynced());
            CallRecord call = onlyEndedCall();
            assertTrue(call.answered(), "answered after the gap");
            assertEquals("8001", call.answeredBy(), "by 8001");
            assertTrue(call.resynced(), "marked as reconstructed");
            assertNull(call.ringMillis(), "the first ring is unknown: no ring time, not 0 ms");
            assertNull(call.withinThreeRings(), "unknown, not a pass");
        }
    }

    @Test
    void aCallTransferredToAnotherPhoneKeepsWhoAnsweredFirstAndItsRingTime() throws Exception {
        List<String> events = FakeAmiServer.blocks("transfer.ami");
        try (Run run = replay(events, List.of())) {
            CallRecord call = onlyEndedCall();
            assertEquals("8001", call.answeredBy(), "the person who answered the hotline, not the target");
            long expected = stateAt(events, "PJSIP/8001", 6) - stateAt(events, "PJSIP/8001", 5);
            assertTrue(Math.abs(call.ringMillis() - expected) <= 1, "ring time of the first answer: "
                    + call.ringMillis() + " vs " + expected);
            LegRecord target = call.legs().stream().filter(l -> "8101".equals(l.endpoint())).findFirst()
                    .orElseThrow(() -> new AssertionError("transfer target leg missing: " + call.legs()));
            assertNotNull(target.answeredAt(), "the transfer target answered");
            assertTrue(call.ringNoAnswer().stream().noneMatch(a -> "8101".equals(a.extension())),
                    "the target answered: not a ring-no-answer");
            assertEquals(1, store.all().size(), "one call across the transfer");
        }
    }

    @Test
    void eventsOutOfOrderWithinACallGiveTheSameResult() throws Exception {
        List<String> events = new java.util.ArrayList<>(FakeAmiServer.blocks("answered-8001.ami"));
        // Asterisk does not fix the order of these pairs (seen on the real PBX): swap each pair
        swapFirst(events, "Event: Newstate", "ChannelState: 5", "Event: DialState");
        swapFirst(events, "Event: Newstate", "ChannelState: 6", "Event: DialEnd");
        long expected = stateAt(events, "PJSIP/8001", 6) - stateAt(events, "PJSIP/8001", 5);
        try (Run run = replay(events, List.of())) {
            CallRecord call = onlyEndedCall();
            assertEquals("8001", call.answeredBy(), "answered by");
            assertEquals(expected, (long) call.ringMillis(), 1, "same ring time whatever the order");
        }
    }

    /** Moves the first block starting with {@code next} in front of the block matching the first two. */
    private static void swapFirst(List<String> blocks, String prefix, String contains, String next) {
        for (int i = 0; i < blocks.size() - 1; i++) {
            if (blocks.get(i).startsWith(prefix) && blocks.get(i).contains(contains + "\n")) {
                for (int j = i + 1; j < blocks.size(); j++) {
                    if (blocks.get(j).startsWith(next)) {
                        blocks.add(i, blocks.remove(j));
                        return;
                    }
                }
            }
        }
        throw new AssertionError("pattern not in transcript: " + prefix + " / " + contains);
    }
}
