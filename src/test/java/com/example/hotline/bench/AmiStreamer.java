package com.example.hotline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import com.example.hotline.ami.AmiTestProtocol;
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
        AmiTestProtocol.write(out, AmiTestProtocol.BANNER.getBytes(StandardCharsets.US_ASCII));
        boolean streamed = false;
        Map<String, String> action;
        while ((action = AmiTestProtocol.readAction(in)) != null) {
            if (!"coreshowchannels".equals(AmiTestProtocol.name(action))) {
                AmiTestProtocol.reply(out, action);
                continue;
            }
            AmiTestProtocol.emptyChannelList(out, AmiTestProtocol.id(action));
            if (!streamed && calls != null) {
                streamed = true;
                startStream(out, calls);
            }
        }
    }

    private void startStream(OutputStream out, SyntheticCalls toSend) {
        CountDownLatch done = sent;
        Thread t = new Thread(() -> {
            try {
                streamStartNanos = System.nanoTime();
                for (byte[] chunk : toSend.chunks) {
                    AmiTestProtocol.write(out, chunk);
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
