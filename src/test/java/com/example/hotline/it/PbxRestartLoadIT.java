package com.example.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Asterisk restarted in the middle of load (issue 8): calls run through the real PBX at 2 calls/s; after
 * 30 s {@code deploy/pbx.sh stop} cuts the calls in progress and {@code start} brings the PBX back
 * (the agents register again) while the caller goes on. Afterwards every call the PBX handled — each
 * caller in its CDR file and each call the server saw — is in the server exactly once, ended, with a
 * ticket; the calls cut by the restart are closed with an end reason ("cut: the PBX shut down", or the
 * AMI gap when the shutdown was not seen), and calls
 * whose events were missed are filled in from the PBX's CDR (README, Reconciliation after an AMI gap).
 */
class PbxRestartLoadIT {

    static final Path CDR = Pbx.ROOT.resolve("var/log/asterisk/cdr-csv/Master.csv");

    @Test
    void everyCallThatHappenedIsInTheServerOnceAfterAPbxRestartUnderLoad(TestInfo info) throws Exception {
        Fixture f = Fixture.of(info);
        LoadPlan plan = LoadPlan.parse("--rate=2", "--concurrent=20", "--seconds=90", "--talk-ms=4000",
                "--max-delay-ms=6000", "--max-ring-ms=13000", "--seed=7");
        try (LoadRun run = new LoadRun(plan, f.work, f.logs, System.out)) {
            run.start();
            long cdrFrom = Files.exists(CDR) ? Files.size(CDR) : 0;
            run.startCalling();
            Thread.sleep(30_000);
            long t0 = System.nanoTime();
            run.pbx().stop();
            run.pbx().start();
            run.registerAgents();
            System.out.printf("PbxRestartLoadIT: PBX stopped and started again in %d ms under load%n",
                    (System.nanoTime() - t0) / 1_000_000);
            run.awaitCaller();

            Set<String> placed = run.placed();
            List<JsonNode> calls = run.awaitCallsEnded(placed, Duration.ofSeconds(120));
            Thread.sleep(5_000); // CDRs of the last calls
            Set<String> inCdr = cdrCallers(CDR, cdrFrom, placed);
            Map<String, List<JsonNode>> byCaller = new HashMap<>();
            for (JsonNode c : calls) {
                if (placed.contains(c.path("caller").asText())) {
                    byCaller.computeIfAbsent(c.path("caller").asText(), k -> new ArrayList<>()).add(c);
                }
            }
            List<String> problems = new ArrayList<>();
            int cut = 0;
            int fromCdr = 0;
            for (Map.Entry<String, List<JsonNode>> e : byCaller.entrySet()) {
                if (e.getValue().size() != 1) {
                    problems.add(e.getKey() + " stored " + e.getValue().size() + " times");
                }
                JsonNode c = e.getValue().get(0);
                if (!c.hasNonNull("endedAt")) {
                    problems.add(e.getKey() + " never ended: " + c);
                }
                String why = c.path("hangupCauseText").asText("");
                if (why.startsWith("cut: the PBX") || why.contains("AMI connection was down")) {
                    cut++;
                }
                if (why.contains("PBX CDR")) {
                    fromCdr++;
                }
            }
            for (String caller : inCdr) {
                if (!byCaller.containsKey(caller)) {
                    problems.add(caller + " is in the PBX's CDR but not in the server");
                }
            }
            Set<String> ticketed = new TreeSet<>();
            for (JsonNode t : run.pages("/api/tickets")) {
                if (placed.contains(t.path("phone").asText()) && !ticketed.add(t.path("phone").asText())) {
                    problems.add(t.path("phone").asText() + " has two tickets");
                }
            }
            for (String caller : byCaller.keySet()) {
                if (!ticketed.contains(caller)) {
                    problems.add(caller + " stored without a ticket");
                }
            }
            System.out.printf("PbxRestartLoadIT: placed %d, in the PBX's CDR %d, stored %d, ticketed %d; closed by the "
                    + "restart or the AMI gap %d, filled in from the CDR %d%n", placed.size(), inCdr.size(),
                    byCaller.size(), ticketed.size(), cut, fromCdr);
            assertEquals(List.of(), problems, "every call that happened is in the server once, ended, ticketed");
            assertTrue(cut >= 1, "the restart cut calls in progress, closed with an end reason");
            assertTrue(byCaller.size() >= placed.size() / 2, "most calls happened: " + byCaller.size());
        }
    }

    /** Callers of hotline records in the PBX's cdr_csv file written after byte {@code from}. */
    static Set<String> cdrCallers(Path file, long from, Set<String> placed) throws Exception {
        Set<String> out = new TreeSet<>();
        if (!Files.exists(file)) {
            throw new AssertionError("the PBX wrote no CDR file " + file + " (cdr_csv in deploy/asterisk/modules.conf)");
        }
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            if (f.length > 5) {
                String src = f[1].replace("\"", "");
                String context = f[3].replace("\"", "");
                if (placed.contains(src) && context.startsWith("hotline") && !f[5].startsWith("\"Local/")) {
                    out.add(src);
                }
            }
        }
        return out;
    }
}
