package com.example.hotline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real server: {@code java -jar target/hotline.jar serve} in a child process with its own data
 * directory and a free HTTP port, talked to over HTTP like a script would. Its log is kept under
 * {@code target/it-logs}.
 */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("hotline.jar", "target/hotline.jar")).toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    final int httpPort;
    final Path log;
    private final Process process;
    private final String auth;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerProcess(Process process, int httpPort, Path log, String password) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        this.auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the jar with a config file in {@code dir}; {@code env} adds HOTLINE_* overrides. */
    static ServerProcess start(Path dir, Path log, String adminPassword, Map<String, String> env)
            throws IOException {
        if (!Files.exists(JAR)) {
            throw new AssertionError("server jar missing: " + JAR + " (run mvn package first)");
        }
        Files.createDirectories(dir);
        Files.createDirectories(log.getParent());
        int port = freePort();
        Path config = dir.resolve("hotline.properties");
        Files.writeString(config, "http.port=" + port + "\ndata.dir=" + dir.resolve("data") + "\n");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", JAR.toString(), "serve",
                "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("HOTLINE_") && !k.equals("HOTLINE_PBX_ROOT"));
        pb.environment().put("HOTLINE_ADMIN_PASSWORD", adminPassword);
        pb.environment().putAll(env);
        return new ServerProcess(pb.start(), port, log, adminPassword);
    }

    /** Starts the jar exactly as a user would with no configuration: contract defaults, cwd {@code dir}. */
    static ServerProcess startDefaults(Path dir, Path log, String adminPassword) throws IOException {
        return startDefaults(dir, log, adminPassword, adminPassword);
    }

    /** As above; {@code clientPassword} is what this fixture logs in with (the admin may already exist). */
    static ServerProcess startDefaults(Path dir, Path log, String adminPassword, String clientPassword)
            throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx512m", "-jar", JAR.toString(), "serve")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("HOTLINE_"));
        pb.environment().put("HOTLINE_ADMIN_PASSWORD", adminPassword);
        return new ServerProcess(pb.start(), 8080, log, clientPassword);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, auth);
    }

    /** GETs {@code path} with extra request headers ({@code Range}), the body as bytes. */
    HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", auth).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body} as the admin and returns the answer whatever its status. */
    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return post(path, contentType, body, Duration.ofSeconds(30));
    }

    /** As above, waiting at most {@code timeout} for the answer (a job that answers when done). */
    HttpResponse<String> post(String path, String contentType, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(timeout).header("Authorization", auth).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** PUTs {@code json} as the admin and returns the answer whatever its status. */
    HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, java.nio.charset.StandardCharsets.UTF_8)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Polls /health until {@code condition} holds; returns the health document. */
    JsonNode awaitHealth(String what, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited (" + process.exitValue() + ") while waiting for " + what
                        + "; log " + log);
            }
            try {
                HttpResponse<String> r = get("/health");
                if (r.statusCode() == 200) {
                    last = JSON.readTree(r.body());
                    if (condition.test(last)) {
                        return last;
                    }
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last health " + last
                + "; log " + log);
    }

    JsonNode awaitAmiUp(Duration timeout) throws Exception {
        return awaitHealth("AMI up", h -> "up".equals(h.path("ami").path("status").asText()), timeout);
    }

    /** The server's JVM process (its CPU and memory; the embedded PostgreSQL runs below it). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is orphaned. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
