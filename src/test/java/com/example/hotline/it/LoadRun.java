package com.example.hotline.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One load run against the real local PBX and the real server jar: starts the PBX ({@code deploy/pbx.sh}),
 * the server on a fresh data directory (embedded PostgreSQL, time zone UTC), one SIPp UAS per agent
 * ({@code load-agent.xml}: takes any number of calls at once, answers after the delay in the caller's
 * number) and one SIPp caller ({@code load-caller.xml} with an injection file of unique callers) at the
 * plan's rate and concurrency; then waits until the server has ended every call, runs the archive
 * job for the day and compares call by call ({@link LoadReport}). Used by {@link LoadDriver}
 * ({@code deploy/load.sh}), {@code LoadIT} and {@code PbxRestartLoadIT}. Single-threaded but for the
 * {@link ProcessSampler}.
 */
final class LoadRun implements AutoCloseable {

    private final LoadPlan plan;
    private final Path work;
    private final Path logs;
    private final PrintStream out;
    private Pbx pbx;
    private ServerProcess server;
    private ProcessSampler sampler;
    private Process caller;
    private Instant startedAt;
    private String loadBefore;
    private final Map<String, Process> agents = new HashMap<>();

    LoadRun(LoadPlan plan, Path work, Path logs, PrintStream out) {
        this.plan = plan;
        this.work = work;
        this.logs = logs;
        this.out = out;
    }

    Pbx pbx() {
        return pbx;
    }

    ServerProcess server() {
        return server;
    }

    /** Starts the PBX, the server and the agents' phones; returns once every phone is registered. */
    void start() throws Exception {
        Pbx.requireCommand("sipp", "Debian package sip-tester (deploy/install-packages.sh)");
        pbx = new Pbx(logs);
        server = ServerProcess.start(work, logs.resolve("server.log"), "load-admin",
                Map.of("HOTLINE_TIME_ZONE", "UTC", "HOTLINE_ARCHIVE_THREADS", "2"));
        server.awaitAmiUp(Duration.ofSeconds(120));
        for (String ext : plan.agents()) {
            int n = Integer.parseInt(ext.substring(ext.length() - 1));
            int sipPort = 5100 + n;
            Process uas = pbx.sipp(List.of("-sf", Pbx.SIPP_DIR.resolve("load-agent.xml").toString(), "-i", "127.0.0.1",
                    "-p", Integer.toString(sipPort), "-mp", Integer.toString(6000 + n * 100), "-aa", "-nostdin",
                    "-timeout", Integer.toString(plan.seconds() + 900), "-trace_logs", "-log_file",
                    agentLog(ext).toString()), "load-agent-" + ext);
            agents.put(ext, uas);
        }
        Thread.sleep(300); // let the UAS processes bind before the PBX learns their contacts
        registerAgents();
        out.printf("load: server pid %d on port %d, agents %s registered; %s%n", server.handle().pid(),
                server.httpPort, plan.agents(), plan);
    }

    /** (Re-)registers every agent's phone (a restarted PBX keeps no registrations). */
    void registerAgents() throws IOException, InterruptedException {
        for (String ext : plan.agents()) {
            Process uas = agents.get(ext);
            if (!uas.isAlive()) {
                throw new AssertionError("agent " + ext + " SIPp exited (" + uas.exitValue() + "), see " + logs);
            }
            pbx.registerPhone(ext, 5100 + Integer.parseInt(ext.substring(ext.length() - 1)));
        }
    }

    private Path agentLog(String ext) {
        return logs.resolve("load-agent-" + ext + ".log");
    }

    /** Starts the caller at the plan's rate; returns at once. */
    void startCalling() throws IOException {
        Path inf = plan.writeInjectionFile(work.resolve("callers.csv"));
        sampler = new ProcessSampler(server.handle(), work.resolve("data/pg").toString());
        loadBefore = ProcessSampler.loadAverage();
        startedAt = Instant.now();
        caller = pbx.sipp(List.of("-sf", Pbx.SIPP_DIR.resolve("load-caller.xml").toString(), "-inf", inf.toString(),
                "-i", "127.0.0.2", "-p", "5060", "-mp", "6000", "-s", "400", "-r", Double.toString(plan.rate()),
                "-rp", "1000", "-l", Integer.toString(plan.concurrent()), "-m", Integer.toString(plan.calls()),
                "-set", "max_ring_ms", Integer.toString(plan.maxRingMs()), "-set", "talk_ms",
                Integer.toString(plan.talkMs()), "-nostdin", "-timeout", Integer.toString(plan.seconds() + 600),
                "-trace_logs", "-log_file", logs.resolve("load-caller.log").toString(), "-trace_stat", "-stf",
                logs.resolve("load-caller-stat.csv").toString(), "-fd", "5", "127.0.0.1:5060"), "load-caller");
    }

    /** Waits for the caller to place and finish every call, printing progress every 15 s. */
    void awaitCaller() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.seconds() + 600);
        long nextPrint = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!caller.waitFor(1, TimeUnit.SECONDS)) {
            if (System.nanoTime() > deadline) {
                caller.destroyForcibly();
                throw new AssertionError("the SIPp caller did not finish in time, see " + logs);
            }
            if (System.nanoTime() > nextPrint) {
                nextPrint += TimeUnit.SECONDS.toNanos(15);
                Map<String, String> s = SippStats.last(logs.resolve("load-caller-stat.csv"));
                ProcessSampler.Figures f = sampler.figures();
                out.printf("load: %3.0f s: created %s, current %s, ok %s, failed %s; server CPU %.0f %% + postgres %.0f %%,"
                        + " RSS %d MB; load average %s%n", f.seconds(), s.get("TotalCallCreated"), s.get("CurrentCall"),
                        s.get("SuccessfulCall(C)"), s.get("FailedCall(C)"), f.jvmCpuPercent(), f.childCpuPercent(),
                        f.peakJvmRssMb(), ProcessSampler.loadAverage());
            }
        }
        out.printf("load: the caller finished (exit %d) after %d s%n", caller.exitValue(),
                Duration.between(startedAt, Instant.now()).toSeconds());
    }

    /** Callers of the calls SIPp placed (its own log), in order. */
    Set<String> placed() throws IOException {
        Set<String> placed = new LinkedHashSet<>();
        for (String line : Files.readAllLines(logs.resolve("load-caller.log"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("PLACED ")) {
                placed.add(line.split(" ")[1]);
            }
        }
        return placed;
    }

    /** Waits until the server has every placed call ended, at most {@code timeout}. */
    List<JsonNode> awaitCallsEnded(Set<String> placed, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> calls = pages("/api/calls?from=" + from());
            long ended = calls.stream().filter(c -> placed.contains(c.path("caller").asText())
                    && c.hasNonNull("endedAt")).count();
            if (ended >= placed.size() || System.nanoTime() > deadline) {
                return calls;
            }
            Thread.sleep(1_000);
        }
    }

    private String from() {
        return startedAt.minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Every page of a list route (1,000 a page). */
    List<JsonNode> pages(String route) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = server.json(route + (route.contains("?") ? "&" : "?") + "limit=1000&offset=" + offset);
            page.forEach(all::add);
            if (page.size() < 1000) {
                return all;
            }
        }
    }

    /**
     * Runs the archive job for today (UTC) until nothing of ours is left waiting (a raw file changed in
     * the last 30 s is left for the next run), at most five runs; returns the last run's answer.
     */
    JsonNode archive(Set<String> placed) throws Exception {
        JsonNode last = null;
        for (int run = 1; run <= 5; run++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = server.post("/api/jobs/archive?date=" + LocalDate.now(ZoneOffset.UTC),
                    "text/plain", "", Duration.ofMinutes(60));
            if (r.statusCode() != 200) {
                throw new AssertionError("archive run answered " + r.statusCode() + ": " + r.body());
            }
            last = ServerProcess.JSON.readTree(r.body());
            out.printf("load: archive run %d: %s (%d s)%n", run, r.body(), (System.nanoTime() - t0) / 1_000_000_000);
            long ours = pages("/api/recordings?from=" + from()).stream()
                    .filter(x -> placed.contains(x.path("caller").asText()) && x.path("archived").asBoolean()).count();
            if (ours >= placed.size() || last.path("skipped").asInt() == 0 && last.path("pending").asInt() == 0) {
                return last;
            }
            Thread.sleep(35_000); // the job leaves files changed in the last 30 s
        }
        return last;
    }

    /** Per extension, per caller: how long the phone rang before answering, from its own log. */
    Map<String, Map<String, Double>> agentRings() throws IOException {
        Map<String, Map<String, Double>> rings = new HashMap<>();
        for (String ext : plan.agents()) {
            Map<String, Double> m = new HashMap<>();
            Path log = agentLog(ext);
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                    String[] f = line.split(" ");
                    if (f.length >= 3 && f[0].equals("ANSWER")) {
                        m.put(f[1], Double.parseDouble(f[2]));
                    }
                }
            }
            rings.put(ext, m);
        }
        return rings;
    }

    /** After the caller: drain, archive, compare. */
    LoadReport finish() throws Exception {
        Set<String> placed = placed();
        List<JsonNode> calls = awaitCallsEnded(placed, Duration.ofSeconds(90));
        sampler.stop();
        ProcessSampler.Figures fig = sampler.figures();
        String loadAfter = ProcessSampler.loadAverage();
        Thread.sleep(2_000); // the last BYEs reach the phones
        for (Process p : agents.values()) {
            p.destroy();
        }
        // the calls and tickets before the (long) archive job, so a run cut short still has its figures
        LoadReport before = new LoadReport(placed, agentRings(), calls, pages("/api/tickets?from=" + from()),
                List.of());
        figures(before, fig, loadAfter);
        out.println("load: before the archive job (recordings not archived yet):");
        out.print(before.table());
        JsonNode archive = archive(placed);
        LoadReport report = new LoadReport(placed, agentRings(), pages("/api/calls?from=" + from()),
                pages("/api/tickets?from=" + from()), pages("/api/recordings?from=" + from()));
        figures(report, fig, loadAfter);
        report.figures.put("archive job (last run)", "archived " + archive.path("archived").asInt() + ", failed "
                + archive.path("failed").asInt() + ", lost " + archive.path("lost").asInt() + ", "
                + archive.path("millis").asLong() / 1000 + " s");
        return report;
    }

    private void figures(LoadReport report, ProcessSampler.Figures fig, String loadAfter) {
        Map<String, String> s = SippStats.last(logs.resolve("load-caller-stat.csv"));
        report.figures.put("SIPp: created / successful / failed", s.get("TotalCallCreated") + " / "
                + s.get("SuccessfulCall(C)") + " / " + s.get("FailedCall(C)"));
        report.figures.put("SIPp: peak concurrent calls", Long.toString(SippStats.max(
                logs.resolve("load-caller-stat.csv"), "CurrentCall")));
        report.figures.put("server JVM CPU (% of one core, mean over the load)", String.format("%.1f",
                fig.jvmCpuPercent()));
        report.figures.put("embedded PostgreSQL CPU (% of one core)", String.format("%.1f", fig.childCpuPercent()));
        report.figures.put("server JVM peak RSS (MB) / PostgreSQL peak RSS (MB)", fig.peakJvmRssMb() + " / "
                + fig.peakChildRssMb());
        report.figures.put("load average (1/5/15 min) before / after the calls", loadBefore + " / " + loadAfter);
        report.figures.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public void close() throws Exception {
        if (sampler != null) {
            sampler.close();
        }
        if (caller != null && caller.isAlive()) {
            caller.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }
}
