package com.example.hotline.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real local Asterisk 22 ({@code deploy/pbx.sh}) and real SIP peers (SIPp scenarios in
 * {@code src/test/sipp}). A missing prerequisite fails the test with a message; nothing is skipped.
 * Every SIPp process is bounded ({@code -m}, {@code -timeout}) and killed at {@link #close}.
 */
final class Pbx implements AutoCloseable {

    static final Path BASEDIR = Path.of(System.getProperty("hotline.basedir", ".")).toAbsolutePath();
    static final Path SIPP_DIR = BASEDIR.resolve("src/test/sipp");
    static final Path ROOT = Path.of(System.getenv().getOrDefault("HOTLINE_PBX_ROOT", "/var/lib/hotline-pbx/root"));

    private final Path logDir;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> registered = new ArrayList<>();
    private final Map<String, String> passwords;
    private int spawned;

    /** A running SIPp phone and its SIP message trace (ground truth for ring times). */
    record Phone(Process process, Path messages) {}

    Pbx(Path logDir) throws IOException, InterruptedException {
        this.logDir = logDir;
        Files.createDirectories(logDir);
        requireCommand("sipp", "Debian package sip-tester (deploy/install-packages.sh)");
        requireCommand("ffmpeg", "Debian package ffmpeg (deploy/install-packages.sh)");
        script(Duration.ofMinutes(15), "start");
        passwords = new HashMap<>();
        for (String line : script(Duration.ofSeconds(30), "credentials").split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 2) {
                passwords.put(p[0], p[1]);
            }
        }
        if (!passwords.containsKey("8001")) {
            throw new AssertionError("deploy/pbx.sh credentials printed no password for 8001");
        }
    }

    static void requireCommand(String command, String from) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        if (p.waitFor() != 0) {
            throw new AssertionError("prerequisite missing: '" + command + "' is not installed (" + from + ")");
        }
    }

    /** Runs {@code deploy/pbx.sh ARGS}; fails the test with its output on a non-zero exit. */
    String script(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", BASEDIR.resolve("deploy/pbx.sh").toString()));
        cmd.addAll(List.of(args));
        Path out = logDir.resolve("pbx-" + String.join("-", args) + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("deploy/pbx.sh " + String.join(" ", args) + " took longer than " + timeout);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("deploy/pbx.sh " + String.join(" ", args) + " failed (" + p.exitValue()
                    + "):\n" + text);
        }
        return text;
    }

    void stop() throws IOException, InterruptedException {
        script(Duration.ofMinutes(2), "stop");
    }

    void start() throws IOException, InterruptedException {
        script(Duration.ofMinutes(15), "start");
    }

    /** Runs an Asterisk CLI command in the local PBX and returns what it printed. */
    String cli(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("chroot", ROOT.toString(), "asterisk", "-rx", command).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("asterisk -rx '" + command + "' failed: " + out);
        }
        return out;
    }

    /** Sends {@code signal} (STOP, CONT, ...) to the local PBX's Asterisk processes; returns their pids. */
    List<Long> signal(String signal) throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        Path root = ROOT.toRealPath();
        try (java.util.stream.Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(h -> h.info().command().map(c -> c.endsWith("/asterisk")).orElse(false)).forEach(h -> {
                try {
                    if (Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "root")).equals(root)) {
                        pids.add(h.pid());
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            });
        }
        if (pids.isEmpty()) {
            throw new AssertionError("no Asterisk process of " + root + " to send " + signal);
        }
        for (long pid : pids) {
            Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            if (!k.waitFor(5, TimeUnit.SECONDS) || k.exitValue() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " failed");
            }
        }
        return pids;
    }

    /** How an agent's phone behaves when the call reaches it. */
    enum Agent { ANSWER, REJECT, NO_ANSWER }

    /**
     * Starts agent {@code ext}'s phone (a SIPp UAS taking up to {@code calls} calls) and registers it
     * with digest auth; returns when the registration succeeded.
     */
    Phone agent(String ext, Agent behaviour, int ringMs, int calls) throws IOException, InterruptedException {
        int n = Integer.parseInt(ext.substring(ext.length() - 1));
        boolean department = ext.startsWith("81");
        int sipPort = (department ? 5200 : 5100) + n;
        int rtpPort = (department ? 7000 : 6000) + n * 100;
        Path messages = logDir.resolve("agent-" + ext + "-" + (++spawned) + "-messages.log");
        List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", scenario(switch (behaviour) {
            case ANSWER -> "agent-answer.xml";
            case REJECT -> "agent-reject.xml";
            case NO_ANSWER -> "agent-noanswer.xml";
        }), "-i", "127.0.0.1", "-p", Integer.toString(sipPort), "-mp", Integer.toString(rtpPort),
                "-m", Integer.toString(calls), "-aa", "-nostdin", "-timeout", "300",
                "-trace_msg", "-message_file", messages.toString()));
        if (behaviour != Agent.NO_ANSWER) {
            cmd.addAll(List.of("-set", "ring_ms", Integer.toString(ringMs)));
        }
        if (behaviour == Agent.ANSWER) {
            cmd.addAll(List.of("-set", "talk_ms", "0"));
        }
        Process uas = spawn(cmd, "agent-" + ext);
        Thread.sleep(300); // let the UAS bind before the PBX learns its contact
        if (!uas.isAlive()) {
            throw new AssertionError("agent " + ext + " SIPp exited at once, see " + logDir);
        }
        register(ext, sipPort, 3600);
        registered.add(ext);
        return new Phone(uas, messages);
    }

    /**
     * Starts a SIPp process with these arguments (after {@code sipp}) in the log folder; it is killed at
     * {@link #close}. For phones and callers the fixed methods here do not cover (the load driver).
     */
    Process sipp(List<String> args, String name) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        cmd.addAll(args);
        return spawn(cmd, name);
    }

    /** Registers {@code ext} with its contact on 127.0.0.1:{@code uasPort}; unregistered at {@link #close}. */
    void registerPhone(String ext, int uasPort) throws IOException, InterruptedException {
        register(ext, uasPort, 3600);
        registered.add(ext);
    }

    private void register(String ext, int uasPort, int expires) throws IOException, InterruptedException {
        // an explicit port: without -p SIPp takes 5060 when it is free, which is the PBX's own port
        int regPort = uasPort + 200;
        Process reg = spawn(List.of("sipp", "-sf", scenario("agent-register.xml"), "-i", "127.0.0.1", "-p",
                Integer.toString(regPort), "-m", "1",
                "-s", ext, "-au", ext, "-ap", passwords.get(ext), "-set", "uas_port", Integer.toString(uasPort),
                "-set", "expires", Integer.toString(expires), "-nostdin", "-timeout", "10", "127.0.0.1:5060"),
                "register-" + ext + "-" + expires);
        if (!reg.waitFor(20, TimeUnit.SECONDS) || reg.exitValue() != 0) {
            reg.destroyForcibly();
            throw new AssertionError("agent " + ext + " could not register (expires " + expires + "), see "
                    + logDir);
        }
    }

    /**
     * The carrier's side of a call the PBX places out (a ticket's follow-up call): a SIPp UAS on
     * 127.0.0.2:5060 that rings {@code ringMs}, answers, plays the speech sample and hangs up after
     * {@code talkMs}. Not at the same time as {@link #call}, which uses the same address.
     */
    Phone owner(int ringMs, int talkMs) throws IOException, InterruptedException {
        Path messages = logDir.resolve("owner-" + (++spawned) + "-messages.log");
        Process uas = spawn(List.of("sipp", "-sf", scenario("agent-answer.xml"), "-i", "127.0.0.2", "-p", "5060",
                "-mp", "6000", "-m", "1", "-aa", "-nostdin", "-timeout", "120", "-set", "ring_ms",
                Integer.toString(ringMs), "-set", "talk_ms", Integer.toString(talkMs), "-trace_msg",
                "-message_file", messages.toString()), "owner-" + spawned);
        Thread.sleep(300);
        if (!uas.isAlive()) {
            throw new AssertionError("owner SIPp on 127.0.0.2:5060 exited at once, see " + logDir);
        }
        return new Phone(uas, messages);
    }

    /** The carrier calls the hotline from {@code caller}; returns the running SIPp process. */
    Process call(String caller, int maxRingMs, int talkMs) throws IOException {
        return spawn(List.of("sipp", "-sf", scenario("carrier-call.xml"), "-i", "127.0.0.2", "-p", "5060",
                "-mp", "6000", "-s", "400", "-m", "1", "-set", "caller", caller, "-set", "max_ring_ms",
                Integer.toString(maxRingMs), "-set", "talk_ms", Integer.toString(talkMs), "-nostdin",
                "-timeout", "120", "-trace_msg", "-message_file",
                logDir.resolve("carrier-" + caller + "-messages.log").toString(), "127.0.0.1:5060"),
                "carrier-" + caller);
    }

    /**
     * How long the phone really rang before answering, from its own trace: the time between sending
     * 180 Ringing and sending 200 OK (SIPp answers up to ~100 ms after its scripted delay).
     */
    static long measuredRingMillis(Path messages) throws IOException {
        List<String> lines = Files.readAllLines(messages, StandardCharsets.ISO_8859_1);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
        java.time.LocalDateTime stamp = null;
        java.time.LocalDateTime ringing = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("-----") && l.length() > 26) {
                stamp = java.time.LocalDateTime.parse(l.substring(l.length() - 26), f);
            } else if (l.startsWith("UDP message sent") && i + 2 < lines.size()) {
                String first = lines.get(i + 2).trim();
                if (first.startsWith("SIP/2.0 180") && ringing == null) {
                    ringing = stamp;
                } else if (first.startsWith("SIP/2.0 200") && ringing != null) {
                    return java.time.Duration.between(ringing, stamp).toMillis();
                }
            }
        }
        throw new AssertionError("no 180 followed by 200 sent in " + messages);
    }

    /** When the phone received its first INVITE, from its own trace (SIPp stamps local time). */
    static java.time.Instant firstInviteAt(Path messages) throws IOException {
        List<String> lines = Files.readAllLines(messages, StandardCharsets.ISO_8859_1);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
        java.time.LocalDateTime stamp = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("-----") && l.length() > 26) {
                stamp = java.time.LocalDateTime.parse(l.substring(l.length() - 26), f);
            } else if (l.startsWith("UDP message received") && i + 2 < lines.size()
                    && lines.get(i + 2).trim().startsWith("INVITE ") && stamp != null) {
                return stamp.atZone(java.time.ZoneId.systemDefault()).toInstant();
            }
        }
        throw new AssertionError("no INVITE received in " + messages);
    }

    /** Waits for a SIPp process to finish and requires success. */
    static void awaitSuccess(Process p, String what, Duration timeout) throws InterruptedException {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not finish within " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(what + " failed with exit code " + p.exitValue());
        }
    }

    /** Scenario files used instead of src/test/sipp's of the same name (variants a test made). */
    final Map<String, Path> scenarioOverrides = new HashMap<>();

    private String scenario(String name) {
        Path p = scenarioOverrides.getOrDefault(name, SIPP_DIR.resolve(name));
        if (!Files.exists(p)) {
            throw new AssertionError("SIPp scenario missing: " + p);
        }
        return p.toString();
    }

    private Process spawn(List<String> cmd, String name) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(logDir.toFile()).redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".out").toFile()).start();
        processes.add(p);
        return p;
    }

    /** Host path of a recording file the PBX reported with its in-PBX path. */
    static Path hostPath(String pbxPath) {
        return ROOT.resolve(pbxPath.startsWith("/") ? pbxPath.substring(1) : pbxPath);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String ext : registered) {
            int n = Integer.parseInt(ext.substring(ext.length() - 1));
            try {
                register(ext, (ext.startsWith("81") ? 5200 : 5100) + n, 0);
            } catch (AssertionError e) {
                // the PBX may be down in a failure test; the registration expires anyway
            }
        }
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }
}
