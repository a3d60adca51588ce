package com.example.hotline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local PBX's dialplan (deploy/asterisk/extensions.conf) read as text: before a person answers the
 * caller hears nothing but the ring (C2), and the transfer guard cannot be bypassed or opened by a
 * missing server (C5).
 */
class DialplanTest {

    private static final Pattern APP = Pattern.compile("^(?:exten\\s*=>\\s*[^,]+,[^,]+|\\s*same\\s*=>\\s*[^,]+),\\s*([A-Za-z]+)\\((.*)\\)\\s*$");
    /** Applications that would play something to a caller who has not been answered by a person. */
    private static final List<String> PLAYS = List.of("Answer", "Playback", "Background", "Progress", "MusicOnHold",
            "StartMusicOnHold", "Read", "SayDigits", "SayNumber", "SayAlpha", "Echo", "Ringing");

    private static Map<String, List<String[]>> contexts() throws IOException {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        String current = null;
        for (String raw : Files.readAllLines(Path.of("deploy/asterisk/extensions.conf"), StandardCharsets.UTF_8)) {
            String line = raw.replaceAll(";.*$", "").stripTrailing();
            if (line.startsWith("[")) {
                current = line.substring(1, line.indexOf(']'));
                out.put(current, new ArrayList<>());
            } else if (current != null) {
                Matcher m = APP.matcher(line);
                if (m.matches()) {
                    out.get(current).add(new String[] {m.group(1), m.group(2)});
                }
            }
        }
        return out;
    }

    @Test
    void beforeAnswerTheHotlinePlaysNothingButTheRing() throws IOException {
        Map<String, List<String[]>> ctx = contexts();
        for (String name : List.of("hotline", "hotline-escalate")) {
            assertTrue(ctx.containsKey(name), "context " + name);
            for (String[] app : ctx.get(name)) {
                assertFalse(PLAYS.contains(app[0]), name + ": " + app[0] + "(" + app[1] + ") before answer (C2)");
                if (app[0].equals("Dial")) {
                    String[] args = app[1].split(",", -1);
                    assertTrue(args.length <= 2 || (args.length == 3 && args[2].matches("t?b\\([a-z-]+\\^s\\^1\\)")),
                            name + ": Dial with no option but transfer by the callee and the pre-dial handler (no "
                                    + "music, no announcement): Dial("
                                    + app[1] + ")");
                }
            }
        }
        // the PBX answers only in the recorded fallback, once nobody has picked up
        long answers = ctx.values().stream().flatMap(List::stream).filter(a -> a[0].equals("Answer")).count();
        assertEquals(1, answers, "one Answer() in the whole dialplan: the fallback's");
        assertTrue(ctx.get("hotline-fallback").stream().anyMatch(a -> a[0].equals("Answer")));
    }

    @Test
    void everyTransferOfAHotlineCallGoesThroughTheGuardWhichRefusesByDefault() throws IOException {
        Map<String, List<String[]>> ctx = contexts();
        assertTrue(ctx.get("hotline").stream().anyMatch(a -> a[0].equals("Set")
                && a[1].equals("__TRANSFER_CONTEXT=hotline-transfer")), "phones' transfers land in the guard");
        List<String[]> guard = ctx.get("hotline-transfer");
        assertEquals("AGI", guard.get(1)[0], "the guard asks the server: " + guard.get(1)[1]);
        assertTrue(guard.get(2)[1].contains("\"${AGISTATUS}\" = \"SUCCESS\" & \"${HOTLINE_XFER_OK}\" = \"1\""),
                "only an answering server's explicit yes lets a transfer through: " + guard.get(2)[1]);
        assertEquals("Set", guard.get(0)[0], "the verdict variable is cleared before asking");
        // every from-internal route sends a hotline channel, and the consultation call of a phone that
        // holds a hotline call, to the guard before dialling anything
        List<String[]> internal = ctx.get("from-internal");
        for (int i = 0; i < internal.size(); i++) {
            if (internal.get(i)[0].equals("Dial")) {
                String[] hotline = internal.get(i - 2);
                String[] consult = internal.get(i - 1);
                assertTrue(hotline[0].equals("GotoIf") && hotline[1].contains("${HOTLINE}")
                        && hotline[1].contains("hotline-transfer"), "from-internal Dial(" + internal.get(i)[1]
                        + ") is guarded for hotline channels");
                assertTrue(consult[0].equals("GotoIf") && consult[1].contains("GROUP_COUNT(${CHANNEL(endpoint)}"
                        + "@hotline-phone)"), "from-internal Dial(" + internal.get(i)[1] + ") is guarded for "
                        + "consultations");
            }
        }
        for (String name : List.of("hotline", "hotline-escalate", "hotline-transfer", "hotline-transfer-refused")) {
            for (String[] app : ctx.get(name)) {
                if (app[0].equals("Dial")) {
                    assertTrue(app[1].matches(".*,t?b\\(hotline-phone\\^s\\^1\\)"), name + ": every phone a hotline call "
                            + "rings is marked as holding one: Dial(" + app[1] + ")");
                }
            }
        }
    }

    /**
     * modules.conf loads only what it names (autoload=no): an application from a module it does not
     * load fails the call at that line ("No application ..."), so every application the dialplan
     * uses must be a PBX builtin or come from a loaded module.
     */
    @Test
    void everyApplicationTheDialplanUsesIsLoaded() throws IOException {
        Map<String, String> providedBy = new java.util.HashMap<>();
        for (String builtin : List.of("Answer", "BackGround", "Busy", "Congestion", "Goto", "GotoIf", "GotoIfTime",
                "Hangup", "NoOp", "Progress", "Ringing", "Set", "MSet", "Wait", "WaitExten", "Incomplete")) {
            providedBy.put(builtin, "pbx builtin");
        }
        Map<String, List<String>> modules = Map.of("app_dial.so", List.of("Dial"),
                "app_mixmonitor.so", List.of("MixMonitor", "StopMixMonitor"), "res_agi.so", List.of("AGI"),
                "app_stack.so", List.of("Gosub", "GosubIf", "Return", "StackPop"), "app_playback.so",
                List.of("Playback"), "app_echo.so", List.of("Echo"), "app_verbose.so", List.of("Verbose", "Log"),
                "app_transfer.so", List.of("Transfer"), "app_exec.so", List.of("Exec", "ExecIf", "TryExec"));
        String loaded = Files.readString(Path.of("deploy/asterisk/modules.conf"), StandardCharsets.UTF_8);
        modules.forEach((module, apps) -> {
            if (loaded.matches("(?s).*(?m)^load\\s*=>\\s*" + Pattern.quote(module) + ".*")) {
                apps.forEach(a -> providedBy.put(a, module));
            }
        });
        List<String> missing = new ArrayList<>();
        contexts().forEach((context, apps) -> {
            for (String[] app : apps) {
                if (!providedBy.containsKey(app[0])) {
                    missing.add(app[0] + " in [" + context + "]");
                }
            }
        });
        assertTrue(missing.isEmpty(), "applications no loaded module provides: " + missing);
    }
}
