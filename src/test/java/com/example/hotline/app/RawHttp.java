package com.example.hotline.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A deliberately dumb HTTP client for fuzzing: writes exactly the bytes it is given to a loopback
 * socket, half-closes, and reads whatever comes back until the server closes or the answer's
 * {@code Content-Length} is complete. Nothing is validated or encoded on the way out.
 */
final class RawHttp {

    /** What came back: the status (-1 when the server closed without answering), headers and body. */
    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * Sends {@code request}; {@code unfinished}: the request may be incomplete, so the client half-closes
     * after it (the server then sees the end of its input). A complete request is not half-closed, as
     * the server may close a half-closed connection before its answer is written.
     */
    Answer send(byte[] request, boolean unfinished) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(15_000);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
                if (unfinished) {
                    s.shutdownOutput();
                }
            } catch (SocketException e) {
                // the server answered and closed before taking everything (a refused huge request): read it
            }
            return read(s.getInputStream());
        }
    }

    Answer send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int headEnd = -1;
        long expected = -1;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                all.write(buf, 0, n);
                if (headEnd < 0) {
                    headEnd = indexOf(all.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    if (headEnd >= 0) {
                        String head = all.toString(StandardCharsets.ISO_8859_1).substring(0, headEnd);
                        for (String line : head.split("\r\n")) {
                            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                                expected = Long.parseLong(line.substring(15).trim());
                            }
                        }
                    }
                }
                if (headEnd >= 0 && expected >= 0 && all.size() >= headEnd + 4 + expected) {
                    break;
                }
            }
        } catch (SocketException e) {
            // reset after the answer (the server closed while our request was still coming)
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within 15 s; got so far: "
                    + all.toString(StandardCharsets.ISO_8859_1));
        }
        String text = all.toString(StandardCharsets.UTF_8);
        if (headEnd < 0) {
            return new Answer(-1, text, "");
        }
        String head = text.substring(0, Math.min(text.length(), text.indexOf("\r\n\r\n")));
        String body = text.substring(Math.min(text.length(), head.length() + 4));
        String[] statusLine = head.split("\r\n", 2)[0].split(" ");
        int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -2;
        return new Answer(status, head, body);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
