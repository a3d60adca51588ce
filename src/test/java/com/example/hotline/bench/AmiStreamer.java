package com.example.hotline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A PBX stand-in for the benchmark: answers Challenge/Login/Ping/CoreShowChannels/Logoff the way
 * {@code ami.FakeAmiServer} does (and Asterisk does), and on the first CoreShowChannels of a
 * connection streams pre-encoded {@link SyntheticCalls} as fast as the socket takes them. Streaming
 * runs on its own thread ({@code bench-ami-stream}) so that pings sent meanwhile are still answered;
 * writes of whole chunks and of responses are serialised on the output stream, and chunks end on
 * event boundaries, so responses never split an event. One connection at a time.
 */
final class AmiStreamer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;
    private volatile SyntheticCalls calls;
    private volatile CountDownLatch sent = new CountDownLatch(1);
    private volatile long streamStartNanos;
    private volatile long streamEndNanos;
    private volatile Socket current;
    private volatile boolean closed;

    AmiStreamer() throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "bench-ami-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** What the next connection streams after its first CoreShowChannels. */
    void prepare(SyntheticCalls next) {
        this.calls = next;
        this.sent = new CountDownLatch(1);
    }

    /** System.nanoTime() when the first byte of the stream was written. */
    long startNanos() {
        return streamStartNanos;
    }

    /** Waits until the last chunk was handed to the socket; returns System.nanoTime() then. */
    long awaitSent(long timeout, TimeUnit unit) throws InterruptedException {
        if (!sent.await(timeout, unit)) {
            throw new IllegalStateException("stream not sent within " + timeout + " " + unit);
        }
        return streamEndNanos;
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                s.setSendBufferSize(1 << 20);
                current = s;
                serve(s);
            } catch (IOException e) {
                // peer logged off or server closed: accept the next connection
            }
        }
    }

    private void serve(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        write(out, "Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII));
        boolean streamed = false;
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
            String name = action.getOrDefault("action", "").toLowerCase();
            String id = action.getOrDefault("actionid", "");
            action = new LinkedHashMap<>();
            switch (name) {
                case "challenge" -> send(out, "Response: Success\nActionID: " + id + "\nChallenge: 840415273");
                case "login" -> send(out, "Response: Success\nActionID: " + id + "\nMessage: Authentication accepted");
                case "ping" -> send(out, "Response: Success\nActionID: " + id + "\nPing: Pong\nTimestamp: 1795434000.0");
                case "coreshowchannels" -> {
                    send(out, "Response: Success\nActionID: " + id + "\nEventList: start\nMessage: Channels will follow");
                    send(out, "Event: CoreShowChannelsComplete\nActionID: " + id + "\nEventList: Complete\nListItems: 0");
                    if (!streamed && calls != null) {
                        streamed = true;
                        startStream(out, calls);
                    }
                }
                case "logoff" -> send(out, "Response: Goodbye\nActionID: " + id + "\nMessage: Thanks for all the fish.");
                default -> send(out, "Response: Success\nActionID: " + id + "\nAMIversion: 11.0.0\nAsteriskVersion: 22.10.1");
            }
        }
    }

    private void startStream(OutputStream out, SyntheticCalls toSend) {
        CountDownLatch done = sent;
        Thread t = new Thread(() -> {
            try {
                streamStartNanos = System.nanoTime();
                for (byte[] chunk : toSend.chunks) {
                    write(out, chunk);
                }
                streamEndNanos = System.nanoTime();
            } catch (IOException e) {
                streamEndNanos = System.nanoTime();
                System.err.println("bench stream: connection closed while streaming: " + e);
            } finally {
                done.countDown();
            }
        }, "bench-ami-stream");
        t.setDaemon(true);
        t.start();
    }

    private static void send(OutputStream out, String block) throws IOException {
        write(out, (block.replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }
}
