package com.example.hotline.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asterisk's side of the AMI wire protocol, as the test servers (the transcript replayer and the
 * benchmark's streamer) speak it: the banner, reading an action, and the answers Asterisk 22 gives
 * to login, keep-alive and an empty channel list. Stateless.
 */
public final class AmiTestProtocol {

    public static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";

    private AmiTestProtocol() {}

    /** The next action's headers (names lower-cased), or null at the end of the stream. */
    public static Map<String, String> readAction(BufferedReader in) throws IOException {
        Map<String, String> action = new LinkedHashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    action.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
                }
            } else if (!action.isEmpty()) {
                return action;
            }
        }
        return null;
    }

    public static String name(Map<String, String> action) {
        return action.getOrDefault("action", "").toLowerCase();
    }

    public static String id(Map<String, String> action) {
        return action.getOrDefault("actionid", "");
    }

    /** Answers any action but CoreShowChannels the way Asterisk does at login and keep-alive. */
    public static void reply(OutputStream out, Map<String, String> action) throws IOException {
        String id = id(action);
        switch (name(action)) {
            case "challenge" -> send(out, "Response: Success\nActionID: " + id + "\nChallenge: 840415273");
            case "login" -> send(out, "Response: Success\nActionID: " + id + "\nMessage: Authentication accepted");
            case "ping" -> send(out, "Response: Success\nActionID: " + id + "\nPing: Pong\nTimestamp: 1795434000.0");
            case "logoff" -> send(out, "Response: Goodbye\nActionID: " + id + "\nMessage: Thanks for all the fish.");
            default -> send(out, "Response: Success\nActionID: " + id + "\nAMIversion: 11.0.0\nAsteriskVersion: 22.10.1");
        }
    }

    /** The CoreShowChannels answer of a PBX with no call in progress. */
    public static void emptyChannelList(OutputStream out, String id) throws IOException {
        send(out, "Response: Success\nActionID: " + id + "\nEventList: start\nMessage: Channels will follow");
        send(out, "Event: CoreShowChannelsComplete\nActionID: " + id + "\nEventList: Complete\nListItems: 0");
    }

    /** Sends one block (LF-separated headers) with CRLF line ends and the blank line that ends it. */
    public static void send(OutputStream out, String block) throws IOException {
        write(out, (block.strip().replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes and flushes; writers on the same stream do not interleave. */
    public static void write(OutputStream out, byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }
}
