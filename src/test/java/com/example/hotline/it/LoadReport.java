package com.example.hotline.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load run compared call by call: every call SIPp placed (its caller number) must be stored by the
 * server once, have one ticket and one archived recording; for every call an agent answered, the
 * server's ring time against the ring time the answering phone measured itself. Pure: built from what
 * {@link LoadRun} collected; {@link #failures} says what makes the run fail.
 */
final class LoadReport {

    /** Ring-time error limit of the issue: p99 below this. */
    static final long RING_ERROR_P99_LIMIT_MS = 100;

    final Set<String> placed;
    final Map<String, Integer> stored = new HashMap<>();
    final Map<String, Integer> tickets = new HashMap<>();
    final Map<String, Integer> archived = new HashMap<>();
    final List<String> openCalls = new ArrayList<>();
    final List<Long> ringErrors = new ArrayList<>();
    final List<String> unmatchedAnswers = new ArrayList<>();
    final List<String> worstRing = new ArrayList<>();
    int answeredByAgents;
    int unanswered;
    final Map<String, String> figures = new LinkedHashMap<>();

    /**
     * @param placed callers SIPp placed, in order
     * @param agentRings per extension, per caller: the ms its phone rang before it answered (its own log)
     * @param calls, ticketList, recordings the server's /api answers, every page
     */
    LoadReport(Set<String> placed, Map<String, Map<String, Double>> agentRings, List<JsonNode> calls,
               List<JsonNode> ticketList, List<JsonNode> recordings) {
        this.placed = new LinkedHashSet<>(placed);
        for (JsonNode c : calls) {
            String caller = c.path("caller").asText();
            if (!placed.contains(caller)) {
                continue;
            }
            stored.merge(caller, 1, Integer::sum);
            if (!c.hasNonNull("endedAt")) {
                openCalls.add(caller);
            }
            String by = c.path("answeredBy").asText("");
            if (!c.path("answered").asBoolean() || by.isEmpty()) {
                unanswered++;
                continue;
            }
            answeredByAgents++;
            Double phone = agentRings.getOrDefault(by, Map.of()).get(caller);
            if (phone == null || !c.hasNonNull("ringMillis")) {
                unmatchedAnswers.add(caller + " (answered by " + by + ", ringMillis " + c.path("ringMillis") + ")");
                continue;
            }
            long err = c.path("ringMillis").asLong() - Math.round(phone);
            ringErrors.add(err);
            if (Math.abs(err) >= RING_ERROR_P99_LIMIT_MS && worstRing.size() < 10) {
                worstRing.add(caller + ": server " + c.path("ringMillis").asLong() + " ms, " + by + "'s phone "
                        + Math.round(phone) + " ms");
            }
        }
        for (JsonNode t : ticketList) {
            String phone = t.path("phone").asText();
            if (placed.contains(phone)) {
                tickets.merge(phone, 1, Integer::sum);
            }
        }
        for (JsonNode r : recordings) {
            String caller = r.path("caller").asText();
            if (placed.contains(caller) && r.path("archived").asBoolean()) {
                archived.merge(caller, 1, Integer::sum);
            }
        }
    }

    int placedCount() {
        return placed.size();
    }

    private static int missing(Set<String> all, Map<String, Integer> seen) {
        int n = 0;
        for (String c : all) {
            if (!seen.containsKey(c)) {
                n++;
            }
        }
        return n;
    }

    private static int duplicates(Map<String, Integer> seen) {
        return seen.values().stream().mapToInt(v -> Math.max(0, v - 1)).sum();
    }

    private static List<String> firstMissing(Set<String> all, Map<String, Integer> seen) {
        List<String> out = new ArrayList<>();
        for (String c : all) {
            if (!seen.containsKey(c) && out.size() < 10) {
                out.add(c);
            }
        }
        return out;
    }

    /** |error| percentile over the matched answered calls, ms; -1 without any. */
    long ringErrorPercentile(double p) {
        if (ringErrors.isEmpty()) {
            return -1;
        }
        List<Long> abs = new ArrayList<>();
        ringErrors.forEach(e -> abs.add(Math.abs(e)));
        Collections.sort(abs);
        int i = (int) Math.ceil(p / 100.0 * abs.size()) - 1;
        return abs.get(Math.max(0, Math.min(abs.size() - 1, i)));
    }

    /** What makes the run fail: any loss, duplicate, open call, unmatched answer, ring error p99 ≥ 100 ms. */
    List<String> failures() {
        List<String> f = new ArrayList<>();
        check(f, "stored", missing(placed, stored), duplicates(stored), firstMissing(placed, stored));
        check(f, "tickets", missing(placed, tickets), duplicates(tickets), firstMissing(placed, tickets));
        check(f, "archived recordings", missing(placed, archived), duplicates(archived),
                firstMissing(placed, archived));
        if (!openCalls.isEmpty()) {
            f.add(openCalls.size() + " calls never ended in the server, e.g. " + openCalls.subList(0,
                    Math.min(10, openCalls.size())));
        }
        if (!unmatchedAnswers.isEmpty()) {
            f.add(unmatchedAnswers.size() + " answered calls without the answering phone's log line or a ring time, "
                    + "e.g. " + unmatchedAnswers.subList(0, Math.min(5, unmatchedAnswers.size())));
        }
        if (ringErrors.isEmpty() && answeredByAgents > 0) {
            f.add("no ring time could be compared");
        } else if (ringErrorPercentile(99) >= RING_ERROR_P99_LIMIT_MS) {
            f.add("ring-time error p99 " + ringErrorPercentile(99) + " ms ≥ " + RING_ERROR_P99_LIMIT_MS + " ms; worst: "
                    + worstRing);
        }
        return f;
    }

    private static void check(List<String> f, String stage, int missing, int dups, List<String> examples) {
        if (missing > 0) {
            f.add(missing + " placed calls without " + stage + ", e.g. " + examples);
        }
        if (dups > 0) {
            f.add(dups + " duplicate " + stage);
        }
    }

    /** The summary table (Markdown, as pasted into the README). */
    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| figure | value |\n|---|---:|\n");
        row(sb, "calls placed (SIPp)", Integer.toString(placedCount()));
        row(sb, "calls stored by the server (once each)", stored.size() + " (lost " + missing(placed, stored)
                + ", duplicates " + duplicates(stored) + ", never ended " + openCalls.size() + ")");
        row(sb, "tickets", tickets.size() + " (lost " + missing(placed, tickets) + ", duplicates "
                + duplicates(tickets) + ")");
        row(sb, "recordings archived", archived.size() + " (lost " + missing(placed, archived) + ", duplicates "
                + duplicates(archived) + ")");
        row(sb, "answered by an agent / not answered", answeredByAgents + " / " + unanswered);
        row(sb, "ring-time error p50 / p99 / max (server vs phone, absolute ms, " + ringErrors.size() + " calls)",
                ringErrorPercentile(50) + " / " + ringErrorPercentile(99) + " / " + ringErrorPercentile(100));
        figures.forEach((k, v) -> row(sb, k, v));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
}
