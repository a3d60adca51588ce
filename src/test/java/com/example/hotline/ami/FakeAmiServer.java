package com.example.hotline.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replays AMI text captured from the real PBX (src/test/resources/ami) to a real asterisk-java
 * connection: answers Challenge/Login/Ping/CoreShowChannels like Asterisk and then sends the
 * captured events. Proves parsing and correlation, never a capability. One connection at a time;
 * {@link #dropConnection} closes it to simulate a PBX going away.
 */
final class FakeAmiServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Session> sessions;
    private int connections;
    private final List<String> actionsSeen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Socket current;
    private volatile boolean closed;

    /**
     * @param events  event blocks sent after the channel listing was answered
     * @param listing the CoreShowChannels answer (response + events), or empty for "no channels"
     */
    FakeAmiServer(List<String> events, List<String> listing) throws IOException {
        this(List.of(new Session(listing, events, false)));
    }

    /**
     * What one connection gets: the CoreShowChannels answer, then events, then (if {@code drop}) the
     * connection is closed as a PBX restart or network cut would. The last session repeats.
     */
    record Session(List<String> listing, List<String> events, boolean drop) {}

    FakeAmiServer(List<Session> sessions) throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.sessions = sessions;
        this.thread = new Thread(this::acceptLoop, "fake-ami");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> actionsSeen() {
        return actionsSeen;
    }

    /** Blocks of a transcript file separated by blank lines. */
    static List<String> blocks(String resource) {
        try {
            Path p = Path.of("src/test/resources/ami", resource);
            String text = Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
            List<String> out = new ArrayList<>();
            for (String b : text.split("\n\n")) {
                if (!b.isBlank()) {
                    out.add(b.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void dropConnection() throws IOException {
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket s = server.accept()) {
                current = s;
                Session session = sessions.get(Math.min(connections++, sessions.size() - 1));
                serve(s, session);
            } catch (IOException e) {
                // connection dropped or server closed: accept the next one
            }
        }
    }

    private void serve(Socket s, Session session) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        write(out, "Asterisk Call Manager/11.0.0\r\n");
        Map<String, String> action = new LinkedHashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    action.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
                }
                continue;
            }
            if (action.isEmpty()) {
                continue;
            }
            if (answer(out, action, session) && session.drop()) {
                return; // closes the socket: asterisk-java sees the PBX go away
            }
            action = new LinkedHashMap<>();
        }
    }

    /** Answers one action; true when the session's events have been sent. */
    private boolean answer(OutputStream out, Map<String, String> action, Session session) throws IOException {
        List<String> listing = session.listing();
        String name = action.getOrDefault("action", "").toLowerCase();
        String id = action.getOrDefault("actionid", "");
        actionsSeen.add(name);
        switch (name) {
            case "challenge" -> send(out, "Response: Success\nActionID: " + id + "\nChallenge: 840415273");
            case "login" -> send(out, "Response: Success\nActionID: " + id + "\nMessage: Authentication accepted");
            case "ping" -> send(out, "Response: Success\nActionID: " + id + "\nPing: Pong\nTimestamp: 1795434000.0");
            case "coreshowchannels" -> {
                if (listing.isEmpty()) {
                    send(out, "Response: Success\nActionID: " + id + "\nEventList: start\nMessage: Channels will follow");
                    send(out, "Event: CoreShowChannelsComplete\nActionID: " + id + "\nEventList: Complete\nListItems: 0");
                } else {
                    for (String b : listing) {
                        send(out, b.replaceAll("(?m)^ActionID: .*$", "ActionID: " + id));
                    }
                }
                for (String e : session.events()) {
                    send(out, e);
                }
                return true;
            }
            case "logoff" -> send(out, "Response: Goodbye\nActionID: " + id + "\nMessage: Thanks for all the fish.");
            default -> send(out, "Response: Success\nActionID: " + id + "\nAMIversion: 11.0.0\nAsteriskVersion: 22.10.1");
        }
        return false;
    }

    private static void send(OutputStream out, String block) throws IOException {
        write(out, block.strip().replace("\n", "\r\n") + "\r\n\r\n");
    }

    private static synchronized void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnection();
    }
}
