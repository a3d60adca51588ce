package com.example.hotline.app;

import com.example.hotline.config.ConfigException;
import com.example.hotline.config.ConfigLoader;
import com.example.hotline.config.HotlineConfig;
import com.example.hotline.web.DirectoryImportHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code import-directory FILE.csv}: sends the file to the running server's
 * {@code POST /api/directory/import} (the embedded database belongs to the server process, so the
 * command talks to the server rather than to the database) and prints what it did. Exit codes:
 * {@value #OK} every row imported; {@value #SOME_BAD} some rows bad (the good ones are kept);
 * {@value #USAGE} bad usage, unreadable file, unusable header, refused login; {@value #UNREACHABLE}
 * the server cannot be reached or failed. Runs once on the calling thread.
 */
@Command(name = "import-directory", mixinStandardHelpOptions = true,
        description = {"Import the caller directory from a CSV file (header phone,name,building,room; more "
                + "columns allowed) into the running server.",
                "Exit: 0 all rows imported, 1 some rows bad (the good ones are kept), 2 bad usage, file or "
                        + "header, 3 server not reachable."})
final class ImportDirectoryCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int SOME_BAD = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    @Spec
    CommandSpec spec;

    /** The environment the configuration is read with (tests give their own). */
    Map<String, String> env = System.getenv();

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "the file to import (UTF-8 or GB18030)")
    Path file;

    @Option(names = "--config", description = "properties file of the server (for its address and admin password)")
    Path config;

    @Option(names = "--url", description = "the server, e.g. http://127.0.0.1:8080 (default: http.host and http.port)")
    String url;

    @Option(names = "--user", description = "user to sign in as (default: admin)")
    String user = "admin";

    @Option(names = "--password", description = "its password (default for admin: HOTLINE_ADMIN_PASSWORD, "
            + "admin.password, or the file data.dir/admin-password)")
    String password;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        byte[] body;
        try {
            if (!Files.isRegularFile(file)) {
                err.println("hotline: " + file + ": no such file");
                return USAGE;
            }
            if (Files.size(file) > DirectoryImportHandler.MAX_BYTES) {
                err.println("hotline: " + file + ": " + Files.size(file) + " bytes, the server accepts at most "
                        + DirectoryImportHandler.MAX_BYTES + " (10 MiB): split the file and import the parts");
                return USAGE;
            }
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("hotline: cannot read " + file + ": " + e.getMessage());
            return USAGE;
        }
        URI endpoint;
        String secret;
        try {
            HotlineConfig cfg = url == null || password == null ? ConfigLoader.load(config, env) : null;
            endpoint = endpoint(url != null ? url : baseUrl(cfg.http()));
            secret = password != null ? password : adminPassword(cfg);
        } catch (ConfigException e) {
            err.println("hotline: configuration error: " + e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("hotline: " + e.getMessage());
            return USAGE;
        }
        HttpResponse<String> response;
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "text/csv")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("hotline: cannot reach the hotline server at " + endpoint + ": " + describe(e)
                    + " (is it running? start it with: hotline serve)");
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("hotline: interrupted while importing");
            return UNREACHABLE;
        }
        return report(response, out, err);
    }

    private int report(HttpResponse<String> response, PrintWriter out, PrintWriter err) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        int status = response.statusCode();
        if (status != 200 || json == null) {
            String message = json != null && json.hasNonNull("error") ? json.get("error").asText()
                    : "HTTP " + status;
            String hint = switch (status) {
                case 401 -> " (user " + user + ": wrong password? see --password)";
                case 403 -> " (user " + user + ")";
                default -> "";
            };
            err.println("hotline: " + file + " not imported: " + message + hint);
            return status >= 400 && status < 500 ? USAGE : UNREACHABLE;
        }
        JsonNode errors = json.path("errors");
        out.printf("%s: rows read %d, inserted %d, updated %d, unchanged %d, bad %d%n", file,
                json.path("read").asInt(), json.path("inserted").asInt(), json.path("updated").asInt(),
                json.path("unchanged").asInt(), errors.size());
        if (!"UTF-8".equals(json.path("charset").asText("UTF-8"))) {
            out.println("  (read as " + json.path("charset").asText() + ", not UTF-8)");
        }
        for (JsonNode e : errors) {
            out.printf("  line %d: %s%s%n", e.path("line").asInt(), e.path("reason").asText(),
                    e.hasNonNull("phone") ? " [phone " + e.get("phone").asText() + "]" : "");
        }
        if (errors.size() > 0) {
            out.println("the bad rows were not imported; the others were. Fix those lines and import again "
                    + "(rows already imported are updated, not duplicated).");
            return SOME_BAD;
        }
        return OK;
    }

    private static URI endpoint(String base) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        try {
            URI uri = new URI(b + "/api/directory/import");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--url " + base + ": expected http://HOST:PORT");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url " + base + ": expected http://HOST:PORT");
        }
    }

    /** The server's own address; a wildcard listener is reached on loopback. */
    static String baseUrl(HotlineConfig.Http http) {
        InetAddress host = http.host();
        String h;
        if (host.isAnyLocalAddress()) {
            h = host instanceof Inet6Address ? "[::1]" : "127.0.0.1";
        } else {
            h = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        }
        return "http://" + h + ":" + http.port();
    }

    static String adminPassword(HotlineConfig cfg) {
        String configured = cfg.adminPassword().value();
        if (!configured.isEmpty()) {
            return configured;
        }
        Path generated = cfg.paths().dataDir().resolve("admin-password");
        try {
            String p = Files.readString(generated, StandardCharsets.UTF_8).strip();
            if (!p.isEmpty()) {
                return p;
            }
        } catch (IOException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("no password: give --password, set HOTLINE_ADMIN_PASSWORD or admin.password, "
                + "or run where " + generated + " is readable");
    }

    static String describe(IOException e) {
        if (e instanceof java.net.ConnectException && (e.getMessage() == null || e.getMessage().isBlank())) {
            return "connection refused";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
