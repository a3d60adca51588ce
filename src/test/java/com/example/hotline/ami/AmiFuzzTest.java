package com.example.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallTracker;
import com.example.hotline.call.InMemoryCallStore;
import com.example.hotline.call.RingRule;
import com.example.hotline.config.ConfigLoader;
import com.example.hotline.config.HotlineConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged AMI input (issue 8): thousands of events mutated from the real captures — fields missing,
 * values of 64 KB, bytes that are not UTF-8, timestamps and states that are not numbers, lines
 * without a colon, unknown events, duplicates — go through the real asterisk-java connection, the
 * translator and the tracker, followed by one clean call. Nothing may crash: the clean call is then
 * tracked exactly as in {@link AmiReplayTest}, on the same connection. Seeded, so a failure repeats.
 */
class AmiFuzzTest {

    private static final int DAMAGED = 3_000;
    private static final String[] CAPTURES = {"answered-8001.ami", "reject-then-answer.ami", "abandoned.ami",
        "transfer.ami", "ringing-reconnect.ami"};

    @Test
    void damagedEventsNeitherCrashTheTrackerNorSpoilTheNextCall() throws Exception {
        Random random = new Random(20261123L);
        List<String> pool = new ArrayList<>();
        for (String c : CAPTURES) {
            pool.addAll(FakeAmiServer.blocks(c).stream().filter(b -> b.startsWith("Event:")).toList());
        }
        List<String> events = new ArrayList<>();
        int[] kinds = new int[Mutation.values().length];
        // -Dfuzz.only=NAME,NAME narrows the damage to some mutations (to find which one a failure needs)
        List<Mutation> use = System.getProperty("fuzz.only", "").isBlank() ? List.of(Mutation.values())
                : java.util.Arrays.stream(System.getProperty("fuzz.only").split(",")).map(Mutation::valueOf).toList();
        for (int i = 0; i < DAMAGED; i++) {
            // damaged calls get ids of their own, so they cannot touch the clean call below
            String block = pool.get(random.nextInt(pool.size()))
                    .replaceAll("(?m)^(Uniqueid|Linkedid|DestUniqueid|DestLinkedid): (.*)$", "$1: fz" + (i % 97) + "-$2");
            Mutation m = use.get(random.nextInt(use.size()));
            kinds[m.ordinal()]++;
            String damaged = m.apply(block, random);
            if (damaged.contains("Event: Bridge")) {
                // asterisk-java's own bridge bookkeeping throws on its reader thread for a bridge event
                // without BridgeUniqueid, Channel or Uniqueid and drops the connection (see the next test):
                // keep them here so the rest of the damage reaches the server on one connection
                if (!damaged.contains("BridgeUniqueid: ")) {
                    damaged += "\nBridgeUniqueid: fz-bridge-" + i;
                }
                if (!damaged.contains("\nChannel: ")) {
                    damaged += "\nChannel: PJSIP/fz-" + i;
                }
                if (!damaged.contains("\nUniqueid: ")) {
                    damaged += "\nUniqueid: fz-" + i + ".1";
                }
            }
            events.add(damaged);
        }
        List<String> clean = FakeAmiServer.blocks("answered-8001.ami");
        events.addAll(clean);

        InMemoryCallStore store = new InMemoryCallStore();
        try (FakeAmiServer server = new FakeAmiServer(events, List.of())) {
            HotlineConfig cfg = ConfigLoader.load(null, Map.of("HOTLINE_AMI_PORT", Integer.toString(server.port())));
            CallTracker tracker = new CallTracker(RingRule.china(), store, "from-carrier", "400");
            try (CallEventQueue queue = new CallEventQueue(tracker, 50_000, Duration.ofSeconds(1));
                 AmiConnector connector = new AmiConnector(cfg.ami(), queue, Clock.systemUTC())) {
                connector.start();
                String linkedId = clean.stream().filter(b -> b.contains("Linkedid: "))
                        .map(b -> b.replaceAll("(?s).*Linkedid: ([^\\n]+).*", "$1").strip()).findFirst().orElseThrow();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                Optional<CallRecord> call = Optional.empty();
                while (System.nanoTime() < deadline) {
                    call = store.all().stream().filter(c -> c.linkedId().equals(linkedId) && c.ended()).findFirst();
                    if (call.isPresent()) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertTrue(call.isPresent(), "the clean call after " + DAMAGED + " damaged events was tracked; "
                        + "AMI status " + connector.status());
                CallRecord c = call.get();
                assertEquals("8001", c.answeredBy(), "answered by 8001: " + c);
                assertTrue(Math.abs(c.ringMillis() - 4000) <= 250, "ring time intact: " + c.ringMillis());
                assertEquals(1, c.rings(), "one ring");
                assertEquals(2, c.legs().size(), "no damaged leg joined the clean call: " + c.legs());
                assertTrue(connector.status().connected(), "still connected: " + connector.status());
                assertEquals(0, connector.status().reconnects(), "no damaged event cost the connection");
                long stored = store.all().stream().filter(x -> x.linkedId().startsWith("fz")).count();
                System.out.printf("AmiFuzzTest: %d damaged events (%s) then a clean call; %d damaged calls "
                        + "kept, clean call tracked (ring %d ms), reconnects %d%n", DAMAGED, summary(kinds), stored,
                        c.ringMillis(), connector.status().reconnects());
            }
        }
    }

    @Test
    void aBridgeEventWithoutItsIdCostsAReconnectButNotTheNextCall() throws Exception {
        // a fault of asterisk-java 3.42 (BridgesActive.createBridge puts a null key and its reader thread
        // dies): the connector notices, reconnects and resyncs, and the next call is tracked normally
        String damaged = "Event: BridgeCreate\nPrivilege: call,all\nTimestamp: 1795434020.000000\n"
                + "BridgeType: basic\nBridgeTechnology: simple_bridge";
        List<String> clean = FakeAmiServer.blocks("answered-8001.ami");
        InMemoryCallStore store = new InMemoryCallStore();
        try (FakeAmiServer server = new FakeAmiServer(List.of(
                new FakeAmiServer.Session(List.of(), List.of(damaged), false),
                new FakeAmiServer.Session(List.of(), clean, false)))) {
            HotlineConfig cfg = ConfigLoader.load(null, Map.of("HOTLINE_AMI_PORT", Integer.toString(server.port())));
            CallTracker tracker = new CallTracker(RingRule.china(), store, "from-carrier", "400");
            try (CallEventQueue queue = new CallEventQueue(tracker, 1_000, Duration.ofSeconds(1));
                 AmiConnector connector = new AmiConnector(cfg.ami(), queue, Clock.systemUTC())) {
                connector.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline && (store.all().isEmpty() || !store.all().get(0).ended())) {
                    Thread.sleep(50);
                }
                assertEquals(1, store.all().size(), "the call after the reconnect: " + store.all());
                assertEquals("8001", store.all().get(0).answeredBy(), "tracked normally");
                assertTrue(connector.status().reconnects() >= 1, "the dead reader was noticed: " + connector.status());
                System.out.printf("AmiFuzzTest: BridgeCreate without BridgeUniqueid -> asterisk-java reader died, "
                        + "%d reconnect(s), next call tracked%n", connector.status().reconnects());
            }
        }
    }

    private static String summary(int[] kinds) {
        StringBuilder b = new StringBuilder();
        for (Mutation m : Mutation.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(m.name().toLowerCase()).append(' ').append(kinds[m.ordinal()]);
        }
        return b.toString();
    }

    /** Ways one event block is damaged. */
    private enum Mutation {
        DROP_FIELD {
            @Override String apply(String block, Random r) {
                List<String> lines = new ArrayList<>(List.of(block.split("\n")));
                if (lines.size() > 1) {
                    lines.remove(1 + r.nextInt(lines.size() - 1));
                }
                return String.join("\n", lines);
            }
        },
        HUGE_VALUE {
            @Override String apply(String block, Random r) {
                return replaceValue(block, r, "x".repeat(64 * 1024));
            }
        },
        NOT_UTF8 {
            @Override String apply(String block, Random r) {
                // invalid UTF-8: a lone continuation byte, a truncated sequence, 0xFF
                return FakeAmiServer.RAW + replaceValue(block, r, "\u0080\u00c3(\u00ff\u00fe").replace("\n", "\r\n");
            }
        },
        BAD_NUMBER {
            @Override String apply(String block, Random r) {
                String[] bad = {"abc", "", "-1", "99999999999999999999999", "NaN", "1e309", "0x10", " "};
                String v = bad[r.nextInt(bad.length)];
                return block.replaceAll("(?m)^(Timestamp|ChannelState|Cause|Priority): .*$", "$1: " + v);
            }
        },
        NO_COLON {
            @Override String apply(String block, Random r) {
                return block + "\nthis line has no colon\n:\n::::";
            }
        },
        UNKNOWN_EVENT {
            @Override String apply(String block, Random r) {
                return block.replaceFirst("^Event: \\S*", "Event: Fz" + Integer.toHexString(r.nextInt()));
            }
        },
        NO_EVENT_NAME {
            @Override String apply(String block, Random r) {
                return block.replaceFirst("^Event: \\S*", "Event:");
            }
        },
        TRUNCATED {
            @Override String apply(String block, Random r) {
                return block.substring(0, Math.max(7, r.nextInt(block.length())));
            }
        };

        abstract String apply(String block, Random r);

        static String replaceValue(String block, Random r, String value) {
            List<String> lines = new ArrayList<>(List.of(block.split("\n")));
            int i = 1 + r.nextInt(Math.max(1, lines.size() - 1));
            if (i < lines.size()) {
                String line = lines.get(i);
                int colon = line.indexOf(": ");
                lines.set(i, (colon < 0 ? line : line.substring(0, colon)) + ": " + value);
            }
            return String.join("\n", lines);
        }
    }
}
