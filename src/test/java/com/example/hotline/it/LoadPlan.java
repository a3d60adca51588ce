package com.example.hotline.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the load driver places: {@code rate} new calls a second, at most {@code concurrent} at once, for
 * {@code seconds}; every caller talks {@code talkMs} once answered and gives up after {@code maxRingMs}.
 * Each call gets its own caller number {@code 13DDDDSSSSS}: DDDD the scripted ring delay in 10 ms (the
 * load agents answer after it, {@value #NEVER} = nobody answers), SSSSS its sequence number, so every
 * call can be matched with the server's records and its scripted delay. Delays are drawn from a seeded
 * random: {@code neverPercent} of the calls are never answered, the others after 0.5 s to
 * {@code maxDelayMs}. Immutable.
 */
record LoadPlan(double rate, int concurrent, int seconds, int talkMs, int maxRingMs, int maxDelayMs,
                int neverPercent, long seed, List<String> agents) {

    static final int NEVER = 9999;

    /** One planned call: its caller number and scripted ring delay (-1 = never answered). */
    record PlannedCall(String caller, int delayMs) {}

    int calls() {
        return (int) Math.round(rate * seconds);
    }

    /** The planned calls, in the order SIPp places them. */
    List<PlannedCall> plannedCalls() {
        Random random = new Random(seed);
        List<PlannedCall> out = new ArrayList<>();
        for (int i = 1; i <= calls(); i++) {
            boolean never = random.nextInt(100) < neverPercent;
            int code = never ? NEVER : (50 + random.nextInt(Math.max(1, maxDelayMs / 10 - 50)));
            out.add(new PlannedCall(String.format("13%04d%05d", code, i), never ? -1 : code * 10));
        }
        return out;
    }

    /** Writes SIPp's injection file: one caller a line, taken in order. */
    Path writeInjectionFile(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("SEQUENTIAL\n");
        for (PlannedCall c : plannedCalls()) {
            sb.append(c.caller()).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.US_ASCII);
        return file;
    }

    /**
     * Reads {@code --rate=5 --concurrent=60 --minutes=5 [--seconds=N] --talk-ms=6500 --max-ring-ms=15000
     * --max-delay-ms=10000 --never-percent=10 --seed=1 --agents=8001,8002,8003,8004,8005}; unknown or bad
     * options are an {@link IllegalArgumentException} naming them.
     */
    static LoadPlan parse(String... args) {
        Map<String, String> o = new LinkedHashMap<>(Map.of("rate", "5", "concurrent", "60", "minutes", "5",
                "talk-ms", "6500", "max-ring-ms", "15000", "max-delay-ms", "10000", "never-percent", "10",
                "seed", "1", "agents", "8001,8002,8003,8004,8005"));
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("bad argument '" + a + "' (expected --name=value)");
            }
            String key = a.substring(2, eq);
            if (!o.containsKey(key) && !key.equals("seconds")) {
                throw new IllegalArgumentException("unknown option --" + key + " (known: " + o.keySet()
                        + ", seconds)");
            }
            o.put(key, a.substring(eq + 1));
        }
        int seconds = o.containsKey("seconds") ? positive(o, "seconds")
                : (int) Math.round(Double.parseDouble(o.get("minutes")) * 60);
        LoadPlan plan = new LoadPlan(Double.parseDouble(o.get("rate")), positive(o, "concurrent"), seconds,
                positive(o, "talk-ms"), positive(o, "max-ring-ms"), positive(o, "max-delay-ms"),
                Integer.parseInt(o.get("never-percent")), Long.parseLong(o.get("seed")),
                List.of(o.get("agents").split(",")));
        if (plan.rate() <= 0 || plan.calls() < 1 || plan.calls() > 99_999) {
            throw new IllegalArgumentException("--rate × duration must give 1 to 99,999 calls: " + plan.calls());
        }
        if (plan.maxDelayMs() > 99_980 || plan.maxDelayMs() < 600 || plan.maxDelayMs() >= plan.maxRingMs()) {
            throw new IllegalArgumentException("--max-delay-ms must be 600..99980 and below --max-ring-ms");
        }
        if (plan.neverPercent() < 0 || plan.neverPercent() > 100) {
            throw new IllegalArgumentException("--never-percent must be 0..100");
        }
        return plan;
    }

    private static int positive(Map<String, String> o, String key) {
        int v;
        try {
            v = Integer.parseInt(o.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number: " + o.get(key));
        }
        if (v <= 0) {
            throw new IllegalArgumentException("--" + key + " must be positive: " + v);
        }
        return v;
    }

    @Override
    public String toString() {
        return String.format("%s calls/s, at most %d at once, %d s (%d calls), talk %d ms, callers give up after %d ms,"
                + " ring delays 0.5-%.1f s, %d %% never answered, seed %d, agents %s", rate, concurrent, seconds,
                calls(), talkMs, maxRingMs, maxDelayMs / 1000.0, neverPercent, seed, agents);
    }
}
