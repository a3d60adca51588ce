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
    /** An event starting with this is sent as raw bytes (each char 0-255 one byte), for damaged input. */
    static final String RAW = "\u0000raw:";

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
        AmiTestProtocol.write(out, AmiTestProtocol.BANNER.getBytes(StandardCharsets.UTF_8));
        Map<String, String> action;
        while ((action = AmiTestProtocol.readAction(in)) != null) {
            String name = AmiTestProtocol.name(action);
            actionsSeen.add(name);
            if (!"coreshowchannels".equals(name)) {
                AmiTestProtocol.reply(out, action);
                continue;
            }
            String id = AmiTestProtocol.id(action);
            if (session.listing().isEmpty()) {
                AmiTestProtocol.emptyChannelList(out, id);
            } else {
                for (String b : session.listing()) {
                    AmiTestProtocol.send(out, b.replaceAll("(?m)^ActionID: .*$", "ActionID: " + id));
                }
            }
            for (String e : session.events()) {
                if (e.startsWith(RAW)) {
                    // bytes as they are (chars 0-255), no line-end rewriting: damaged input
                    AmiTestProtocol.write(out, (e.substring(RAW.length()) + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    AmiTestProtocol.send(out, e);
                }
            }
            if (session.drop()) {
                return; // closes the socket: asterisk-java sees the PBX go away
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnection();
    }
}
